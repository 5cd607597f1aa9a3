"""Case files in the exchange format (docs/formats.md), written by the tests, and a count of what the register holds."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from homeward.cases.models import Case, CaseEvent, CaseMember, MemberVulnerability, ReintegrationSupport
from homeward.exchange.rows import COLUMNS
from homeward.organisations.models import Organisation
from homeward.people.models import Person

# One person: a man who left for Ukraine, referred by an NGO that the register does not know yet.
ROW = {
    "case_ref": "C-001",
    "programme": "REAB",
    "referring_partner": "Vluchtelingenwerk Vlaanderen",
    "partner_type": "NGO",
    "registered_on": "2012-03-01",
    "person_ref": "P-001",
    "role": "PRINCIPAL",
    "family_name": "Shevchenko",
    "given_names": "Oleksandr",
    "sex": "M",
    "date_of_birth": "1985-11-03",
    "nationality": "UA",
    "reab_category": "ASYLUM_REJECTED",
    "destination": "UA",
    "outcome": "DEPARTED",
    "departed_on": "2012-06-14",
    "reintegration": "",
    "vulnerable": "no",
}


def row(**values: str) -> dict[str, str]:
    unknown = set(values) - set(COLUMNS)
    assert not unknown, f"not columns of the format: {unknown}"
    return {**ROW, **values}


def csv_text(rows: Iterable[dict[str, str]], columns: Sequence[str] = COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for item in rows:
        writer.writerow([item.get(column, "") for column in columns])
    return buffer.getvalue()


def csv_bytes(rows: Iterable[dict[str, str]], columns: Sequence[str] = COLUMNS) -> bytes:
    return csv_text(rows, columns).encode("utf-8")


# A small register's history, in the order export writes it (by case_ref; the principal first, then members by
# person_ref): households of several sizes, programmes, partners and outcomes, any script in the names.
REGISTER = [
    row(case_ref="C-001", person_ref="P-001", reintegration="MICROBUSINESS;HOUSING"),
    row(case_ref="C-001", person_ref="P-002", role="MEMBER", family_name="Shevchenko", given_names="Olena", sex="F",
        date_of_birth="1988-02-01", vulnerable="yes", reintegration="MICROBUSINESS;HOUSING"),
    row(case_ref="C-001", person_ref="P-003", role="MEMBER", family_name="Шевченко", given_names="Тарас", sex="M",
        date_of_birth="", reintegration="MICROBUSINESS;HOUSING"),
    row(case_ref="C-002", person_ref="P-004", family_name="da Silva", given_names="João", nationality="BR",
        destination="BR", reab_category="NON_ASYLUM", registered_on="2012-01-09", departed_on="2012-02-20"),
    row(case_ref="C-003", person_ref="P-005", family_name="Berisha", given_names="Arta", sex="F", nationality="XK",
        destination="XK", reab_category="ASYLUM_WITHDRAWN", outcome="WITHDRAWN", departed_on="",
        referring_partner="Croix-Rouge Jette", partner_type="RED_CROSS_CENTRE"),
    row(case_ref="C-003", person_ref="P-006", role="MEMBER", family_name="Berisha", given_names="Dren",
        nationality="XK", destination="XK", reab_category="ASYLUM_WITHDRAWN", outcome="WITHDRAWN", departed_on="",
        referring_partner="Croix-Rouge Jette", partner_type="RED_CROSS_CENTRE", date_of_birth="2009-07-30"),
    row(case_ref="C-004", person_ref="P-007", family_name="Ahmadi", given_names="Reza", nationality="AF",
        destination="AF", outcome="NO_SHOW", departed_on="", referring_partner="IOM Brussels", partner_type="IOM"),
    row(case_ref="C-005", person_ref="P-008", family_name="Gashi", given_names="Blerim", nationality="XK",
        programme="AVRRL", reab_category="", destination="XK", referring_partner="ASTI Luxembourg",
        partner_type="NGO", registered_on="2012-05-02", departed_on="2012-07-01", reintegration="MEDICAL"),
    row(case_ref="C-006", person_ref="P-009", family_name="Oliveira", given_names="Ana", sex="X", nationality="",
        destination="BR", outcome="PENDING", departed_on="", registered_on="2013-02-11"),
]
REGISTER_CASES = 6
REGISTER_PERSONS = 9


def register_counts() -> dict[str, int]:
    """What an import can write, counted: the same before and after a refused import."""
    return {
        "cases": Case.objects.count(),
        "persons": Person.objects.count(),
        "members": CaseMember.objects.count(),
        "organisations": Organisation.objects.count(),
        "events": CaseEvent.objects.count(),
        "reintegration": ReintegrationSupport.objects.count(),
        "vulnerabilities": MemberVulnerability.objects.count(),
    }
