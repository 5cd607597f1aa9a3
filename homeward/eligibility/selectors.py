"""Reads for eligibility: the rules in force, the preview of a case, and the impact of a draft change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from homeward.cases.models import Case, CaseMember
from homeward.cases.workflow import AWAITING_DECISION_STATES
from homeward.core.errors import DomainError
from homeward.eligibility.facts import cases_with_facts, facts_for_cases
from homeward.eligibility.models import Override, RuleVersion, RuleVersionStatus
from homeward.eligibility.rule_data import rules_from_json
from homeward.eligibility.rules import SUPPORTS, evaluate


def rule_version_current() -> RuleVersion:
    version = RuleVersion.objects.filter(status=RuleVersionStatus.PUBLISHED).order_by("-number").first()
    if version is None:
        raise DomainError("No published eligibility rules: run `homeward migrate`.")
    return version


def rule_draft() -> RuleVersion | None:
    return RuleVersion.objects.filter(status=RuleVersionStatus.DRAFT).first()


@dataclass(frozen=True)
class ImpactRow:
    case: Case
    member: CaseMember
    support: str
    now_eligible: bool
    then_eligible: bool


@dataclass(frozen=True)
class Impact:
    decision_date: datetime.date
    cases_evaluated: int
    rows: list[ImpactRow]

    @property
    def cases_changed(self) -> int:
        return len({row.case.pk for row in self.rows})


def impact_preview(*, cases: QuerySet[Case], draft: RuleVersion, decision_date: datetime.date) -> Impact:
    """Which cases awaiting a decision would get another outcome under the draft than under the rules in force,
    if decided on that date. Approved cases keep the decision taken at approval."""
    current = rules_from_json(rule_version_current().data)
    proposed = rules_from_json(draft.data)
    loaded = cases_with_facts(cases.filter(state__in=AWAITING_DECISION_STATES))
    facts_by_case = facts_for_cases(loaded, decision_date)
    rows = []
    for case in loaded:
        for member, facts in facts_by_case[case.pk]:
            before, after = evaluate(facts, current).outcomes(), evaluate(facts, proposed).outcomes()
            for support in SUPPORTS:
                if before[support].eligible != after[support].eligible:
                    rows.append(ImpactRow(case, member, support, before[support].eligible, after[support].eligible))
    return Impact(decision_date=decision_date, cases_evaluated=len(loaded), rows=rows)


def overrides_visible_in(cases: QuerySet[Case]) -> QuerySet[Override]:
    return (
        Override.objects.filter(case__in=cases)
        .select_related("case", "member__person", "officer", "rule_version")
        .order_by("-at")
    )
