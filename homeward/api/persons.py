"""Persons through the API: a person the user meets in at least one case they may see, with those cases."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Path, Router, Schema

from homeward.api.errors import COMMON
from homeward.cases.models import CaseMember
from homeward.cases.selectors import cases_visible_to
from homeward.core.errors import NotVisible
from homeward.core.services import access_record
from homeward.core.users import request_user

router = Router(tags=["persons"])
MAX_ID = 2**63 - 1  # the largest key a database holds: a larger number is a 422, not a database error


class Membership(Schema):
    case: str
    member_id: int
    relation: str
    outcome: str
    departed_on: datetime.date | None


class PersonOut(Schema):
    id: int
    family_name: str
    given_names: str
    name_in_latin: str
    sex: str
    date_of_birth: datetime.date | None
    date_of_birth_precision: str
    nationality: str
    language: str
    cases: list[Membership]


@router.get("/{person_id}", response={200: PersonOut, **COMMON},
            summary="A person, with the cases of theirs this user may see")
def person_detail(request: HttpRequest, person_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    user = request_user(request)
    memberships = list(
        CaseMember.objects.filter(person_id=person_id, case__in=cases_visible_to(user))
        .select_related("person", "case")
        .order_by("case__registered_on", "case_id")
    )
    if not memberships:
        raise NotVisible()
    person = memberships[0].person
    access_record(request=request, action="api view", object_type="person", object_id=person.pk)
    return {
        "id": person.pk, "family_name": person.family_name, "given_names": person.given_names,
        "name_in_latin": person.full_name_in_latin, "sex": person.sex, "date_of_birth": person.date_of_birth,
        "date_of_birth_precision": person.date_of_birth_precision, "nationality": str(person.nationality or ""),
        "language": person.language,
        "cases": [{"case": member.case.reference, "member_id": member.pk, "relation": member.relation,
                   "outcome": member.outcome, "departed_on": member.departed_on} for member in memberships],
    }
