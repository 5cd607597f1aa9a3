"""Every read of cases that depends on who is asking goes through here.

A partner sees the cases it referred; the country office sees all; an office abroad sees approved cases returning
to its country; a programme manager reads its programme. Anything else does not exist for the user (404).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django_countries.fields import Country

from homeward.cases.models import Case, CaseMember, CaseState, MemberOutcome, Relation
from homeward.cases.workflow import APPROVED_STATES
from homeward.core.errors import NotVisible
from homeward.core.references import reference_normalise
from homeward.organisations.models import Role, User
from homeward.people.names import name_fold


def cases_visible_to(user: User) -> QuerySet[Case]:
    cases = Case.objects.all()
    if not user.is_authenticated or not user.is_active:
        return cases.none()
    if user.is_country_office_staff:
        return cases
    organisation = user.organisation
    if organisation is None:
        return cases.none()
    scope = Q(pk__in=[])
    if user.has_role(Role.PARTNER_COUNSELLOR):
        scope |= Q(referring_partner=organisation)
    if user.has_role(Role.OFFICE_ABROAD):
        # Once approved the case is theirs to receive; after departure (even closed) theirs to support.
        scope |= Q(destination=organisation.country) & (
            Q(state__in=APPROVED_STATES) | Q(state=CaseState.CLOSED, departed_on__isnull=False)
        )
    if user.has_role(Role.PROGRAMME_MANAGER):
        # A draft is the partner's work in progress, not yet an application to the programme.
        scope |= Q(programme__managed_by=organisation) & ~Q(state=CaseState.DRAFT)
    return cases.filter(scope)


def case_for(user: User, reference: str) -> Case:
    """The case with that reference if the user may see it; NotVisible (404) otherwise, existing or not."""
    canonical = reference_normalise(reference)
    if canonical is None:
        raise NotVisible()
    try:
        return cases_visible_to(user).select_related("programme", "referring_partner").get(reference=canonical)
    except Case.DoesNotExist:
        raise NotVisible() from None


def case_members(case: Case) -> QuerySet[CaseMember]:
    return case.members.select_related("person").prefetch_related("vulnerabilities", "person__documents")


SEARCH_FIRST = 5_000  # cases found by a name search and then looked up by key; more: the search walks the cases


def case_search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Cases whose reference is `text`, or with a household member whose name contains every word of it."""
    return case_search_counted(cases, text)[0]


def case_search_counted(cases: QuerySet[Case], text: str) -> tuple[QuerySet[Case], bool]:
    """`case_search`, and whether it found more than SEARCH_FIRST of `cases` (a list need not count them then)."""
    text = text.strip()
    if not text:
        return cases, False
    reference = reference_normalise(text)
    if reference is not None:
        return cases.filter(reference=reference), False
    words = name_fold(text).split()
    if not words:
        return cases.none(), False
    members = CaseMember.objects.all()
    for word in words:
        members = members.filter(person__search_name__contains=word)
    # The persons first (a trigram index serves `contains` on PostgreSQL), then their cases by key: asked the other
    # way round the database walks the cases newest first and tries each, every case of the register for a rare
    # name. A name that more than SEARCH_FIRST of the cases share is met early in that walk: then it is quicker.
    found = list(members.filter(case__in=cases).order_by().values_list("case_id", flat=True)
                 .distinct()[: SEARCH_FIRST + 1])
    if len(found) <= SEARCH_FIRST:
        return cases.filter(pk__in=found), False
    return cases.filter(Exists(members.filter(case=OuterRef("pk")))), True


def case_list_annotate(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What a row of the case list shows, in a constant number of queries whatever the page size. Subqueries, not a
    GROUP BY: the database counts the members of the page's rows only, not of every case in the register."""
    principal = CaseMember.objects.filter(case=OuterRef("pk"), relation=Relation.PRINCIPAL)
    members = CaseMember.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(size=Count("id"))
    return (
        cases.select_related("programme", "referring_partner")
        .annotate(
            household_size=Subquery(members.values("size"), output_field=IntegerField()),
            principal_name=Subquery(principal.values("person__family_name")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CaseMember.objects.filter(relation=Relation.PRINCIPAL).select_related("person"),
                to_attr="principal_members",
            )
        )
    )


@dataclass(frozen=True)
class YearFigures:
    year: int
    persons_registered: int
    persons_departed: int
    top_destinations: list[tuple[Country, int]]


def year_figures(cases: QuerySet[Case], year: int, *, top: int = 5) -> YearFigures:
    """Persons registered and departed in `year` among `cases`, counted by the database, not in Python."""
    members = CaseMember.objects.filter(case__in=cases)
    departed = members.filter(outcome=MemberOutcome.DEPARTED, departed_on__year=year)
    destinations = (
        departed.order_by().values_list("case__destination").annotate(persons=Count("id")).order_by("-persons")[:top]
    )
    return YearFigures(
        year=year,
        persons_registered=members.filter(case__registered_on__year=year).count(),
        persons_departed=departed.count(),
        top_destinations=[(Country(code), persons) for code, persons in destinations],
    )
