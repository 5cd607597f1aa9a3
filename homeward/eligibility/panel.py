"""What the case page shows of eligibility: the stored decision, or a preview under the rules in force."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from homeward.cases.models import Case, CaseMember, MemberOutcome
from homeward.cases.workflow import AWAITING_DECISION_STATES
from homeward.eligibility import selectors, services
from homeward.eligibility.models import Decision
from homeward.eligibility.reasons import SUPPORT_LABELS, reason_text
from homeward.eligibility.rules import Reason


@dataclass(frozen=True)
class OutcomeView:
    support: str
    label: str
    eligible: bool
    reasons: list[str]
    overridden: dict[str, str] | None


@dataclass(frozen=True)
class PersonView:
    member_id: int
    person: str
    outcomes: list[OutcomeView]


@dataclass(frozen=True)
class Panel:
    decision: Decision | None
    version_number: int | None
    decision_date: datetime.date
    persons: list[PersonView]
    reimbursable: list[CaseMember]
    awaiting_decision: bool


def _outcome_view(support: str, data: dict[str, Any]) -> OutcomeView:
    reasons = [reason_text(Reason(item["code"], tuple(sorted(item["params"].items())))) for item in data["reasons"]]
    return OutcomeView(support, str(SUPPORT_LABELS[support]), data["eligible"], reasons, data.get("overridden"))


def case_panel(case: Case, members: list[CaseMember]) -> Panel:
    decision = case.decisions.select_related("rule_version", "decided_by").first()
    if decision is not None:
        evaluations, version_number, day = decision.evaluations, decision.rule_version.number, decision.decision_date
    else:
        version = selectors.rule_version_current()
        day = timezone.localdate()
        evaluations = services.case_evaluations(case, decision_date=day, version=version, members=members)
        version_number = version.number
    persons = [
        PersonView(item["member_id"], item["person"],
                   [_outcome_view(support, data) for support, data in item["outcomes"].items()])
        for item in evaluations
    ]
    reimbursable = [member for member in members if member.outcome == MemberOutcome.DEPARTED]
    return Panel(decision, version_number, day, persons, reimbursable, case.state in AWAITING_DECISION_STATES)
