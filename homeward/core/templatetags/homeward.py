"""Small template helpers."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """`{{ data|get_item:key }}`: a value of a dictionary by a key held in a variable."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return ""


# `|date:"Y-m-d"` runs Django's whole formatter (a translation look-up for each letter of the format): on a list
# of cases the dates took a third of each row's time. The same text, written directly:


@register.filter(expects_localtime=True)
def iso_day(value: Any) -> str:
    """`{{ value|iso_day }}`: 2026-11-30, as `|date:"Y-m-d"` (a datetime in the current time zone)."""
    if value in (None, ""):
        return ""
    try:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    except AttributeError:
        return ""


@register.filter(expects_localtime=True)
def iso_minute(value: Any) -> str:
    """`{{ value|iso_minute }}`: 2026-11-30 14:05, as `|date:"Y-m-d H:i"` (a date alone: its day, where `|date`
    would fail)."""
    day = iso_day(value)
    try:
        return f"{day} {value.hour:02d}:{value.minute:02d}" if day else ""
    except AttributeError:
        return day
