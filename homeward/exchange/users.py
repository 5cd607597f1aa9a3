"""Who runs a command: every import and export is attributable to a Homeward user."""

from django.core.management.base import CommandError

from homeward.organisations.models import Role, User


def command_user(username: str | None) -> User:
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active Homeward user {username!r}.")
        return user
    administrators = list(User.objects.filter(is_active=True, roles__role=Role.ADMINISTRATOR)[:2])
    if len(administrators) != 1:
        raise CommandError("Say who runs this, so that it is attributable: --user USERNAME.")
    return administrators[0]
