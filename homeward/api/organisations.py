"""Organisations through the API: who refers, who is abroad, who manages (no personal data)."""


from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from homeward.api.errors import COMMON
from homeward.organisations.models import Organisation

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    type: str
    country: str
    city: str


@router.get("/", response={200: list[OrganisationOut], **COMMON}, summary="The organisations of the network")
def organisation_list(request: HttpRequest) -> QuerySet[Organisation] | list[dict]:
    return [
        {"id": organisation.pk, "name": organisation.name, "type": organisation.type,
         "country": str(organisation.country or ""), "city": organisation.city}
        for organisation in Organisation.objects.order_by("name")
    ]
