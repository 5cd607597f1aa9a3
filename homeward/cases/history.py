"""The case history in words: turns the recorded changes of a `CaseEvent` into sentences for the timeline."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from homeward.cases.models import AvrrlStatus, Case, CaseEvent, CaseMember, ReabCategory, Relation, Vulnerability
from homeward.people.models import DatePrecision, Person, Sex

# Fields an office abroad must not learn about, not even through the history of an edit.
ASYLUM_FIELDS = frozenset({"reab_category", "avrrl_status", "notes", "recognised_refugee"})
_CODES: dict[str, dict[str, object]] = {
    "reab_category": dict(ReabCategory.choices),
    "avrrl_status": dict(AvrrlStatus.choices),
    "relation": dict(Relation.choices),
    "sex": dict(Sex.choices),
    "date_of_birth_precision": dict(DatePrecision.choices),
}


def _field_label(field: str) -> str:
    for model in (Person, Case, CaseMember):
        try:
            model_field = model._meta.get_field(field)
        except FieldDoesNotExist:
            continue
        return str(getattr(model_field, "verbose_name", field))
    return field.replace("_", " ")


_FLAGS = frozenset({"has_means_to_return", "recognised_refugee", "uam_identified_before_18"})


def _value(field: str, value: str) -> str:
    if field in _FLAGS:
        return _("yes") if value == "True" else _("no")
    if not value:
        return "—"
    if field == "vulnerabilities":
        labels: dict[str, object] = dict(Vulnerability.choices)
        return ", ".join(str(labels.get(code, code)) for code in value.split(", "))
    return str(_CODES.get(field, {}).get(value, value))


def change_sentence(change: dict[str, str]) -> str:
    field = change.get("field", "")
    person = change.get("person", "")
    if field == "member":
        if change.get("to"):
            return _("Added %(person)s to the household") % {"person": change["to"]}
        return _("Removed %(person)s from the household") % {"person": change.get("from", "")}
    if field == "stayed":
        return _("%(person)s stayed behind") % {"person": person}
    if field == "screening":
        return _("Screening candidate reviewed: %(answer)s") % {"answer": change.get("to", "")}
    if field == "eligibility":
        return _("Eligibility decided under rules %(version)s") % {"version": change.get("to", "")}
    if field == "override":
        return _("%(person)s: %(support)s granted by override") % {"person": person, "support": change.get("to", "")}
    if field == "reimbursement":
        return _("%(person)s: costs of the departure reimbursed (%(amount)s)") % {
            "person": person, "amount": change.get("to", "")}
    if field == "document":
        return _("%(person)s: identity document %(document)s added") % {"person": person, "document": change["to"]}
    sentence = _("%(field)s: %(old)s → %(new)s") % {
        "field": _field_label(field),
        "old": _value(field, change.get("from", "")),
        "new": _value(field, change.get("to", "")),
    }
    return f"{person}: {sentence}" if person else sentence


def event_sentences(event: CaseEvent, *, show_asylum_details: bool) -> list[str]:
    return [
        change_sentence(change)
        for change in event.changes
        if show_asylum_details or change.get("field") not in ASYLUM_FIELDS
    ]
