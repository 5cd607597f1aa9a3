"""The snapshot of facts the rules look at, built from a case and the register (earlier departures, reimbursements)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch

from homeward.cases.models import Case, CaseMember, MemberOutcome
from homeward.cases.screening import identity_ids
from homeward.eligibility.models import Reimbursement
from homeward.eligibility.rules import Facts, PreviousReturn
from homeward.people.models import Person


def _previous_returns(
    persons: Iterable[Person], *, excluding_case_ids: set[int], on: datetime.date
) -> dict[int, list[PreviousReturn]]:
    """Every departure of these persons recorded in Homeward up to `on`, and whether it was reimbursed by then;
    a person's departures include those of the persons a case officer confirmed to be the same (screening)."""
    groups = identity_ids(persons)
    owner = {other: person for person, group in groups.items() for other in group}
    departures = (
        CaseMember.objects.filter(person_id__in=list(owner), outcome=MemberOutcome.DEPARTED, departed_on__lte=on)
        .exclude(case_id__in=excluding_case_ids)
        .annotate(reimbursed=Exists(Reimbursement.objects.filter(member=OuterRef("pk"), reimbursed_on__lte=on)))
        .values_list("person_id", "case__programme__code", "departed_on", "reimbursed")
    )
    returns: dict[int, list[PreviousReturn]] = defaultdict(list)
    for person_id, programme, departed_on, reimbursed in departures:
        if departed_on is not None:
            returns[owner[person_id]].append(PreviousReturn(programme, departed_on, bool(reimbursed)))
    return returns


def cases_with_facts(cases: Iterable[Case]) -> list[Case]:
    """Load what the facts need, for many cases at once (the impact preview evaluates the open caseload)."""
    return list(
        Case.objects.filter(pk__in=[case.pk for case in cases])
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CaseMember.objects.select_related("person").prefetch_related("vulnerabilities"),
            )
        )
    )


def facts_for_cases(cases: list[Case], decision_date: datetime.date) -> dict[int, list[tuple[CaseMember, Facts]]]:
    """For each case id, each member with the facts the rules need (members must be prefetched)."""
    return facts_for_households([(case, list(case.members.all())) for case in cases], decision_date)


def facts_for_households(households: list[tuple[Case, list[CaseMember]]], decision_date: datetime.date
                         ) -> dict[int, list[tuple[CaseMember, Facts]]]:
    """As `facts_for_cases`, for cases whose members were read already (with their persons and vulnerabilities)."""
    cases = [case for case, _members in households]
    members = [member for _case, household in households for member in household]
    previous = _previous_returns(
        [member.person for member in members], excluding_case_ids={case.pk for case in cases}, on=decision_date
    )
    result: dict[int, list[tuple[CaseMember, Facts]]] = {}
    for case, household in households:
        category = case.reab_category if case.programme.uses_reab_categories else case.avrrl_status
        result[case.pk] = [
            (
                member,
                Facts(
                    programme=case.programme.code,
                    decision_date=decision_date,
                    category=category,
                    nationality=str(member.person.nationality or ""),
                    destination=str(case.destination),
                    recognised_refugee=member.recognised_refugee,
                    has_means=case.has_means_to_return,
                    vulnerable=bool(member.vulnerabilities.all()),
                    date_of_birth=member.person.date_of_birth,
                    uam_identified_before_18=member.uam_identified_before_18,
                    previous_returns=tuple(previous.get(member.person_id, [])),
                ),
            )
            for member in household
        ]
    return result


def facts_to_json(facts: Facts) -> dict[str, Any]:
    return {
        "programme": facts.programme,
        "decision_date": facts.decision_date.isoformat(),
        "category": facts.category,
        "nationality": facts.nationality,
        "destination": facts.destination,
        "recognised_refugee": facts.recognised_refugee,
        "has_means": facts.has_means,
        "vulnerable": facts.vulnerable,
        "date_of_birth": facts.date_of_birth.isoformat() if facts.date_of_birth else None,
        "uam_identified_before_18": facts.uam_identified_before_18,
        "previous_returns": [
            {"programme": item.programme, "departed_on": item.departed_on.isoformat(), "reimbursed": item.reimbursed}
            for item in facts.previous_returns
        ],
    }


def _parse_date(data: dict[str, Any], key: str, *, required: bool) -> datetime.date | None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise ValueError(f"{key} is required")
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} must be a date written YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{key} {value!r} is not a date written YYYY-MM-DD") from None


def _parse_flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false")
    return value


def facts_from_json(data: Any, *, countries: frozenset[str]) -> Facts:
    """Facts from one JSON object of `homeward eligibility evaluate`; ValueError says what is wrong."""
    from homeward.eligibility.rules import PROGRAMME_CATEGORIES

    if not isinstance(data, dict):
        raise ValueError("each line must be a JSON object")
    programme = data.get("programme")
    if programme not in PROGRAMME_CATEGORIES:
        raise ValueError(f"programme must be one of {', '.join(sorted(PROGRAMME_CATEGORIES))}, not {programme!r}")
    category = data.get("category") or ""
    if category and category not in PROGRAMME_CATEGORIES[programme]:
        allowed = ", ".join(sorted(PROGRAMME_CATEGORIES[programme]))
        raise ValueError(f"category {category!r} is not one of {programme}'s: {allowed}")
    for key in ("nationality", "destination"):
        code = data.get(key)
        if key == "destination" and not code:
            raise ValueError("destination is required")
        if code and code not in countries:
            raise ValueError(f"{key} {code!r} is not an ISO 3166-1 alpha-2 country code")
    decision_date = _parse_date(data, "decision_date", required=True)
    assert decision_date is not None
    returns = data.get("previous_returns") or []
    if not isinstance(returns, list):
        raise ValueError("previous_returns must be a list")
    previous = []
    for item in returns:
        if not isinstance(item, dict) or item.get("programme") not in PROGRAMME_CATEGORIES:
            raise ValueError("each previous return needs a programme (REAB or AVRRL), departed_on and reimbursed")
        departed_on = _parse_date(item, "departed_on", required=True)
        assert departed_on is not None
        previous.append(PreviousReturn(item["programme"], departed_on, _parse_flag(item, "reimbursed")))
    return Facts(
        programme=programme,
        decision_date=decision_date,
        category=category,
        nationality=data.get("nationality") or "",
        destination=data["destination"],
        recognised_refugee=_parse_flag(data, "recognised_refugee"),
        has_means=_parse_flag(data, "has_means"),
        vulnerable=_parse_flag(data, "vulnerable"),
        date_of_birth=_parse_date(data, "date_of_birth", required=False),
        uam_identified_before_18=_parse_flag(data, "uam_identified_before_18"),
        previous_returns=tuple(previous),
    )
