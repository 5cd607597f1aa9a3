from homeward.cases.models import CaseState
from tests.factories import case_in_state


def test_a_case_reaches_every_state(counsellor, officer, movement):
    for state in CaseState.values:
        case = case_in_state(state, counsellor=counsellor, officer=officer, movement=movement)
        assert case.state == state
