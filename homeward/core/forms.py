"""How form widgets are drawn: Django's templates, except the select, which is written here in Python.

Django draws a select by including one small template per option. A list of the world's countries (about 250
options, on the case list's filters and on every person of the registration form) then costs about 9 ms of CPU each
time a page is drawn: a quarter of the case list's whole time. Writing the same HTML directly costs well under a
millisecond. The output is Django's own markup for a select (django/forms/widgets/select.html)."""

from __future__ import annotations

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
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = format_html_join(
            "", '\n  <option value="{}"{}>{}</option>',
            ((option["value"], _attributes(option["attrs"]), option["label"]) for option in options),
        )
        groups.append(format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rendered)
                      if group_name else rendered)
    return format_html('<select name="{}"{}>{}\n</select>', widget["name"], _attributes(widget["attrs"]),
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
