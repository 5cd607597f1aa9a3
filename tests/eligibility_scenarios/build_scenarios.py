"""Regenerates scenarios.jsonl and expected.jsonl.

Every expected value below was written by hand from the specification (see README.md), not computed
by any implementation of the rules. Run from the repository root:

    python tests/eligibility_scenarios/build_scenarios.py

Expected tuples are (return_assistance, reintegration_grant, vulnerability_support, wage_subsidy,
magnet, uam_project). None means "the specification does not settle this value; not asserted".
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = ("return_assistance", "reintegration_grant", "vulnerability_support", "wage_subsidy", "magnet", "uam_project")
T, F, U = True, False, None
NONE_ELIGIBLE = (F, F, F, F, F, F)

lines: list[str] = []  # raw lines of scenarios.jsonl
expected: list[dict] = []  # one per non-empty line, same order


def fact(
    sid,
    *,
    programme="REAB",
    date="2012-06-01",
    category=None,
    nat="AF",
    dest=None,
    refugee=False,
    means=False,
    vulnerable=False,
    dob="1990-04-02",
    uam=False,
    previous=(),
):
    if category is None:
        category = "ASYLUM_REJECTED"
    return {
        "id": sid,
        "programme": programme,
        "decision_date": date,
        "category": category,
        "nationality": nat,
        "destination": dest if dest is not None else nat,
        "recognised_refugee": refugee,
        "has_means": means,
        "vulnerable": vulnerable,
        "date_of_birth": dob,
        "uam_identified_before_18": uam,
        "previous_returns": [{"programme": p, "departed_on": d, "reimbursed": r} for (p, d, r) in previous],
    }


def ok(rule, note, outcome, **kwargs):
    sid = f"{rule}-{len([e for e in expected if e.get('rule') == rule]) + 1:02d}"
    assert len(outcome) == 6
    lines.append(json.dumps(fact(sid, **kwargs)))
    entry = {"id": sid, "rule": rule, "note": note}
    entry.update(dict(zip(KEYS, outcome, strict=True)))
    expected.append(entry)


def bad(note, raw, sid):
    """A malformed line; sid is the id the command can read from it (None if unreadable)."""
    lines.append(raw)
    expected.append({"id": sid, "rule": "malformed", "note": note, "error": True})


def bad_fact(sid, note, drop=(), **overrides):
    obj = fact(sid)
    for key in drop:
        del obj[key]
    obj.update(overrides)
    bad(note, json.dumps(obj), sid)


# ---------------------------------------------------------------- malformed line first: the rest must still run
bad("broken JSON (truncated object, no readable id)", '{"programme": "REAB", "decision_date": "2012-06-01", ', None)

# ---------------------------------------------------------------- return assistance, REAB
ok("reab", "REAB category A (ASYLUM_WITHDRAWN), visa national", (T, T, F, F, F, F), category="ASYLUM_WITHDRAWN")
ok("reab", "REAB category B (ASYLUM_REJECTED)", (T, T, F, F, F, F), nat="RU")
ok("reab", "REAB category C (NON_ASYLUM)", (T, T, F, F, F, F), category="NON_ASYLUM", nat="MN")
ok("reab", "REAB: has the means to return -> no return assistance, so nothing", NONE_ELIGIBLE, means=True)
ok("reab", "REAB: recognised refugee -> nothing", NONE_ELIGIBLE, nat="NP", refugee=True)
ok(
    "reab",
    "REAB: recognised refugee who is also vulnerable -> nothing",
    NONE_ELIGIBLE,
    refugee=True,
    vulnerable=True,
    category="NON_ASYLUM",
)
ok(
    "reab",
    "REAB: unknown date of birth does not matter outside the UAM project",
    (T, T, F, F, F, F),
    nat="KZ",
    dob=None,
)
ok("reab", "REAB: empty previous_returns list", (T, T, F, F, F, F), nat="MA", dest="MA", date="2016-02-01")

# ---------------------------------------------------------------- return assistance, AVRRL
ok("avrrl", "AVRRL ASYLUM_SEEKER", (T, T, F, F, F, F), programme="AVRRL", category="ASYLUM_SEEKER", nat="NP")
ok("avrrl", "AVRRL ASYLUM_REJECTED", (T, T, F, F, F, F), programme="AVRRL", nat="KZ")
ok(
    "avrrl",
    "AVRRL IRREGULAR_MIGRANT (Moroccan, after the UAM project)",
    (T, T, F, F, F, F),
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
    nat="MA",
    date="2015-03-01",
)
ok(
    "avrrl",
    "AVRRL has no means test: has_means true is still eligible",
    (T, T, F, F, F, F),
    programme="AVRRL",
    category="ASYLUM_SEEKER",
    means=True,
)
ok(
    "avrrl",
    "AVRRL: recognised refugee -> nothing",
    NONE_ELIGIBLE,
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
    refugee=True,
)

bad_fact("m-missing-date", "missing required field decision_date", drop=("decision_date",))

# ---------------------------------------------------------------- EU / Schengen-associated citizens
ok("eu", "French citizen, REAB", NONE_ELIGIBLE, nat="FR")
ok(
    "eu",
    "Norwegian citizen (Schengen-associated), AVRRL",
    NONE_ELIGIBLE,
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
    nat="NO",
)
ok("eu", "Swiss citizen (Schengen-associated), REAB", NONE_ELIGIBLE, nat="CH", category="NON_ASYLUM")
ok("eu", "Icelandic citizen (Schengen-associated), AVRRL", NONE_ELIGIBLE, programme="AVRRL", nat="IS")
ok("eu", "Liechtenstein citizen (Schengen-associated), REAB, vulnerable", NONE_ELIGIBLE, nat="LI", vulnerable=True)
ok(
    "eu",
    "Croatian on 2013-06-30, day before accession: eligible; grant not asserted (Croatia not on the "
    "spec's visa-free list); vulnerability support whatever the nationality",
    (T, U, T, F, F, F),
    nat="HR",
    date="2013-06-30",
    vulnerable=True,
)
ok(
    "eu",
    "Croatian on 2013-07-01, accession day: EU citizen -> nothing",
    NONE_ELIGIBLE,
    nat="HR",
    date="2013-07-01",
    vulnerable=True,
)
ok(
    "eu",
    "British on 2020-01-31, last day in the EU -> nothing",
    NONE_ELIGIBLE,
    nat="GB",
    date="2020-01-31",
    vulnerable=True,
)
ok(
    "eu",
    "British on 2020-02-01, first day after exit: eligible; grant not asserted (UK not on the spec's visa-free list)",
    (T, U, T, F, F, F),
    nat="GB",
    date="2020-02-01",
    vulnerable=True,
)
ok(
    "eu",
    "Polish on 2004-04-30, day before accession (pre-2012-05-15 grant for all)",
    (T, T, F, F, F, F),
    nat="PL",
    date="2004-04-30",
)
ok("eu", "Polish on 2004-05-01, accession day -> nothing", NONE_ELIGIBLE, nat="PL", date="2004-05-01")
ok("eu", "Bulgarian on 2006-12-31, day before accession", (T, T, F, F, F, F), nat="BG", date="2006-12-31")
ok("eu", "Bulgarian on 2007-01-01, accession day -> nothing", NONE_ELIGIBLE, nat="BG", date="2007-01-01")
ok("eu", "Romanian on 2006-12-31, day before accession", (T, T, F, F, F, F), nat="RO", date="2006-12-31")
ok(
    "eu",
    "Romanian on 2007-01-01, accession day, AVRRL -> nothing",
    NONE_ELIGIBLE,
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
    nat="RO",
    date="2007-01-01",
)

bad_fact("m-programme", 'unknown programme "XYZ"', programme="XYZ")

# ---------------------------------------------------------------- REAB five-year bar
ok(
    "bar",
    "REAB departure 2009-03-01 not reimbursed, decision 2014-02-28 (day before 5 years) -> barred",
    NONE_ELIGIBLE,
    date="2014-02-28",
    previous=[("REAB", "2009-03-01", False)],
)
ok(
    "bar",
    "REAB departure 2009-03-01 not reimbursed, decision 2014-03-01 (exactly 5 years) -> allowed",
    (T, T, F, F, F, F),
    date="2014-03-01",
    previous=[("REAB", "2009-03-01", False)],
)
ok(
    "bar",
    "REAB departure 2009-03-01 reimbursed, decision 2014-02-28 -> allowed",
    (T, T, F, F, F, F),
    date="2014-02-28",
    previous=[("REAB", "2009-03-01", True)],
)
ok(
    "bar",
    "previous return via AVRRL does not trigger the REAB bar",
    (T, T, F, F, F, F),
    nat="RU",
    previous=[("AVRRL", "2011-01-10", False)],
)
ok(
    "bar",
    "AVRRL decision: no five-year bar even after a recent unreimbursed REAB departure",
    (T, T, F, F, F, F),
    programme="AVRRL",
    category="ASYLUM_SEEKER",
    previous=[("REAB", "2011-01-10", False)],
)
ok(
    "bar",
    "two REAB departures: old one outside 5 years, recent unreimbursed one inside -> barred",
    NONE_ELIGIBLE,
    category="NON_ASYLUM",
    previous=[("REAB", "2005-01-01", False), ("REAB", "2011-06-01", False)],
)
ok(
    "bar",
    "recent REAB departure reimbursed, older unreimbursed one outside 5 years -> allowed",
    (T, T, F, F, F, F),
    previous=[("REAB", "2011-06-01", True), ("REAB", "2006-01-01", False)],
)
ok(
    "bar",
    "recent AVRRL departure + reimbursed REAB departure inside 5 years -> allowed",
    (T, T, F, F, F, F),
    nat="MN",
    previous=[("AVRRL", "2012-01-01", False), ("REAB", "2010-01-01", True)],
)
ok(
    "bar",
    "the brief's example s1 (BR, REAB, 2012-06-01, unreimbursed REAB departure 2009-03-01): within 5 years "
    "-> barred by the rules, although the illustrative output showed eligible true",
    NONE_ELIGIBLE,
    nat="BR",
    previous=[("REAB", "2009-03-01", False)],
)
ok(
    "bar",
    "barred REAB returnee who is vulnerable, Iraqi to Iraq in MAGNET period -> still nothing",
    NONE_ELIGIBLE,
    nat="IQ",
    vulnerable=True,
    date="2013-02-01",
    previous=[("REAB", "2010-02-01", False)],
)

bad_fact("m-feb30", 'impossible decision_date "2012-02-30"', decision_date="2012-02-30")

# ---------------------------------------------------------------- reintegration grant and visa-free dates
ok(
    "grant",
    "Brazilian 2012-05-14: before the visa-free restriction -> grant",
    (T, T, F, F, F, F),
    nat="BR",
    date="2012-05-14",
)
ok(
    "grant",
    "Brazilian 2012-05-15: restriction starts that day -> no grant",
    (T, F, F, F, F, F),
    nat="BR",
    date="2012-05-15",
)
ok("grant", "Russian 2012-05-15: needs a visa -> grant", (T, T, F, F, F, F), nat="RU", date="2012-05-15")
ok("grant", "Serbian 2012-05-14 -> grant", (T, T, F, F, F, F), nat="RS", date="2012-05-14")
ok("grant", "Serbian 2012-05-15 -> no grant", (T, F, F, F, F, F), nat="RS", date="2012-05-15")
ok("grant", "Serbian 2009-12-18 (day before visa-free) -> grant", (T, T, F, F, F, F), nat="RS", date="2009-12-18")
ok(
    "grant",
    "Serbian 2009-12-19 (visa-free day, but before 2012-05-15) -> grant",
    (T, T, F, F, F, F),
    nat="RS",
    date="2009-12-19",
)
ok("grant", "Montenegrin 2009-12-19 (before 2012-05-15) -> grant", (T, T, F, F, F, F), nat="ME", date="2009-12-19")
ok("grant", "Montenegrin 2012-06-01 -> no grant", (T, F, F, F, F, F), nat="ME")
ok("grant", "North Macedonian 2009-12-18 -> grant", (T, T, F, F, F, F), nat="MK", date="2009-12-18")
ok("grant", "North Macedonian 2013-06-01 -> no grant", (T, F, F, F, F, F), nat="MK", date="2013-06-01")
ok("grant", "Albanian 2010-12-14 (day before visa-free) -> grant", (T, T, F, F, F, F), nat="AL", date="2010-12-14")
ok(
    "grant",
    "Albanian 2010-12-15 (visa-free day, before 2012-05-15) -> grant",
    (T, T, F, F, F, F),
    nat="AL",
    date="2010-12-15",
)
ok("grant", "Albanian 2012-06-01 -> no grant", (T, F, F, F, F, F), nat="AL")
ok("grant", "Bosnian 2010-12-15 (before 2012-05-15) -> grant", (T, T, F, F, F, F), nat="BA", date="2010-12-15")
ok("grant", "Bosnian 2012-06-01 -> no grant", (T, F, F, F, F, F), nat="BA", category="NON_ASYLUM")
ok("grant", "Moldovan 2014-04-27 (day before visa-free) -> grant", (T, T, F, F, F, F), nat="MD", date="2014-04-27")
ok("grant", "Moldovan 2014-04-28 (visa-free day) -> no grant", (T, F, F, F, F, F), nat="MD", date="2014-04-28")
ok("grant", "Georgian 2017-03-27 -> grant", (T, T, F, F, F, F), nat="GE", date="2017-03-27")
ok("grant", "Georgian 2017-03-28 (visa-free day) -> no grant", (T, F, F, F, F, F), nat="GE", date="2017-03-28")
ok(
    "grant",
    "Ukrainian 2017-06-10 -> grant",
    (T, T, F, F, F, F),
    nat="UA",
    date="2017-06-10",
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
)
ok(
    "grant",
    "Ukrainian 2017-06-11 (visa-free day) -> no grant",
    (T, F, F, F, F, F),
    nat="UA",
    date="2017-06-11",
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
)
ok(
    "grant",
    "Kosovar returning to Albania 2023-12-31 (not to Kosovo; visa still needed) -> grant",
    (T, T, F, F, F, F),
    nat="XK",
    dest="AL",
    date="2023-12-31",
)
ok(
    "grant",
    "Kosovar returning to Albania 2024-01-01 (visa-free day) -> no grant",
    (T, F, F, F, F, F),
    nat="XK",
    dest="AL",
    date="2024-01-01",
)
ok(
    "grant",
    "Afghan 2020-06-01: needs a visa throughout -> grant",
    (T, T, F, F, F, F),
    date="2020-06-01",
    programme="AVRRL",
    category="ASYLUM_SEEKER",
)
ok("grant", "Nepalese 2012-05-15 -> grant", (T, T, F, F, F, F), nat="NP", date="2012-05-15")
ok(
    "grant",
    "Brazilian with means, REAB -> no return assistance so no grant",
    NONE_ELIGIBLE,
    nat="BR",
    date="2010-01-01",
    means=True,
)

bad_fact("m-nat-zz", 'unknown nationality "ZZ"', nationality="ZZ")

# ---------------------------------------------------------------- vulnerability support
ok(
    "vuln",
    "vulnerable Brazilian after 2012-05-15: no grant but vulnerability support",
    (T, F, T, F, F, F),
    nat="BR",
    vulnerable=True,
)
ok("vuln", "vulnerable Afghan: grant and vulnerability support", (T, T, T, F, F, F), vulnerable=True)
ok("vuln", "vulnerable but has means (REAB) -> nothing", NONE_ELIGIBLE, vulnerable=True, means=True, nat="MN")
ok(
    "vuln",
    "vulnerable Georgian 2018 via AVRRL: visa-free, still vulnerability support",
    (T, F, T, F, F, F),
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
    nat="GE",
    date="2018-01-15",
    vulnerable=True,
)
ok(
    "vuln",
    "vulnerable Serbian before 2012-05-15: grant and vulnerability support",
    (T, T, T, F, F, F),
    nat="RS",
    date="2011-03-01",
    vulnerable=True,
)

bad_fact("m-cat-avrrl", "category NON_ASYLUM is not valid for AVRRL", programme="AVRRL", category="NON_ASYLUM")
bad_fact("m-cat-reab", "category ASYLUM_SEEKER is not valid for REAB", programme="REAB", category="ASYLUM_SEEKER")
bad_fact(
    "m-cat-reab2", "category IRREGULAR_MIGRANT is not valid for REAB", programme="REAB", category="IRREGULAR_MIGRANT"
)

# ---------------------------------------------------------------- Kosovo
ok(
    "kosovo",
    "Kosovar to Kosovo 2012-12-31, vulnerable: everything normal (grant, vuln, wage subsidy)",
    (T, T, T, T, F, F),
    nat="XK",
    date="2012-12-31",
    vulnerable=True,
)
ok(
    "kosovo",
    "Kosovar to Kosovo 2013-01-01, vulnerable: return only, no reintegration support",
    (T, F, F, F, F, F),
    nat="XK",
    date="2013-01-01",
    vulnerable=True,
)
ok(
    "kosovo",
    "Kosovar to Kosovo 2012-12-31, not vulnerable: grant and wage subsidy",
    (T, T, F, T, F, F),
    nat="XK",
    date="2012-12-31",
)
ok(
    "kosovo",
    "Kosovar to Kosovo 2013-01-01 via AVRRL, not vulnerable: return only",
    (T, F, F, F, F, F),
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
    nat="XK",
    date="2013-01-01",
)
ok(
    "kosovo",
    "Kosovar returning to Serbia 2015-06-01: Kosovo rule is about the destination -> grant",
    (T, T, F, F, F, F),
    nat="XK",
    dest="RS",
    date="2015-06-01",
)
ok(
    "kosovo",
    "Serbian (visa-free) vulnerable returning to Kosovo 2013-01-01: no support of any kind",
    (T, F, F, F, F, F),
    nat="RS",
    dest="XK",
    date="2013-01-01",
    vulnerable=True,
)
ok(
    "kosovo",
    "Kosovar to Kosovo 2024-01-01, vulnerable: return only",
    (T, F, F, F, F, F),
    nat="XK",
    date="2024-01-01",
    vulnerable=True,
)
ok(
    "kosovo",
    "Kosovar to Kosovo 2011-05-01 (before 2012-05-15): grant and wage subsidy",
    (T, T, F, T, F, F),
    nat="XK",
    date="2011-05-01",
    category="NON_ASYLUM",
)

bad("JSON array instead of an object", '["id", "m-array"]', None)

# ---------------------------------------------------------------- wage subsidy
ok(
    "wage",
    "Armenian to Armenia 2010-12-31 (day before the project) -> no wage subsidy",
    (T, T, F, F, F, F),
    nat="AM",
    date="2010-12-31",
)
ok(
    "wage",
    "Armenian to Armenia 2011-01-01 (project start) -> wage subsidy via grant",
    (T, T, F, T, F, F),
    nat="AM",
    date="2011-01-01",
)
ok(
    "wage",
    "Armenian to Armenia 2014-12-31 (project end day) -> wage subsidy",
    (T, T, F, T, F, F),
    nat="AM",
    date="2014-12-31",
)
ok(
    "wage",
    "Armenian to Armenia 2015-01-01 (after project) -> no wage subsidy",
    (T, T, F, F, F, F),
    nat="AM",
    date="2015-01-01",
)
ok(
    "wage",
    "Iraqi to Iraq 2014-06-01: wage subsidy via grant (MAGNET over)",
    (T, T, F, T, F, F),
    nat="IQ",
    date="2014-06-01",
    programme="AVRRL",
    category="ASYLUM_REJECTED",
)
ok(
    "wage",
    "Serbian (visa-free) to Kosovo 2012-06-01, vulnerable: wage subsidy via vulnerability support only",
    (T, F, T, T, F, F),
    nat="RS",
    dest="XK",
    vulnerable=True,
)
ok(
    "wage",
    "Albanian (visa-free) to Kosovo 2012-10-01, vulnerable, AVRRL: wage subsidy via vulnerability only",
    (T, F, T, T, F, F),
    nat="AL",
    dest="XK",
    date="2012-10-01",
    vulnerable=True,
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
)
ok(
    "wage",
    "Serbian (visa-free) to Kosovo 2012-06-01, not vulnerable: neither grant nor vuln -> no wage subsidy",
    (T, F, F, F, F, F),
    nat="RS",
    dest="XK",
)
ok("wage", "Armenian with means (REAB) to Armenia 2012-06-01 -> nothing", NONE_ELIGIBLE, nat="AM", means=True)
ok(
    "wage",
    "Armenian to Armenia 2012-06-01, vulnerable: grant, vuln and wage subsidy",
    (T, T, T, T, F, F),
    nat="AM",
    vulnerable=True,
)
ok(
    "wage",
    "Afghan to Afghanistan 2012-06-01: destination not in the project -> no wage subsidy",
    (T, T, F, F, F, F),
    category="NON_ASYLUM",
)

bad_fact("m-dest-qq", 'unknown destination country "QQ"', destination="QQ")

# ---------------------------------------------------------------- MAGNET
ok(
    "magnet",
    "Iraqi to Iraq 2011-08-31 (day before MAGNET) -> no MAGNET; wage subsidy via grant",
    (T, T, F, T, F, F),
    nat="IQ",
    date="2011-08-31",
)
ok("magnet", "Iraqi to Iraq 2011-09-01 (MAGNET start)", (T, T, F, T, T, F), nat="IQ", date="2011-09-01")
ok("magnet", "Iraqi to Iraq 2013-12-31 (MAGNET end day)", (T, T, F, T, T, F), nat="IQ", date="2013-12-31")
ok("magnet", "Iraqi to Iraq 2014-01-01 (after MAGNET)", (T, T, F, T, F, F), nat="IQ", date="2014-01-01")
ok(
    "magnet",
    "Iraqi returning to Turkey 2012-06-01 -> no MAGNET, no wage subsidy",
    (T, T, F, F, F, F),
    nat="IQ",
    dest="TR",
)
ok("magnet", "Afghan returning to Iraq 2012-06-01 -> no MAGNET, wage subsidy via grant", (T, T, F, T, F, F), dest="IQ")
ok("magnet", "Iraqi to Iraq with means (REAB) 2012-06-01 -> nothing", NONE_ELIGIBLE, nat="IQ", means=True)
ok(
    "magnet",
    "Iraqi to Iraq with means, AVRRL asylum seeker -> eligible, MAGNET",
    (T, T, F, T, T, F),
    nat="IQ",
    means=True,
    programme="AVRRL",
    category="ASYLUM_SEEKER",
)
ok(
    "magnet",
    "Iraqi recognised refugee -> nothing",
    NONE_ELIGIBLE,
    nat="IQ",
    refugee=True,
    programme="AVRRL",
    category="ASYLUM_SEEKER",
)
ok(
    "magnet",
    "vulnerable Iraqi to Iraq 2012-06-01 -> grant, vuln, wage subsidy and MAGNET",
    (T, T, T, T, T, F),
    nat="IQ",
    vulnerable=True,
)

bad_fact("m-dob", 'impossible date_of_birth "1990-13-01"', date_of_birth="1990-13-01")

# ---------------------------------------------------------------- Moroccan unaccompanied minors project
ok(
    "uam",
    "Moroccan, 21 on 2012-05-31 (22nd birthday next day) -> UAM project",
    (T, T, F, F, F, T),
    nat="MA",
    dob="1990-06-01",
    date="2012-05-31",
    uam=True,
)
ok(
    "uam",
    "Moroccan, 22nd birthday on the decision date 2012-06-01 -> not eligible",
    (T, T, F, F, F, F),
    nat="MA",
    dob="1990-06-01",
    date="2012-06-01",
    uam=True,
)
ok(
    "uam",
    "Moroccan minor 2011-12-31 (day before project) -> no",
    (T, T, F, F, F, F),
    nat="MA",
    dob="1995-01-01",
    date="2011-12-31",
    uam=True,
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
)
ok(
    "uam",
    "Moroccan minor 2012-01-01 (project start) -> yes",
    (T, T, F, F, F, T),
    nat="MA",
    dob="1995-01-01",
    date="2012-01-01",
    uam=True,
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
)
ok(
    "uam",
    "Moroccan aged 20, 2013-12-31 (project end day) -> yes",
    (T, T, F, F, F, T),
    nat="MA",
    dob="1993-01-01",
    date="2013-12-31",
    uam=True,
)
ok(
    "uam",
    "Moroccan aged 21, 2014-01-01 (after project) -> no",
    (T, T, F, F, F, F),
    nat="MA",
    dob="1993-01-01",
    date="2014-01-01",
    uam=True,
)
ok(
    "uam",
    "Moroccan aged 19, not identified as UAM before 18 -> no",
    (T, T, F, F, F, F),
    nat="MA",
    dob="1993-02-10",
    date="2012-09-01",
    uam=False,
)
ok(
    "uam",
    "Moroccan identified as UAM, date of birth unknown -> no",
    (T, T, F, F, F, F),
    nat="MA",
    dob=None,
    date="2012-09-01",
    uam=True,
)
ok(
    "uam",
    "Moroccan minor returning to Spain -> no",
    (T, T, F, F, F, F),
    nat="MA",
    dest="ES",
    dob="1996-03-03",
    date="2012-09-01",
    uam=True,
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
)
ok(
    "uam",
    "Afghan minor returning to Morocco -> no",
    (T, T, F, F, F, F),
    nat="AF",
    dest="MA",
    dob="1996-03-03",
    date="2012-09-01",
    uam=True,
    programme="AVRRL",
    category="ASYLUM_SEEKER",
)
ok(
    "uam",
    "Moroccan minor with means under REAB -> nothing",
    NONE_ELIGIBLE,
    nat="MA",
    dob="1996-03-03",
    date="2012-09-01",
    uam=True,
    means=True,
)
ok(
    "uam",
    "Moroccan on his 18th birthday -> yes",
    (T, T, F, F, F, T),
    nat="MA",
    dob="1994-03-15",
    date="2012-03-15",
    uam=True,
    category="ASYLUM_WITHDRAWN",
)
ok(
    "uam",
    "Moroccan aged 16, vulnerable, AVRRL -> UAM project and vulnerability support",
    (T, T, T, F, F, T),
    nat="MA",
    dob="1996-07-20",
    date="2013-01-10",
    uam=True,
    vulnerable=True,
    programme="AVRRL",
    category="ASYLUM_SEEKER",
)
ok(
    "uam",
    "Moroccan one day short of 22 at the project end day 2013-12-31 -> yes",
    (T, T, F, F, F, T),
    nat="MA",
    dob="1992-01-01",
    date="2013-12-31",
    uam=True,
)
ok(
    "uam",
    "Moroccan turning 22 on 2013-12-31 (project end day) -> no",
    (T, T, F, F, F, F),
    nat="MA",
    dob="1991-12-31",
    date="2013-12-31",
    uam=True,
)

bad("bare JSON string instead of an object", '"hello"', None)
# An empty line: the command may print nothing or an error with id null; the test accepts both.
# It must be followed by a valid scenario (the test relies on that to tell the two behaviours apart).
lines.append("")
ok("reab", "valid line right after an empty line", (T, T, F, F, F, F), nat="NP", category="NON_ASYLUM")
ok(
    "avrrl",
    "last line of the file is valid",
    (T, T, F, F, F, F),
    programme="AVRRL",
    category="IRREGULAR_MIGRANT",
    nat="AM",
    dest="AM",
    date="2016-06-01",
)


def main() -> None:
    ids = [e["id"] for e in expected if e["id"] is not None]
    assert len(ids) == len(set(ids)), "duplicate scenario ids"
    (HERE / "scenarios.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (HERE / "expected.jsonl").write_text("".join(json.dumps(e) + "\n" for e in expected), encoding="utf-8")
    counts: dict[str, int] = {}
    for e in expected:
        counts[e["rule"]] = counts.get(e["rule"], 0) + 1
    print(len(expected), "entries:", counts)


if __name__ == "__main__":
    main()
