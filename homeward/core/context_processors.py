"""What the navigation bar offers to the logged-in user."""

from django.http import HttpRequest

from homeward.organisations.models import Role, User


def navigation(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {}
    return {
        "nav_rules": user.has_role(Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR, Role.CASE_OFFICER),
        "nav_reports": user.is_country_office_staff or user.has_role(Role.PROGRAMME_MANAGER),
        "nav_import": user.has_role(Role.ADMINISTRATOR),
    }
