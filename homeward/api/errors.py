"""The one shape of every error the API answers, declared on each operation so that the OpenAPI document tells
clients (and the fuzzer) what to expect."""

from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


# The str of every API input: like Django's form fields, it refuses NUL characters (PostgreSQL text cannot hold them).
Text = Annotated[str, AfterValidator(_no_nul)]


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    details: Any = None


class Error(Schema):
    error: ErrorBody


# Every operation can answer these; each adds its own (403, 409) where they apply.
COMMON = {400: Error, 401: Error, 404: Error, 422: Error, 429: Error}
