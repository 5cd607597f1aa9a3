"""Errors a user can cause: each carries a message a clerk understands, never a traceback."""

from django.http import Http404


class DomainError(Exception):
    """A refused action. `message` is shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotPermitted(DomainError):
    """This user may not do this (their role, their organisation, the state the record is in)."""


class TransitionNotAllowed(DomainError):
    """The case cannot move to that state, or not by this user."""


class StaleVersion(DomainError):
    """Someone else saved the record since this user opened it (a lost update, refused)."""


class NotVisible(Http404):
    """The user may not see this record. Shown as a plain 404, so its existence does not leak."""
