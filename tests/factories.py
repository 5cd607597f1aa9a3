"""Factories for tests: organisations and users through factory_boy, cases through the real services."""

from __future__ import annotations

import datetime

import factory

from homeward.cases import services as case_services
from homeward.cases.models import Case, CaseState, Relation
from homeward.cases.services import MemberData
from homeward.organisations.models import Organisation, OrganisationType, Programme, User, UserRole
from homeward.people.models import DatePrecision, Sex
from homeward.people.services import PersonData

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda number: f"Partner {number}")
    type = OrganisationType.NGO
    country = "BE"
    city = "Brussels"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda number: f"user{number}")
    first_name = "Test"
    last_name = factory.Sequence(lambda number: f"User {number}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        for role in extracted or []:
            UserRole.objects.create(user=self, role=role)


def person_data(
    family_name: str = "Shevchenko",
    given_names: str = "Oleksandr",
    *,
    sex: str = Sex.MALE,
    date_of_birth: datetime.date | None = datetime.date(1985, 11, 3),
    nationality: str = "UA",
) -> PersonData:
    return PersonData(
        family_name=family_name,
        given_names=given_names,
        sex=sex,
        date_of_birth=date_of_birth,
        date_of_birth_precision=DatePrecision.DAY if date_of_birth else DatePrecision.UNKNOWN,
        nationality=nationality,
    )


def principal(**kwargs) -> MemberData:
    return MemberData(person=person_data(**kwargs), relation=Relation.PRINCIPAL)


def member(relation: str = Relation.CHILD, **kwargs) -> MemberData:
    return MemberData(person=person_data(**kwargs), relation=relation)


# The moves that bring a fresh registered case to each state, and who makes them.
PATH_FROM_REGISTERED: dict[str, list[tuple[str, str]]] = {
    CaseState.REGISTERED: [],
    CaseState.UNDER_REVIEW: [(CaseState.UNDER_REVIEW, "officer")],
}
PATH_FROM_REGISTERED[CaseState.APPROVED] = [*PATH_FROM_REGISTERED[CaseState.UNDER_REVIEW],
                                            (CaseState.APPROVED, "officer")]
PATH_FROM_REGISTERED[CaseState.REJECTED] = [*PATH_FROM_REGISTERED[CaseState.UNDER_REVIEW],
                                            (CaseState.REJECTED, "officer")]
PATH_FROM_REGISTERED[CaseState.TRAVEL_PREPARATION] = [*PATH_FROM_REGISTERED[CaseState.APPROVED],
                                                      (CaseState.TRAVEL_PREPARATION, "movement")]
PATH_FROM_REGISTERED[CaseState.BOOKED] = [*PATH_FROM_REGISTERED[CaseState.TRAVEL_PREPARATION],
                                          (CaseState.BOOKED, "movement")]
PATH_FROM_REGISTERED[CaseState.DEPARTED] = [*PATH_FROM_REGISTERED[CaseState.BOOKED],
                                            (CaseState.DEPARTED, "movement")]
PATH_FROM_REGISTERED[CaseState.WITHDRAWN] = [(CaseState.WITHDRAWN, "officer")]
PATH_FROM_REGISTERED[CaseState.NO_SHOW] = [*PATH_FROM_REGISTERED[CaseState.BOOKED],
                                           (CaseState.NO_SHOW, "movement")]
PATH_FROM_REGISTERED[CaseState.CLOSED] = [*PATH_FROM_REGISTERED[CaseState.DEPARTED],
                                          (CaseState.CLOSED, "officer")]


def case_in_state(
    state: str,
    *,
    counsellor: User,
    officer: User,
    movement: User,
    programme: Programme | None = None,
    destination: str = "UA",
    members: list[MemberData] | None = None,
    applicant: MemberData | None = None,
) -> Case:
    """A case referred by the counsellor's organisation, brought to `state` through the real services (the principal
    applicant `applicant`, or the default person)."""
    programme = programme or Programme.objects.get(code="REAB")
    case = case_services.case_register(
        actor=counsellor,
        programme=programme,
        referring_partner=counsellor.organisation,
        destination=destination,
        reab_category="ASYLUM_REJECTED" if programme.uses_reab_categories else "",
        avrrl_status="" if programme.uses_reab_categories else "ASYLUM_REJECTED",
        principal=applicant or principal(),
        members=members or [],
        submit=state != CaseState.DRAFT,
    )
    if state == CaseState.DRAFT:
        return case
    actors = {"officer": officer, "movement": movement}
    for target, who in PATH_FROM_REGISTERED[state]:
        case = case_services.case_transition(
            actor=actors[who],
            case=case,
            to_state=target,
            reason="Reason given in the test." if target in {CaseState.REJECTED, CaseState.WITHDRAWN,
                                                             CaseState.NO_SHOW} else "",
            departed_on=datetime.date.today() if target == CaseState.DEPARTED else None,
        )
    return case
