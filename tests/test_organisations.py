import pytest
from django.core.exceptions import ValidationError

from homeward.organisations import services
from homeward.organisations.models import OrganisationType, Role, User, UserRole
from tests.factories import OrganisationFactory


def test_a_user_gets_the_roles_that_fit_their_organisation(country_office):
    user = services.user_create(
        username="laura", password="a-long-enough-password", organisation=country_office,
        roles=[Role.CASE_OFFICER, Role.MOVEMENT_OFFICER],
    )

    assert user.role_set == {Role.CASE_OFFICER, Role.MOVEMENT_OFFICER}
    assert user.is_country_office_staff
    assert user.check_password("a-long-enough-password")


@pytest.mark.parametrize(
    ("organisation_type", "role"),
    [
        (OrganisationType.NGO, Role.CASE_OFFICER),
        (OrganisationType.COUNTRY_OFFICE, Role.PARTNER_COUNSELLOR),
        (OrganisationType.OFFICE_ABROAD, Role.PROGRAMME_MANAGER),
        (OrganisationType.DONOR, Role.OFFICE_ABROAD),
    ],
)
def test_a_role_that_does_not_fit_the_organisation_is_refused_and_nothing_is_written(db, organisation_type, role):
    organisation = OrganisationFactory(type=organisation_type)

    with pytest.raises(ValidationError, match="does not fit"):
        services.user_create(username="wrong", password="a-long-enough-password", organisation=organisation,
                             roles=[role])

    assert not User.objects.filter(username="wrong").exists()
    assert UserRole.objects.count() == 0


def test_the_role_rule_holds_in_the_administration_pages_too(counsellor):
    role = UserRole(user=counsellor, role=Role.CASE_OFFICER)

    with pytest.raises(ValidationError, match="does not fit"):
        role.full_clean()


def test_a_programme_is_managed_by_a_donor(partner):
    with pytest.raises(ValidationError):
        services.programme_create(code="X", name="X", host_country="BE", managed_by=partner,
                                  uses_reab_categories=False)
