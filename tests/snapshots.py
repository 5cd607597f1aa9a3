"""What a refused action must leave as it was: the case row, its household's rows and its history, read afresh."""

from __future__ import annotations

from homeward.cases.models import Case, CaseEvent, CaseMember
from homeward.people.models import Person


def case_snapshot(case: Case) -> dict[str, object]:
    return {
        "case": Case.objects.filter(pk=case.pk)
        .values(
            "state", "version", "registered_on", "approved_on", "departed_on", "updated_at",
            "reab_category", "destination", "notes", "programme_id", "referring_partner_id",
        )
        .get(),
        "members": list(
            CaseMember.objects.filter(case=case)
            .order_by("pk")
            .values("pk", "person_id", "relation", "outcome", "departed_on", "position")
        ),
        "persons": list(
            Person.objects.filter(memberships__case=case)
            .order_by("pk")
            .values("pk", "family_name", "given_names", "sex", "date_of_birth", "nationality", "search_name")
        ),
        "events": list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("pk", flat=True)),
    }


def row_counts() -> dict[str, int]:
    return {
        "cases": Case.objects.count(),
        "persons": Person.objects.count(),
        "members": CaseMember.objects.count(),
        "events": CaseEvent.objects.count(),
    }
