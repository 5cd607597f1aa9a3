"""Reasons in words: each reason code of `rules` as a sentence a programme manager can check, in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from homeward.eligibility.rules import Reason

SUPPORT_LABELS = {
    "return_assistance": _("Return assistance"),
    "reintegration_grant": _("Reintegration grant"),
    "vulnerability_support": _("Vulnerability support"),
    "wage_subsidy": _("Wage subsidy (AVRR B-X)"),
    "magnet": _("MAGNET job placement"),
    "uam_project": _("Moroccan unaccompanied minors project"),
}

SENTENCES = {
    "category_covered": _("Category %(category)s is covered by %(programme)s."),
    "category_missing": _("The applicant's category or status for %(programme)s is not recorded."),
    "category_not_covered": _("Category %(category)s is not covered by %(programme)s."),
    "has_means": _("The household has the means to pay for its own return."),
    "lacks_means": _("The household lacks the means to return."),
    "recognised_refugee": _("A recognised refugee cannot be helped to return by the programme."),
    "eu_schengen_citizen": _("A citizen of %(country)s (EU or Schengen-associated) on %(date)s is excluded."),
    "not_eu_schengen_citizen": _("Not a citizen of an EU or Schengen-associated country (nationality: %(country)s)."),
    "five_year_bar": _(
        "Departed through REAB on %(departed_on)s: no new application within %(years)s years, that is before "
        "%(until)s, unless the costs of that departure are reimbursed."
    ),
    "earlier_return_reimbursed": _(
        "The costs of the REAB departure of %(departed_on)s were reimbursed, so it does not bar a new application."
    ),
    "no_recent_return": _("No REAB departure in the %(years)s years before %(date)s."),
    "needs_return_assistance": _("Requires return assistance, which is not granted."),
    "no_reintegration_destination": _(
        "No reintegration support for returns to %(country)s decided from %(starts)s."
    ),
    "before_visa_criterion": _("Decided before %(starts)s: every eligible returnee may have the grant."),
    "visa_free_national": _(
        "Nationals of %(country)s need no visa for short stays in the Schengen area on %(date)s (since %(since)s): "
        "no grant for them from %(starts)s."
    ),
    "visa_required_national": _("Nationals of %(country)s need a Schengen visa on %(date)s."),
    "vulnerable": _("A vulnerability is recorded: special support for needs linked to it."),
    "not_vulnerable": _("No vulnerability is recorded."),
    "project_not_running": _("%(project)s does not run on %(date)s (it runs from %(starts)s to %(ends)s)."),
    "project_destination": _("%(project)s covers returns to %(countries)s only."),
    "project_nationality": _("%(project)s is for nationals of %(countries)s only."),
    "project_covers": _("%(project)s covers this return to %(country)s."),
    "needs_grant_or_vulnerability_support": _("Needs the reintegration grant or vulnerability support."),
    "age_unknown": _("The date of birth is unknown, so the age limit of %(project)s cannot be checked."),
    "too_old": _("Aged %(age)s on %(date)s; the project is for those aged %(max_age)s or less."),
    "young_enough": _("Aged %(age)s on %(date)s, within the limit of %(max_age)s."),
    "identified_as_uam": _("Identified as an unaccompanied minor in Belgium before the 18th birthday."),
    "not_identified_as_uam": _("Not identified as an unaccompanied minor in Belgium before the 18th birthday."),
    "granted_by_override": _("Granted by an officer's override, with a written justification."),
}
_COUNTRY_KEYS = {"country"}


def _param(key: str, value: str) -> str:
    if key in _COUNTRY_KEYS and len(value) == 2:
        return str(Country(value).name or value)
    if key == "countries":
        return ", ".join(str(Country(code).name or code) for code in value.split())
    return value


def reason_text(reason: Reason) -> str:
    template = SENTENCES.get(reason.code)
    params = {key: _param(key, value) for key, value in reason.params}
    if template is None:
        return reason.code
    return str(template) % params
