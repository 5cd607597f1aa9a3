"""The programmes' eligibility rules as pure functions over a plain snapshot of facts (no database).

`evaluate(facts, rules)` answers, for one person and one decision date, whether they may have return assistance
and each kind of reintegration support, with the reasons in plain words. The rule data (`RuleData`) is versioned
and effective-dated: every list and project carries the periods in which it applies, so the same version answers
correctly for a decision in June 2012 and one in 2025.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

REAB, AVRRL = "REAB", "AVRRL"
PROGRAMME_CATEGORIES = {
    REAB: frozenset({"ASYLUM_WITHDRAWN", "ASYLUM_REJECTED", "NON_ASYLUM"}),
    AVRRL: frozenset({"ASYLUM_SEEKER", "ASYLUM_REJECTED", "IRREGULAR_MIGRANT"}),
}
SUPPORTS = (
    "return_assistance", "reintegration_grant", "vulnerability_support", "wage_subsidy", "magnet", "uam_project",
)


@dataclass(frozen=True)
class Period:
    """Days from `starts` to `ends`, both included; None is open-ended."""

    starts: datetime.date | None = None
    ends: datetime.date | None = None

    def __contains__(self, day: datetime.date) -> bool:
        return (self.starts is None or self.starts <= day) and (self.ends is None or day <= self.ends)


@dataclass(frozen=True)
class CountryPeriod:
    country: str
    period: Period


@dataclass(frozen=True)
class Project:
    name: str
    period: Period
    destinations: frozenset[str] = frozenset()
    nationalities: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RuleData:
    """Everything the rules need that may change over time. Changed by publishing a new version, never in code."""

    eu_schengen_citizenship: tuple[CountryPeriod, ...]
    visa_free: tuple[CountryPeriod, ...]
    grant_visa_criterion_from: datetime.date
    no_reintegration_destinations: tuple[CountryPeriod, ...]
    wage_subsidy: Project
    magnet: Project
    uam_project: Project
    reab_bar_years: int = 5
    uam_max_age: int = 21


@dataclass(frozen=True)
class PreviousReturn:
    programme: str
    departed_on: datetime.date
    reimbursed: bool


@dataclass(frozen=True)
class Facts:
    """What the rules look at, for one person at one decision date."""

    programme: str
    decision_date: datetime.date
    category: str
    nationality: str
    destination: str
    recognised_refugee: bool = False
    has_means: bool = False
    vulnerable: bool = False
    date_of_birth: datetime.date | None = None
    uam_identified_before_18: bool = False
    previous_returns: tuple[PreviousReturn, ...] = ()


@dataclass(frozen=True)
class Reason:
    """A reason as a code and its facts; `eligibility.reasons` turns it into a sentence in the user's language."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **params: object) -> Reason:
        return cls(code, tuple(sorted((key, str(value)) for key, value in params.items())))


@dataclass(frozen=True)
class Outcome:
    eligible: bool
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Evaluation:
    return_assistance: Outcome
    reintegration_grant: Outcome
    vulnerability_support: Outcome
    wage_subsidy: Outcome
    magnet: Outcome
    uam_project: Outcome

    def outcomes(self) -> dict[str, Outcome]:
        return {support: getattr(self, support) for support in SUPPORTS}


def _listed(entries: Iterable[CountryPeriod], country: str, day: datetime.date) -> CountryPeriod | None:
    return next((entry for entry in entries if entry.country == country and day in entry.period), None)


def anniversary(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 1 March, so the full period has passed."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _outcome(failures: list[Reason], successes: list[Reason]) -> Outcome:
    return Outcome(False, tuple(failures)) if failures else Outcome(True, tuple(successes))


def return_assistance(facts: Facts, rules: RuleData) -> Outcome:
    day = facts.decision_date
    failures: list[Reason] = []
    successes: list[Reason] = []
    if facts.category in PROGRAMME_CATEGORIES[facts.programme]:
        successes.append(Reason.of("category_covered", category=facts.category, programme=facts.programme))
    elif not facts.category:
        failures.append(Reason.of("category_missing", programme=facts.programme))
    else:
        failures.append(Reason.of("category_not_covered", category=facts.category, programme=facts.programme))
    if facts.programme == REAB:
        if facts.has_means:
            failures.append(Reason.of("has_means"))
        else:
            successes.append(Reason.of("lacks_means"))
    if facts.recognised_refugee:
        failures.append(Reason.of("recognised_refugee"))
    citizenship = _listed(rules.eu_schengen_citizenship, facts.nationality, day)
    if citizenship is not None:
        failures.append(Reason.of("eu_schengen_citizen", country=facts.nationality, date=day))
    else:
        successes.append(Reason.of("not_eu_schengen_citizen", country=facts.nationality or "—"))
    if facts.programme == REAB:
        _five_year_bar(facts, rules, failures, successes)
    return _outcome(failures, successes)


def _five_year_bar(facts: Facts, rules: RuleData, failures: list[Reason], successes: list[Reason]) -> None:
    day = facts.decision_date
    barred = False
    for previous in sorted(facts.previous_returns, key=lambda item: item.departed_on):
        if previous.programme != REAB or previous.departed_on > day:
            continue
        until = anniversary(previous.departed_on, rules.reab_bar_years)
        if day >= until:
            continue
        if previous.reimbursed:
            successes.append(Reason.of("earlier_return_reimbursed", departed_on=previous.departed_on))
        else:
            barred = True
            failures.append(Reason.of(
                "five_year_bar", departed_on=previous.departed_on, until=until, years=rules.reab_bar_years
            ))
    if not barred and not any(reason.code == "earlier_return_reimbursed" for reason in successes):
        successes.append(Reason.of("no_recent_return", years=rules.reab_bar_years, date=day))


def _reintegration_stopped(facts: Facts, rules: RuleData) -> Reason | None:
    stop = _listed(rules.no_reintegration_destinations, facts.destination, facts.decision_date)
    if stop is None:
        return None
    return Reason.of("no_reintegration_destination", country=facts.destination, starts=stop.period.starts or "")


def _needs_return_assistance(assistance: Outcome) -> Outcome | None:
    return None if assistance.eligible else Outcome(False, (Reason.of("needs_return_assistance"),))


def _reintegration_gate(facts: Facts, rules: RuleData, assistance: Outcome) -> Outcome | None:
    """The refusal every kind of reintegration support shares: no return assistance, or a closed destination."""
    refused = _needs_return_assistance(assistance)
    if refused:
        return refused
    stop = _reintegration_stopped(facts, rules)
    return Outcome(False, (stop,)) if stop else None


def reintegration_grant(facts: Facts, rules: RuleData, assistance: Outcome) -> Outcome:
    closed = _reintegration_gate(facts, rules, assistance)
    if closed:
        return closed
    day = facts.decision_date
    if day < rules.grant_visa_criterion_from:
        return Outcome(True, (Reason.of("before_visa_criterion", starts=rules.grant_visa_criterion_from),))
    visa_free = _listed(rules.visa_free, facts.nationality, day)
    if visa_free is not None:
        return Outcome(False, (Reason.of(
            "visa_free_national", country=facts.nationality, date=day, since=visa_free.period.starts or "",
            starts=rules.grant_visa_criterion_from,
        ),))
    return Outcome(True, (Reason.of("visa_required_national", country=facts.nationality or "—", date=day),))


def vulnerability_support(facts: Facts, rules: RuleData, assistance: Outcome) -> Outcome:
    closed = _reintegration_gate(facts, rules, assistance)
    if closed:
        return closed
    if facts.vulnerable:
        return Outcome(True, (Reason.of("vulnerable"),))
    return Outcome(False, (Reason.of("not_vulnerable"),))


def _project_checks(facts: Facts, project: Project) -> list[Reason]:
    failures = []
    if facts.decision_date not in project.period:
        failures.append(Reason.of(
            "project_not_running", project=project.name, date=facts.decision_date,
            starts=project.period.starts or "", ends=project.period.ends or "",
        ))
    if project.destinations and facts.destination not in project.destinations:
        failures.append(Reason.of(
            "project_destination", project=project.name, countries=" ".join(sorted(project.destinations))
        ))
    if project.nationalities and facts.nationality not in project.nationalities:
        failures.append(Reason.of(
            "project_nationality", project=project.name, countries=" ".join(sorted(project.nationalities))
        ))
    return failures


def wage_subsidy(facts: Facts, rules: RuleData, grant: Outcome, vulnerability: Outcome,
                 assistance: Outcome) -> Outcome:
    closed = _reintegration_gate(facts, rules, assistance)
    if closed:
        return closed
    failures = _project_checks(facts, rules.wage_subsidy)
    if not (grant.eligible or vulnerability.eligible):
        failures.append(Reason.of("needs_grant_or_vulnerability_support"))
    return _outcome(failures, [Reason.of("project_covers", project=rules.wage_subsidy.name,
                                         country=facts.destination)])


def magnet(facts: Facts, rules: RuleData, assistance: Outcome) -> Outcome:
    refused = _needs_return_assistance(assistance)
    if refused:
        return refused
    return _outcome(_project_checks(facts, rules.magnet),
                    [Reason.of("project_covers", project=rules.magnet.name, country=facts.destination)])


def uam_project(facts: Facts, rules: RuleData, assistance: Outcome) -> Outcome:
    refused = _needs_return_assistance(assistance)
    if refused:
        return refused
    failures = _project_checks(facts, rules.uam_project)
    successes = [Reason.of("project_covers", project=rules.uam_project.name, country=facts.destination)]
    if facts.date_of_birth is None:
        failures.append(Reason.of("age_unknown", project=rules.uam_project.name))
    else:
        age = age_on(facts.date_of_birth, facts.decision_date)
        if age > rules.uam_max_age:
            failures.append(Reason.of("too_old", age=age, date=facts.decision_date, max_age=rules.uam_max_age))
        else:
            successes.append(Reason.of("young_enough", age=age, date=facts.decision_date, max_age=rules.uam_max_age))
    if facts.uam_identified_before_18:
        successes.append(Reason.of("identified_as_uam"))
    else:
        failures.append(Reason.of("not_identified_as_uam"))
    return _outcome(failures, successes)


def evaluate(facts: Facts, rules: RuleData, granted: frozenset[str] = frozenset()) -> Evaluation:
    """The outcomes for one person. `granted` names supports an officer granted by override: they count as
    eligible, also for the supports that depend on them (return assistance opens the others)."""
    if facts.programme not in PROGRAMME_CATEGORIES:
        raise ValueError(f"unknown programme {facts.programme!r}")

    def effective(support: str, outcome: Outcome) -> Outcome:
        if support in granted and not outcome.eligible:
            return Outcome(True, (*outcome.reasons, Reason.of("granted_by_override")))
        return outcome

    assistance = effective("return_assistance", return_assistance(facts, rules))
    grant = effective("reintegration_grant", reintegration_grant(facts, rules, assistance))
    vulnerability = effective("vulnerability_support", vulnerability_support(facts, rules, assistance))
    return Evaluation(
        return_assistance=assistance,
        reintegration_grant=grant,
        vulnerability_support=vulnerability,
        wage_subsidy=effective("wage_subsidy", wage_subsidy(facts, rules, grant, vulnerability, assistance)),
        magnet=effective("magnet", magnet(facts, rules, assistance)),
        uam_project=effective("uam_project", uam_project(facts, rules, assistance)),
    )
