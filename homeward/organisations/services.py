"""Writes for organisations, programmes and users. A role must fit the organisation the user belongs to."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from homeward.organisations.models import (
    Organisation,
    OrganisationType,
    Programme,
    Role,
    User,
    UserRole,
    role_fits,
)


def organisation_create(*, name: str, type: str, country: str, city: str = "") -> Organisation:
    organisation = Organisation(name=name, type=type, country=country, city=city)
    organisation.full_clean()
    organisation.save()
    return organisation


def programme_create(
    *, code: str, name: str, host_country: str, managed_by: Organisation | None, uses_reab_categories: bool
) -> Programme:
    if managed_by is not None and managed_by.type != OrganisationType.DONOR:
        raise ValidationError({"managed_by": _("A programme is managed by a donor organisation.")})
    programme = Programme(
        code=code,
        name=name,
        host_country=host_country,
        managed_by=managed_by,
        uses_reab_categories=uses_reab_categories,
    )
    programme.full_clean()
    programme.save()
    return programme


def roles_check(*, organisation: Organisation | None, roles: Iterable[str]) -> None:
    for role in roles:
        if role not in Role.values:
            raise ValidationError(_("%(role)s is not a role.") % {"role": role})
        if not role_fits(role, organisation):
            raise ValidationError(
                _("The role %(role)s does not fit an organisation of type %(type)s.")
                % {
                    "role": Role(role).label,
                    "type": organisation.get_type_display() if organisation else _("none"),
                }
            )


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    organisation: Organisation,
    roles: Iterable[str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    roles = list(roles)
    roles_check(organisation=organisation, roles=roles)
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email, organisation=organisation
    )
    user.set_password(password)
    # Administrators manage users, organisations and programmes in the administration pages.
    user.is_staff = user.is_superuser = Role.ADMINISTRATOR in roles
    user.full_clean()
    user.save()
    UserRole.objects.bulk_create([UserRole(user=user, role=role) for role in roles])
    return user
