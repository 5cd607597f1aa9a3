"""The case exchange format (docs/formats.md), read and checked row by row without a database.

`parse_rows` turns the text rows of a file into households, and lists every problem with its line, column and a
sentence a clerk understands. It checks the file against itself (one principal per case, case columns that agree,
unique person references, dates, codes); what needs the register (partners' types) is checked by the importer.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from django.utils.translation import gettext as _

COLUMNS = (
    "case_ref",
    "programme",
    "referring_partner",
    "partner_type",
    "registered_on",
    "person_ref",
    "role",
    "family_name",
    "given_names",
    "sex",
    "date_of_birth",
    "nationality",
    "reab_category",
    "destination",
    "outcome",
    "departed_on",
    "reintegration",
    "vulnerable",
)
# A row as parse_rows takes it: a list of the values in COLUMNS' order (a list, not a dict: a large history has
# millions of rows, and a dict per row costs three times the list). Each column's place in it:
(
    CASE_REF, PROGRAMME, REFERRING_PARTNER, PARTNER_TYPE, REGISTERED_ON, PERSON_REF, ROLE, FAMILY_NAME, GIVEN_NAMES,
    SEX, DATE_OF_BIRTH, NATIONALITY, REAB_CATEGORY, DESTINATION, OUTCOME, DEPARTED_ON, REINTEGRATION, VULNERABLE,
) = range(len(COLUMNS))
CASE_COLUMNS = (
    "programme",
    "referring_partner",
    "partner_type",
    "registered_on",
    "reab_category",
    "destination",
    "outcome",
    "departed_on",
    "reintegration",
)
PROGRAMMES = frozenset({"REAB", "AVRRL"})
PARTNER_TYPES = frozenset({"NGO", "FEDASIL_CENTRE", "RED_CROSS_CENTRE", "CITY", "IMMIGRATION_OFFICE", "IOM"})
ROLES = frozenset({"PRINCIPAL", "MEMBER"})
YES_NO = frozenset({"yes", "no"})
SEXES = frozenset({"F", "M", "X"})
REAB_CATEGORIES = frozenset({"ASYLUM_WITHDRAWN", "ASYLUM_REJECTED", "NON_ASYLUM"})
OUTCOMES = frozenset({"DEPARTED", "WITHDRAWN", "NO_SHOW", "PENDING"})
REINTEGRATION_KINDS = ("MICROBUSINESS", "EDUCATION", "HOUSING", "MEDICAL", "WAGE_SUBSIDY", "JOB_PLACEMENT")
MAX_LENGTHS = {"case_ref": 64, "person_ref": 64, "referring_partner": 200, "family_name": 150, "given_names": 200}
_SHORTEST_LIMIT = min(MAX_LENGTHS.values())
_LIMITS = [(COLUMNS.index(column), column, limit) for column, limit in MAX_LENGTHS.items()]
_limited_values = itemgetter(*(index for index, _column, _limit in _LIMITS))
_CASE_PLACES = [(COLUMNS.index(column), column) for column in CASE_COLUMNS]
_case_values = itemgetter(*(index for index, _column in _CASE_PLACES))


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class PersonRow(NamedTuple):
    """One person of the file, as checked. A named tuple, not a frozen dataclass: a history brings a million and
    more, and a frozen dataclass is made field by field through object.__setattr__ (five times slower)."""

    line: int
    person_ref: str
    is_principal: bool
    family_name: str
    given_names: str
    sex: str
    date_of_birth: datetime.date | None
    nationality: str
    vulnerable: bool


@dataclass(slots=True)
class CaseRows:
    """One household of the file: the case columns (as on its first row) and its persons, the principal first, then
    the members in the file's order."""

    case_ref: str
    line: int
    programme: str
    referring_partner: str
    partner_type: str
    registered_on: datetime.date
    reab_category: str
    destination: str
    outcome: str
    departed_on: datetime.date | None
    reintegration: tuple[str, ...]
    persons: list[PersonRow] = field(default_factory=list)


class FileErrors(Exception):
    """The file cannot be imported; `errors` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def header_errors(header: list[str]) -> list[RowError]:
    names = [name.strip() for name in header]
    missing = [name for name in COLUMNS if name not in names]
    unknown = [name for name in names if name not in COLUMNS]
    errors = [RowError(1, name, _("the column %(name)s is missing") % {"name": name}) for name in missing]
    errors += [
        RowError(1, name, _("%(name)r is not a column of the case exchange format") % {"name": name})
        for name in unknown
    ]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    errors += [RowError(1, name, _("the column %(name)s appears twice") % {"name": name}) for name in duplicated]
    return errors


def _date(
    value: str, *, line: int, column: str, errors: list[RowError], today: datetime.date, required: bool
) -> datetime.date | None:
    if not value:
        if required:
            errors.append(RowError(line, column, _("a date is required (YYYY-MM-DD)")))
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(RowError(line, column, _("%(value)r is not a date written YYYY-MM-DD") % {"value": value}))
        return None
    if len(value) != 10:
        errors.append(RowError(line, column, _("%(value)r is not a date written YYYY-MM-DD") % {"value": value}))
        return None
    if day > today:
        errors.append(RowError(line, column, _("%(value)s is in the future") % {"value": value}))
        return None
    if day.year < 1900:
        errors.append(RowError(line, column, _("%(value)s is before 1900") % {"value": value}))
        return None
    return day


def _choice(
    value: str, allowed: Collection[str], *, line: int, column: str, errors: list[RowError], required: bool = True
) -> str:
    if value and value in allowed:  # the common case first: the list is only needed to explain a problem
        return value
    allowed = sorted(allowed)
    if not value:
        if required:
            errors.append(
                RowError(line, column, _("a value is required: one of %(allowed)s") % {"allowed": ", ".join(allowed)})
            )
        return ""
    if value not in allowed:
        errors.append(
            RowError(
                line, column, _("%(value)r is not one of %(allowed)s") % {"value": value, "allowed": ", ".join(allowed)}
            )
        )
        return ""
    return value


def _country(
    value: str, countries: frozenset[str], *, line: int, column: str, errors: list[RowError], required: bool
) -> str:
    if not value:
        if required:
            errors.append(RowError(line, column, _("a country code is required (ISO 3166-1 alpha-2, XK for Kosovo)")))
        return ""
    if value not in countries:
        errors.append(
            RowError(line, column, _("%(value)r is not an ISO 3166-1 alpha-2 country code") % {"value": value})
        )
        return ""
    return value


def _case_columns(
    row: list[str], line: int, countries: frozenset[str], today: datetime.date, errors: list[RowError]
) -> CaseRows:
    programme = _choice(row[PROGRAMME], PROGRAMMES, line=line, column="programme", errors=errors)
    category = row[REAB_CATEGORY]
    if programme == "REAB":
        category = _choice(category, REAB_CATEGORIES, line=line, column="reab_category", errors=errors)
    elif programme == "AVRRL" and category:
        errors.append(RowError(line, "reab_category", _("must be empty for an AVRRL case")))
    outcome = _choice(row[OUTCOME], OUTCOMES, line=line, column="outcome", errors=errors)
    registered_on = _date(
        row[REGISTERED_ON], line=line, column="registered_on", errors=errors, today=today, required=True
    )
    departed_on = _date(
        row[DEPARTED_ON], line=line, column="departed_on", errors=errors, today=today, required=outcome == "DEPARTED"
    )
    if outcome and outcome != "DEPARTED" and row[DEPARTED_ON]:
        errors.append(
            RowError(line, "departed_on", _("must be empty when the outcome is %(outcome)s") % {"outcome": outcome})
        )
        departed_on = None
    if registered_on and departed_on and departed_on < registered_on:
        errors.append(RowError(line, "departed_on", _("is before the date the application was registered")))
    kinds: list[str] = []
    for part in row[REINTEGRATION].split(";") if row[REINTEGRATION] else ():
        kind = part.strip()
        if not kind:
            continue
        if kind not in REINTEGRATION_KINDS:
            errors.append(
                RowError(
                    line,
                    "reintegration",
                    _("%(value)r is not one of %(allowed)s")
                    % {"value": kind, "allowed": ", ".join(REINTEGRATION_KINDS)},
                )
            )
        elif kind not in kinds:
            kinds.append(kind)
    partner = row[REFERRING_PARTNER].strip()
    if not partner:
        errors.append(RowError(line, "referring_partner", _("the referring organisation's name is required")))
    return CaseRows(
        case_ref=row[CASE_REF].strip(),
        line=line,
        programme=programme,
        referring_partner=partner,
        partner_type=_choice(row[PARTNER_TYPE], PARTNER_TYPES, line=line, column="partner_type", errors=errors),
        registered_on=registered_on or datetime.date.min,
        reab_category=category,
        destination=_country(
            row[DESTINATION], countries, line=line, column="destination", errors=errors, required=True
        ),
        outcome=outcome,
        departed_on=departed_on,
        reintegration=tuple(sorted(kinds, key=REINTEGRATION_KINDS.index)),
    )


def _person(
    row: list[str], line: int, countries: frozenset[str], today: datetime.date, errors: list[RowError],
    dates: dict[str, datetime.date],
) -> PersonRow:
    """The person columns of a row. The usual value is checked by one membership test; the helpers that explain a
    problem run only for the unusual one. `dates`: dates of birth already found good in this file."""
    family_name = row[FAMILY_NAME].strip()
    if not family_name:
        errors.append(RowError(line, "family_name", _("the family name is required")))
    role = row[ROLE]
    if role not in ROLES:
        role = _choice(role, ROLES, line=line, column="role", errors=errors)
    vulnerable = row[VULNERABLE].lower()
    if vulnerable not in YES_NO:
        vulnerable = _choice(vulnerable, YES_NO, line=line, column="vulnerable", errors=errors)
    sex = row[SEX]
    if sex not in SEXES:
        sex = _choice(sex, SEXES, line=line, column="sex", errors=errors)
    written = row[DATE_OF_BIRTH]
    born = dates.get(written) if written else None
    if born is None and written:
        born = _date(written, line=line, column="date_of_birth", errors=errors, today=today, required=False)
        if born is not None:
            dates[written] = born
    nationality = row[NATIONALITY]
    if nationality and nationality not in countries:
        nationality = _country(nationality, countries, line=line, column="nationality", errors=errors, required=False)
    return PersonRow(line, row[PERSON_REF].strip(), role == "PRINCIPAL", family_name, row[GIVEN_NAMES].strip(),
                     sex, born, nationality, vulnerable == "yes")


def parse_rows(
    rows: Iterator[tuple[int, list[str]]],
    *,
    countries: frozenset[str],
    today: datetime.date,
    problems: list[RowError] | None = None,
) -> list[CaseRows]:
    """The households of the file, in file order; FileErrors with every problem if there is any.

    `problems` are those the file reader found while giving the rows (rows it could not read as rows).
    """
    errors: list[RowError] = []
    cases: dict[str, CaseRows] = {}
    first_values: dict[str, tuple[str, ...]] = {}
    person_lines: dict[str, int] = {}
    dates: dict[str, datetime.date] = {}
    for line, row in rows:
        if max(map(len, _limited_values(row))) > _SHORTEST_LIMIT:  # the usual row has no long value: one test
            for index, column, limit in _LIMITS:
                if len(row[index]) > limit:
                    errors.append(RowError(line, column, _("is longer than %(limit)s characters") % {"limit": limit}))
                    row[index] = row[index][:limit]
        case_ref = row[CASE_REF].strip()
        if not case_ref:
            errors.append(RowError(line, "case_ref", _("the case reference is required")))
            continue
        person_ref = row[PERSON_REF].strip()
        if not person_ref:
            errors.append(RowError(line, "person_ref", _("the person reference is required")))
        elif person_ref in person_lines:
            errors.append(
                RowError(
                    line,
                    "person_ref",
                    _("%(ref)r is already used on line %(line)s")
                    % {"ref": person_ref, "line": person_lines[person_ref]},
                )
            )
        else:
            person_lines[person_ref] = line
        case = cases.get(case_ref)
        if case is None:
            case = cases[case_ref] = _case_columns(row, line, countries, today, errors)
            first_values[case_ref] = _case_values(row)
        elif _case_values(row) != first_values[case_ref]:
            for (index, column), first_value in zip(_CASE_PLACES, first_values[case_ref], strict=True):
                if row[index] != first_value:
                    errors.append(
                        RowError(
                            line,
                            column,
                            _(
                                "case %(case)s has %(first)r on line %(line)s but %(here)r here: the case columns must "
                                "agree on every row of a case"
                            )
                            % {
                                "case": case_ref,
                                "first": first_value,
                                "line": case.line,
                                "here": row[index],
                            },
                        )
                    )
        person = _person(row, line, countries, today, errors, dates)
        if person.is_principal:
            case.persons.insert(0, person)
        else:
            case.persons.append(person)
    partner_types: dict[str, CaseRows] = {}
    for case in cases.values():
        first = partner_types.setdefault(case.referring_partner, case)
        if case.partner_type and first.partner_type and case.partner_type != first.partner_type:
            errors.append(
                RowError(
                    case.line,
                    "partner_type",
                    _("%(partner)s is %(first)s on line %(line)s but %(here)s here")
                    % {
                        "partner": case.referring_partner,
                        "first": first.partner_type,
                        "line": first.line,
                        "here": case.partner_type,
                    },
                )
            )
    for case in cases.values():
        principals = [person for person in case.persons if person.is_principal]
        if len(principals) != 1:
            lines = ", ".join(str(line) for line in sorted(person.line for person in principals)) or _("none")
            errors.append(
                RowError(
                    case.line,
                    "role",
                    _("case %(case)s needs exactly one PRINCIPAL (found on lines: %(lines)s)")
                    % {"case": case.case_ref, "lines": lines},
                )
            )
    errors.extend(problems or [])
    if errors:
        raise FileErrors(
            sorted(
                errors, key=lambda error: (error.line, COLUMNS.index(error.column) if error.column in COLUMNS else -1)
            )
        )
    return list(cases.values())
