"""The rule data shipped with Homeward (version 1), and its JSON form for storage and for the rule pages.

Sources (see docs/eligibility.md): EU membership and the EEA / Schengen association agreements for the excluded
citizenships; Regulation (EC) No 539/2001 and its successor Regulation (EU) 2018/1806, Annex II, with the dates
each amendment or visa-waiver agreement applied from, for the visa-free nationalities; the seed report for the
REAB rules (15 May 2012, 1 January 2013, the five-year bar) and the projects.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from homeward.eligibility.rules import CountryPeriod, Period, Project, RuleData

D = datetime.date


def _countries(entries: Mapping[str, tuple[D | None, D | None]]) -> tuple[CountryPeriod, ...]:
    return tuple(CountryPeriod(code, Period(starts, ends)) for code, (starts, ends) in sorted(entries.items()))


_Span = tuple[D | None, D | None]
_EU: dict[str, _Span] = {code: (D(1958, 1, 1), None) for code in ("BE", "DE", "FR", "IT", "LU", "NL")}
_EU |= {"DK": (D(1973, 1, 1), None), "IE": (D(1973, 1, 1), None), "GB": (D(1973, 1, 1), D(2020, 1, 31))}
_EU |= {"GR": (D(1981, 1, 1), None), "ES": (D(1986, 1, 1), None), "PT": (D(1986, 1, 1), None)}
_EU |= {code: (D(1995, 1, 1), None) for code in ("AT", "FI", "SE")}
_EU |= {code: (D(2004, 5, 1), None) for code in ("CY", "CZ", "EE", "HU", "LV", "LT", "MT", "PL", "SK", "SI")}
_EU |= {"BG": (D(2007, 1, 1), None), "RO": (D(2007, 1, 1), None), "HR": (D(2013, 7, 1), None)}
# Schengen-associated countries, from the day their citizens had free movement in the EU (EEA, EU–Swiss agreement).
_EU |= {"IS": (D(1994, 1, 1), None), "NO": (D(1994, 1, 1), None), "LI": (D(1995, 5, 1), None)}
_EU |= {"CH": (D(2002, 6, 1), None)}

_REGULATION_539 = D(2001, 4, 10)
_VISA_FREE: dict[str, _Span] = {
    code: (_REGULATION_539, None)
    for code in (
        "AD", "AR", "AU", "BN", "BR", "CA", "CL", "CR", "GT", "HN", "IL", "JP", "MY", "MX", "MC", "NZ", "NI", "PA",
        "PY", "SV", "SM", "SG", "KR", "US", "UY", "VA", "VE", "HK", "MO",
    )
}
_VISA_FREE |= {"BO": (_REGULATION_539, D(2007, 3, 31))}  # Bolivia moved to Annex I by Regulation 1932/2006
_VISA_FREE |= {code: (D(2009, 5, 28), None) for code in ("AG", "BS", "BB", "MU", "KN", "SC")}
_VISA_FREE |= {code: (D(2009, 12, 19), None) for code in ("MK", "ME", "RS")}
_VISA_FREE |= {code: (D(2010, 12, 15), None) for code in ("AL", "BA")}
_VISA_FREE |= {"TW": (D(2011, 1, 11), None), "MD": (D(2014, 4, 28), None), "AE": (D(2015, 5, 6), None)}
_VISA_FREE |= {code: (D(2015, 5, 28), None) for code in ("DM", "GD", "LC", "VC", "WS", "TL", "TT", "VU")}
_VISA_FREE |= {"TO": (D(2015, 11, 20), None), "CO": (D(2015, 12, 3), None), "PE": (D(2016, 3, 15), None)}
_VISA_FREE |= {code: (D(2016, 6, 1), None) for code in ("KI", "MH", "FM", "NR", "PW", "SB", "TV")}
_VISA_FREE |= {"GE": (D(2017, 3, 28), None), "UA": (D(2017, 6, 11), None), "XK": (D(2024, 1, 1), None)}


def default_rules() -> RuleData:
    return RuleData(
        eu_schengen_citizenship=_countries(_EU),
        visa_free=_countries(_VISA_FREE),
        grant_visa_criterion_from=D(2012, 5, 15),
        no_reintegration_destinations=_countries({"XK": (D(2013, 1, 1), None)}),
        wage_subsidy=Project(
            name="AVRR B-X", period=Period(D(2011, 1, 1), D(2014, 12, 31)),
            destinations=frozenset({"XK", "IQ", "AM"}),
        ),
        magnet=Project(
            name="MAGNET", period=Period(D(2011, 9, 1), D(2013, 12, 31)),
            destinations=frozenset({"IQ"}), nationalities=frozenset({"IQ"}),
        ),
        uam_project=Project(
            name="Moroccan unaccompanied minors", period=Period(D(2012, 1, 1), D(2013, 12, 31)),
            destinations=frozenset({"MA"}), nationalities=frozenset({"MA"}),
        ),
        reab_bar_years=5,
        uam_max_age=21,
    )


def _date(value: str | None) -> D | None:
    return D.fromisoformat(value) if value else None


def _text(value: D | None) -> str | None:
    return value.isoformat() if value else None


def _period_json(period: Period) -> dict[str, str | None]:
    return {"starts": _text(period.starts), "ends": _text(period.ends)}


def _period(data: dict[str, Any]) -> Period:
    return Period(_date(data.get("starts")), _date(data.get("ends")))


def _countries_json(entries: tuple[CountryPeriod, ...]) -> list[dict[str, Any]]:
    return [{"country": entry.country, **_period_json(entry.period)} for entry in entries]


def _countries_from(data: list[dict[str, Any]]) -> tuple[CountryPeriod, ...]:
    return tuple(sorted((CountryPeriod(item["country"], _period(item)) for item in data),
                        key=lambda entry: (entry.country, entry.period.starts or D.min)))


def _project_json(project: Project) -> dict[str, Any]:
    return {
        "name": project.name,
        **_period_json(project.period),
        "destinations": sorted(project.destinations),
        "nationalities": sorted(project.nationalities),
    }


def _project(data: dict[str, Any]) -> Project:
    return Project(
        name=data["name"], period=_period(data),
        destinations=frozenset(data.get("destinations", [])), nationalities=frozenset(data.get("nationalities", [])),
    )


def rules_to_json(rules: RuleData) -> dict[str, Any]:
    return {
        "eu_schengen_citizenship": _countries_json(rules.eu_schengen_citizenship),
        "visa_free": _countries_json(rules.visa_free),
        "grant_visa_criterion_from": _text(rules.grant_visa_criterion_from),
        "no_reintegration_destinations": _countries_json(rules.no_reintegration_destinations),
        "wage_subsidy": _project_json(rules.wage_subsidy),
        "magnet": _project_json(rules.magnet),
        "uam_project": _project_json(rules.uam_project),
        "reab_bar_years": rules.reab_bar_years,
        "uam_max_age": rules.uam_max_age,
    }


def rules_from_json(data: dict[str, Any]) -> RuleData:
    grant_from = _date(data["grant_visa_criterion_from"])
    assert grant_from is not None
    return RuleData(
        eu_schengen_citizenship=_countries_from(data["eu_schengen_citizenship"]),
        visa_free=_countries_from(data["visa_free"]),
        grant_visa_criterion_from=grant_from,
        no_reintegration_destinations=_countries_from(data["no_reintegration_destinations"]),
        wage_subsidy=_project(data["wage_subsidy"]),
        magnet=_project(data["magnet"]),
        uam_project=_project(data["uam_project"]),
        reab_bar_years=int(data["reab_bar_years"]),
        uam_max_age=int(data["uam_max_age"]),
    )


def _entry_text(entry: dict[str, Any]) -> str:
    return f"{entry['country']} {entry.get('starts') or '…'} → {entry.get('ends') or '…'}"


def rules_diff(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What a version changes against the one before, one line per change (codes and ISO dates)."""
    lines: list[str] = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, list) and isinstance(after, list):
            removed = [item for item in before if item not in after]
            added = [item for item in after if item not in before]
            lines += [f"{key}: − {_entry_text(item)}" for item in removed]
            lines += [f"{key}: + {_entry_text(item)}" for item in added]
        elif isinstance(before, dict) and isinstance(after, dict):
            for field in sorted(set(before) | set(after)):
                if before.get(field) != after.get(field):
                    lines.append(f"{key}.{field}: {before.get(field)} → {after.get(field)}")
        else:
            lines.append(f"{key}: {before} → {after}")
    return lines
