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
