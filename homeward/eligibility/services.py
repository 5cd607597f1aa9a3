"""Writes for eligibility: decisions, overrides, reimbursements, and rule changes (draft, publish, discard)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.cases.models import Case, CaseEvent, CaseEventKind, CaseMember, MemberOutcome
from homeward.core.errors import DomainError, NotPermitted
from homeward.eligibility import selectors
from homeward.eligibility.facts import cases_with_facts, facts_for_cases, facts_for_households, facts_to_json
from homeward.eligibility.models import Decision, Override, Reimbursement, RuleVersion, RuleVersionStatus
from homeward.eligibility.reasons import SUPPORT_LABELS
from homeward.eligibility.rule_data import rules_from_json, rules_to_json
from homeward.eligibility.rules import SUPPORTS, Outcome, evaluate
from homeward.organisations.models import Role, User


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    return {
        "eligible": outcome.eligible,
        "reasons": [{"code": reason.code, "params": dict(reason.params)} for reason in outcome.reasons],
    }


def case_evaluations(case: Case, *, decision_date: datetime.date, version: RuleVersion,
                     members: list[CaseMember] | None = None) -> list[dict[str, Any]]:
    """Each person's outcomes under `version`, with overrides applied, as stored in a decision. `members`: the
    case's members as a page read them already, with their persons and vulnerabilities (otherwise read here)."""
    rules = rules_from_json(version.data)
    if members is None:
        (loaded,) = cases_with_facts([case])
        facts_by_case = facts_for_cases([loaded], decision_date)
    else:
        facts_by_case = facts_for_households([(case, members)], decision_date)
    overrides = {(item.member_id, item.support): item for item in case.overrides.select_related("officer")}
    evaluations = []
    for member, facts in facts_by_case[case.pk]:
        granted = frozenset(support for member_id, support in overrides if member_id == member.pk)
        outcomes = {}
        for support, outcome in evaluate(facts, rules, granted).outcomes().items():
            data = outcome_json(outcome)
            override = overrides.get((member.pk, support))
            if override is not None and any(reason.code == "granted_by_override" for reason in outcome.reasons):
                data["overridden"] = {
                    "officer": override.officer.display_name, "justification": override.justification,
                    "at": override.at.isoformat(),
                }
            outcomes[support] = data
        evaluations.append({
            "member_id": member.pk, "person": member.person.label, "facts": facts_to_json(facts),
            "outcomes": outcomes,
        })
    return evaluations


def refused_return_assistance(evaluations: list[dict[str, Any]]) -> list[str]:
    return [item["person"] for item in evaluations if not item["outcomes"]["return_assistance"]["eligible"]]


@transaction.atomic
def decision_record(*, actor: User, case: Case, decision_date: datetime.date | None = None,
                    at: datetime.datetime | None = None) -> Decision:
    """Evaluate the case under the current rules and keep the result, facts and rule version, as taken."""
    decision_date = decision_date or timezone.localdate()
    version = selectors.rule_version_current()
    evaluations = case_evaluations(case, decision_date=decision_date, version=version)
    # The caller writes the history row (approval says "eligibility decided under rules vN" in its own row).
    return Decision.objects.create(
        case=case, rule_version=version, decision_date=decision_date, decided_by=actor,
        decided_at=at or timezone.now(), evaluations=evaluations,
    )


@transaction.atomic
def override_record(*, actor: User, case: Case, member: CaseMember, support: str, justification: str) -> Override:
    """Grant what the rules refused, for one person and one kind of support, with a written justification."""
    if not actor.has_role(Role.CASE_OFFICER):
        raise NotPermitted(_("Only a case officer can override an eligibility outcome."))
    if member.case_id != case.pk:
        raise DomainError(_("This person is not in this case."))
    if support not in SUPPORTS:
        raise DomainError(_("%(support)s is not a kind of support.") % {"support": support})
    justification = justification.strip()
    if len(justification) < 20:
        raise DomainError(_("Write a justification of at least 20 characters: it is kept for audit."))
    if Override.objects.filter(member=member, support=support).exists():
        raise DomainError(_("This outcome is already overridden."))
    # Evaluated with the overrides already given, so that a granted return assistance opens the other supports.
    version = selectors.rule_version_current()
    evaluations = case_evaluations(case, decision_date=timezone.localdate(), version=version)
    outcome = next(item for item in evaluations if item["member_id"] == member.pk)["outcomes"][support]
    if outcome["eligible"]:
        raise DomainError(_("Only a negative outcome can be overridden; this one is already eligible."))
    override = Override(
        case=case, member=member, support=support, justification=justification, rule_version=version,
        refused_reasons=outcome["reasons"], officer=actor,
    )
    override.full_clean()
    override.save()
    CaseEvent.objects.create(
        case=case, actor=actor, kind=CaseEventKind.OVERRIDE, reason=justification,
        changes=[{"field": "override", "person": member.person.label, "from": "", "to": str(SUPPORT_LABELS[support])}],
    )
    return override


@transaction.atomic
def reimbursement_record(*, actor: User, member: CaseMember, amount: Decimal,
                         reimbursed_on: datetime.date) -> Reimbursement:
    if not actor.has_role(Role.CASE_OFFICER):
        raise NotPermitted(_("Only a case officer can record a reimbursement."))
    if member.outcome != MemberOutcome.DEPARTED:
        raise DomainError(_("Only the costs of a departure can be reimbursed."))
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    if reimbursed_on > timezone.localdate():
        raise ValidationError({"reimbursed_on": _("The date cannot be in the future.")})
    reimbursement = Reimbursement(member=member, amount=amount, reimbursed_on=reimbursed_on, recorded_by=actor)
    reimbursement.full_clean()
    reimbursement.save()
    CaseEvent.objects.create(
        case=member.case, actor=actor, kind=CaseEventKind.EDIT,
        changes=[{"field": "reimbursement", "person": member.person.label, "from": "",
                  "to": f"{amount} EUR {reimbursed_on.isoformat()}"}],
    )
    return reimbursement


def _may_change_rules(actor: User) -> None:
    if not actor.has_role(Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR):
        raise NotPermitted(_("Only a programme manager or an administrator can change the rules."))


@transaction.atomic
def rule_draft_create(*, actor: User) -> RuleVersion:
    _may_change_rules(actor)
    already = DomainError(_("A draft change is already being prepared; finish or discard it first."))
    if RuleVersion.objects.filter(status=RuleVersionStatus.DRAFT).exists():
        raise already
    current = selectors.rule_version_current()
    try:
        with transaction.atomic():
            return RuleVersion.objects.create(
                status=RuleVersionStatus.DRAFT, data=current.data, based_on=current, created_by=actor
            )
    except IntegrityError:  # another manager started one at the same moment
        raise already from None


@transaction.atomic
def rule_draft_update(*, actor: User, draft: RuleVersion, data: dict[str, Any], note: str) -> RuleVersion:
    _may_change_rules(actor)
    if draft.status != RuleVersionStatus.DRAFT:
        raise DomainError(_("Only a draft can be changed; published rules stay as they were."))
    draft.data = rules_to_json(rules_from_json(data))  # normalised, and proven readable by the rules
    draft.note = note.strip()
    draft.full_clean()
    draft.save(update_fields=["data", "note"])
    return draft


@transaction.atomic
def rule_draft_publish(*, actor: User, draft: RuleVersion) -> RuleVersion:
    if not actor.has_role(Role.PROGRAMME_MANAGER):
        raise NotPermitted(_("Only a programme manager can publish a rule change."))
    draft = RuleVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.status != RuleVersionStatus.DRAFT:
        raise DomainError(_("This change was already published or discarded."))
    if not draft.note:
        raise DomainError(_("Say what changes and why before publishing."))
    current = selectors.rule_version_current()
    if draft.based_on_id != current.pk:
        raise DomainError(_("The rules changed since this draft was started; discard it and start again."))
    draft.number = (current.number or 0) + 1
    draft.status = RuleVersionStatus.PUBLISHED
    draft.published_by = actor
    draft.published_at = timezone.now()
    draft.save(update_fields=["number", "status", "published_by", "published_at"])
    return draft


@transaction.atomic
def rule_draft_discard(*, actor: User, draft: RuleVersion) -> None:
    _may_change_rules(actor)
    if draft.status != RuleVersionStatus.DRAFT:
        raise DomainError(_("Only a draft can be discarded."))
    draft.status = RuleVersionStatus.DISCARDED
    draft.save(update_fields=["status"])
