"""Dates of birth as people give them: a full date, a year only, or not known."""

import datetime
import re

from django.utils.translation import gettext as _

from homeward.people.models import DatePrecision

EARLIEST_YEAR = 1900
_YEAR = re.compile(r"^\d{4}$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_EUROPEAN = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$", re.ASCII)


def date_of_birth_parse(text: str, *, today: datetime.date) -> tuple[datetime.date | None, str]:
    """Parse `1985-03-11`, `11/03/1985` (day first), `1985` or an empty text.

    Returns the date (1 January for a year only) and its precision; raises ValueError with a user message.
    """
    text = text.strip()
    if not text:
        return None, DatePrecision.UNKNOWN
    if _YEAR.match(text):
        year = int(text)
        if year < EARLIEST_YEAR:
            raise ValueError(_("The date of birth cannot be before %(year)s.") % {"year": EARLIEST_YEAR})
        born = datetime.date(year, 1, 1)
        precision = DatePrecision.YEAR
    else:
        iso, european = _ISO.match(text), _EUROPEAN.match(text)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
        elif european:
            day, month, year = (int(part) for part in european.groups())
        else:
            raise ValueError(_("Write the date of birth as 1985-03-11, 11/03/1985, or the year alone (1985)."))
        if year < EARLIEST_YEAR:
            raise ValueError(_("The date of birth cannot be before %(year)s.") % {"year": EARLIEST_YEAR})
        try:
            born = datetime.date(year, month, day)
        except ValueError:
            raise ValueError(_("%(text)s is not a date that exists.") % {"text": text}) from None
        precision = DatePrecision.DAY
    if born > today:
        raise ValueError(_("The date of birth cannot be in the future."))
    if born.year < EARLIEST_YEAR:
        raise ValueError(_("The date of birth cannot be before %(year)s.") % {"year": EARLIEST_YEAR})
    return born, precision
