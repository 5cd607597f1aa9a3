"""The timeline names each kind of history row: an import or an override is not an "edit"."""

from django.urls import reverse

from homeward.cases.models import CaseEvent, CaseEventKind, CaseState
from tests.factories import case_in_state


def test_import_and_override_rows_are_named_as_such(client, officer, counsellor, movement):
    case = case_in_state(CaseState.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    CaseEvent.objects.create(case=case, actor=officer, kind=CaseEventKind.IMPORT, to_state=CaseState.REGISTERED)
    CaseEvent.objects.create(case=case, actor=officer, kind=CaseEventKind.OVERRIDE, reason="Justified.")
    client.force_login(officer)

    page = client.get(reverse("case_detail", kwargs={"reference": case.reference})).content.decode()

    assert "<strong>Imported</strong> · Registered" in page
    assert "<strong>Eligibility overridden</strong>" in page
    assert "<strong>Edited</strong>" not in page
