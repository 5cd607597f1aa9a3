"""Every read of cases that depends on who is asking goes through here.

A partner sees the cases it referred; the country office sees all; an office abroad sees approved cases returning
to its country; a programme manager reads its programme. Anything else does not exist for the user (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

from django.db import connection
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django_countries.fields import Country

from homeward.cases.models import Case, CaseMember, CaseState, MemberOutcome, Relation
from homeward.cases.workflow import APPROVED_STATES
from homeward.core.errors import NotVisible
from homeward.core.references import reference_normalise
from homeward.organisations.models import Role, User
from homeward.people.names import NAMES_APART, name_fold


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


PERMUTED_UP_TO = 3  # words of a search written as one pattern in every order (3! = 6 branches); more: lookaheads


def case_search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Cases whose reference is `text`, or with a household member whose name contains every word of it."""
    text = text.strip()
    if not text:
        return cases
    reference = reference_normalise(text)
    if reference is not None:
        return cases.filter(reference=reference)
    folded = dict.fromkeys(name_fold(text).split())
    # A word inside another ("al" in "alvarez") is found with it, not as a second word of the name.
    words = [word for word in folded if not any(word != other and word in other for other in folded)]
    if not words:
        return cases.none()
    # The case row carries its household's names (Case.search_names, one person after another between NAMES_APART):
    # the search reads cases, not their members and persons (docs/architecture.md, "The name search").
    if len(words) == 1:
        return cases.filter(search_names__contains=words[0])
    # Every word in one person's name, in any order: within one stretch between two NAMES_APART.
    person = rf"(^|\{NAMES_APART})[^{NAMES_APART}]*"
    if len(words) <= PERMUTED_UP_TO:
        # One pattern that PostgreSQL's trigram index serves and its statistics estimate as they are.
        pattern = person + "(" + "|".join(f"[^{NAMES_APART}]*".join(order) for order in permutations(words)) + ")"
    else:
        # Lookaheads, which the trigram index cannot read: the words' own conditions below find the rows.
        pattern = rf"(^|\{NAMES_APART})" + "".join(f"(?=[^{NAMES_APART}]*{word})" for word in words)
    if connection.vendor != "postgresql" or len(words) > PERMUTED_UP_TO:
        # SQLite reads the rows: a LIKE per word first spares Python's regular expression most of them.
        for word in words:
            cases = cases.filter(search_names__contains=word)
    return cases.filter(search_names__regex=pattern)


def case_list_annotate(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What a row of the case list shows, in a constant number of queries whatever the page size (the household's
    size is on the case row: Case.persons)."""
    principal = CaseMember.objects.filter(case=OuterRef("pk"), relation=Relation.PRINCIPAL)
    return (
        cases.select_related("programme", "referring_partner")
        .annotate(principal_name=Subquery(principal.values("person__family_name")[:1]))
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
