"""What a browser posts to the registration and edit forms: the case fields, the principal, the members' formset."""

from __future__ import annotations

from homeward.cases.models import Case, Relation
from homeward.cases.selectors import case_members


def person_fields(
    family_name: str = "Shevchenko",
    given_names: str = "Oleksandr",
    *,
    sex: str = "M",
    date_of_birth: str = "1985-11-03",
    nationality: str = "UA",
    document_type: str = "",
    document_number: str = "",
    vulnerabilities: tuple[str, ...] = (),
    relation: str | None = None,
    member_id: int | None = None,
) -> dict[str, object]:
    fields: dict[str, object] = {
        "family_name": family_name,
        "given_names": given_names,
        "sex": sex,
        "date_of_birth": date_of_birth,
        "nationality": nationality,
        "document_type": document_type,
        "document_number": document_number,
        "vulnerabilities": list(vulnerabilities),
    }
    if relation is not None:
        fields["relation"] = relation
    if member_id is not None:
        fields["member_id"] = member_id
    return fields


def household_post(
    *, principal: dict[str, object], members: list[dict[str, object]], total_forms: str | None = None
) -> dict[str, object]:
    data: dict[str, object] = {
        "members-TOTAL_FORMS": str(len(members)) if total_forms is None else total_forms,
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "29",
    }
    data.update({f"principal-{name}": value for name, value in principal.items()})
    for index, fields in enumerate(members):
        data.update({f"members-{index}-{name}": value for name, value in fields.items()})
    return data


def registration_post(
    *,
    programme: int,
    referring_partner: int | None = None,
    reab_category: str = "ASYLUM_REJECTED",
    destination: str = "UA",
    notes: str = "",
    principal: dict[str, object] | None = None,
    members: list[dict[str, object]] | None = None,
    total_forms: str | None = None,
) -> dict[str, object]:
    data: dict[str, object] = {
        "programme": programme,
        "reab_category": reab_category,
        "destination": destination,
        "notes": notes,
    }
    if referring_partner is not None:
        data["referring_partner"] = referring_partner
    data.update(
        household_post(principal=principal or person_fields(), members=members or [], total_forms=total_forms)
    )
    return data


def edit_post(case: Case, *, version: int, **case_fields: object) -> dict[str, object]:
    """The edit form as the browser sends it back for `case` unchanged, with `case_fields` overriding."""
    principal: dict[str, object] = {}
    others: list[dict[str, object]] = []
    for member in case_members(case):
        person = member.person
        document = next(iter(person.documents.all()), None)
        fields = person_fields(
            person.family_name,
            person.given_names,
            sex=person.sex,
            date_of_birth=person.date_of_birth_display,
            nationality=str(person.nationality or ""),
            document_type=document.type if document else "",
            document_number=document.number if document else "",
            vulnerabilities=tuple(item.kind for item in member.vulnerabilities.all()),
            relation=None if member.relation == Relation.PRINCIPAL else member.relation,
            member_id=member.pk,
        )
        if member.relation == Relation.PRINCIPAL:
            principal = fields
        else:
            others.append(fields)
    data: dict[str, object] = {
        "version": str(version),
        "reab_category": case.reab_category,
        "destination": str(case.destination),
        "notes": case.notes,
        "save": "",
    }
    data.update(case_fields)
    data.update(household_post(principal=principal, members=others))
    data["members-INITIAL_FORMS"] = str(len(others))
    return data
