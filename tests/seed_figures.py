"""The seed's 2012 tables (IOM Belgium-Luxembourg year report 2012, "Trends and analysis 2012"), written down once, in
the JSON form of docs/formats.md, for the tests that check a register against them.

Percentages are whole numbers rounded half up, `by_category` by the largest remainder; ranked tables are ordered by
count and then by the country's English name (Albania before Serbia, Afghanistan before Georgia, Belarus before
Brazil before Russia). The seed prints 365 for the Russian Federation's reintegration; its text and total say 364.
"""

SEED_2012 = {
    "year": 2012,
    "reab": {
        "registered": 6160, "departed": 4694, "effective_return_rate_pct": 76,
        "reintegration": {"persons": 1354, "share_of_departed_pct": 29},
        "top_destinations": [
            {"country": "BR", "departed": 683, "pct": 15},
            {"country": "RU", "departed": 554, "pct": 12},
            {"country": "UA", "departed": 403, "pct": 9},
            {"country": "IQ", "departed": 359, "pct": 8},
            {"country": "XK", "departed": 315, "pct": 7},
            {"country": "AM", "departed": 228, "pct": 5},
            {"country": "AL", "departed": 207, "pct": 4},
            {"country": "RS", "departed": 207, "pct": 4},
            {"country": "MN", "departed": 190, "pct": 4},
            {"country": "KZ", "departed": 125, "pct": 3},
        ],
        "top_destinations_total": {"departed": 3271, "pct": 70},
        "top_reintegration_destinations": [
            {"country": "RU", "persons": 364, "pct": 27},
            {"country": "IQ", "persons": 245, "pct": 18},
            {"country": "XK", "persons": 157, "pct": 12},
            {"country": "AM", "persons": 124, "pct": 9},
            {"country": "KZ", "persons": 56, "pct": 4},
            {"country": "AF", "persons": 39, "pct": 3},
            {"country": "GE", "persons": 39, "pct": 3},
            {"country": "BD", "persons": 35, "pct": 3},
            {"country": "NP", "persons": 26, "pct": 2},
            {"country": "PK", "persons": 25, "pct": 2},
        ],
        "top_reintegration_total": {"persons": 1110, "pct": 82},
        "by_category": [
            {"category": "ASYLUM_WITHDRAWN", "departed": 743, "pct": 16},
            {"category": "ASYLUM_REJECTED", "departed": 2139, "pct": 45},
            {"category": "NON_ASYLUM", "departed": 1812, "pct": 39},
        ],
        "by_partner_type": [
            {"partner_type": "NGO", "registered": 3526, "departed": 2606},
            {"partner_type": "FEDASIL_CENTRE", "registered": 1675, "departed": 1322},
            {"partner_type": "IMMIGRATION_OFFICE", "registered": 119, "departed": 108},
            {"partner_type": "RED_CROSS_CENTRE", "registered": 573, "departed": 440},
            {"partner_type": "CITY", "registered": 186, "departed": 156},
            {"partner_type": "IOM", "registered": 81, "departed": 62},
        ],
    },
    "avrrl": {
        "departed": 97,
        "top_destinations": [
            {"country": "XK", "departed": 59},
            {"country": "IQ", "departed": 6},
            {"country": "BY", "departed": 4},
            {"country": "BR", "departed": 4},
            {"country": "RU", "departed": 4},
        ],
        "top_destinations_total": {"departed": 77},
        "reintegration": {"cases": 54, "persons": 84},
        "microbusiness": {"cases": 31, "persons": 59},
        "medical": {"persons": 6},
    },
}
