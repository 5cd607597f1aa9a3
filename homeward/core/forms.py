"""How form widgets are drawn: Django's templates, except the select, which is written here in Python.

Django draws a select by including one small template per option. A list of the world's countries (about 250
options, on the case list's filters and on every person of the registration form) then costs about 9 ms of CPU each
time a page is drawn: a quarter of the case list's whole time. Writing the same HTML directly costs well under a
millisecond. The output is Django's own markup for a select (django/forms/widgets/select.html)."""

from __future__ import annotations

import functools
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """Django's attrs.html: `False` left out, `True` as a bare name, the rest as name="value"."""
    return format_html_join(
        "", "{}", ((format_html(' {}="{}"', name, value) if value is not True else format_html(" {}", name),)
                   for name, value in attrs.items() if value is not False)
    )


def select_html(widget: dict[str, Any]) -> SafeString:
    # The same selects come back page after page (the countries, the states, the partners, with one option
    # chosen): drawn once for each set of options and choice, in the language of their labels.
    return _select_html(
        str(widget["name"]),
        _frozen(widget["attrs"]),
        tuple((str(group_name) if group_name else "",
               tuple((str(option["value"]), str(option["label"]), _frozen(option["attrs"])) for option in options))
              for group_name, options, _index in widget["optgroups"]),
    )


def _frozen(attrs: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple((name, value if isinstance(value, bool) else str(value)) for name, value in attrs.items())


@functools.lru_cache(maxsize=1024)
def _select_html(name: str, attrs: tuple[tuple[str, Any], ...],
                 optgroups: tuple[tuple[str, tuple[tuple[str, str, tuple[tuple[str, Any], ...]], ...]], ...]
                 ) -> SafeString:
    groups = []
    for group_name, options in optgroups:
        rendered = format_html_join(
            "", '\n  <option value="{}"{}>{}</option>',
            ((value, _attributes(dict(option_attrs)), label) for value, label, option_attrs in options),
        )
        groups.append(format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rendered)
                      if group_name else rendered)
    return format_html('<select name="{}"{}>{}\n</select>', name, _attributes(dict(attrs)),
                       mark_safe("".join(groups)))  # each part was escaped by format_html


class QuickSelectRenderer(DjangoTemplates):
    """The form renderer of settings.FORM_RENDERER."""

    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        widget = context.get("widget")
        if template_name == SELECT_TEMPLATE and widget is not None and all(
            option.get("template_name") == OPTION_TEMPLATE
            for _name, options, _index in widget["optgroups"] for option in options
        ):
            return select_html(widget)
        return super().render(template_name, context, request)
