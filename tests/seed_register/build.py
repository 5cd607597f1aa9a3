"""An independent register whose 2012 figures are exactly the seed's (the IOM Belgium-Luxembourg year report 2012).

`build_rows()` returns the header and the person rows of a case exchange file (docs/formats.md). It is built from the
seed's tables alone, without Homeward's code, so that importing it and asking Homeward for the 2012 report checks the
importer and the report against figures written down by someone else.

How the REAB departures of 2012 are laid out: every departed person is a place on one line. The line is filled
country by country in blocks (reintegration blocks and plain blocks), the blocks of the countries interleaved, so a
country's returnees spread over the year. The referring partners and the REAB categories are then laid over the same
line as consecutive stretches of the seed's sizes. Wherever destination, reintegration, partner and category stay the
same, the run is cut into households of one to five persons. Every count the seed prints is then a sum of stretch
lengths, whatever the household sizes.

Around those departures: the persons registered in 2012 who did not leave in 2012 (withdrawn, no-show, pending, or
left in 2013), a few households registered late in 2011 who left in 2012, households wholly of 2011 and 2013 that must
not count, and the Luxembourg (AVRRL) households, listed case by case.
"""

from __future__ import annotations

import datetime
import random
from collections import deque
from dataclasses import dataclass, replace

HEADER = [
    "case_ref", "programme", "referring_partner", "partner_type", "registered_on", "person_ref", "role",
    "family_name", "given_names", "sex", "date_of_birth", "nationality", "reab_category", "destination", "outcome",
    "departed_on", "reintegration", "vulnerable",
]

# --- REAB, the seed's 2012 tables ---------------------------------------------------------------------------------

# Departed in 2012 by destination: the seed's top 10, then the rest (1423 persons, every country below 125).
REAB_DEPARTED = {
    "BR": 683, "RU": 554, "UA": 403, "IQ": 359, "XK": 315, "AM": 228, "AL": 207, "RS": 207, "MN": 190, "KZ": 125,
    "GE": 118, "MA": 96, "MK": 88, "CN": 74, "AF": 72, "MD": 69, "CD": 58, "GN": 52, "BY": 49, "AZ": 47, "IR": 45,
    "CM": 43, "BD": 41, "TR": 41, "DZ": 38, "EC": 36, "ME": 35, "PK": 33, "NP": 30, "TN": 31, "BA": 29, "NG": 27,
    "BO": 26, "SN": 24, "PE": 22, "PH": 20, "IN": 19, "CO": 17, "EG": 15, "LK": 14, "ET": 13, "UZ": 13, "VN": 12,
    "TH": 11, "CI": 10, "SY": 9, "LB": 9, "TG": 8, "PS": 7, "CU": 7, "ER": 6, "JO": 5, "SO": 4,
}
# Departed in 2012 with reintegration support: the seed's top 10 (Russia 364, as its text and total say), then the
# rest (244 persons, every country below 25).
REAB_REINTEGRATION = {
    "RU": 364, "IQ": 245, "XK": 157, "AM": 124, "KZ": 56, "GE": 39, "AF": 39, "BD": 35, "NP": 26, "PK": 25,
    "UA": 23, "MN": 21, "CD": 20, "MA": 19, "BR": 18, "MD": 17, "MK": 16, "GN": 15, "RS": 14, "AZ": 13, "BY": 12,
    "AL": 11, "IR": 10, "CM": 9, "CN": 8, "ME": 6, "TR": 5, "DZ": 4, "BA": 3,
}
# Departed in 2012 by REAB category (the line's stretches, in this order).
REAB_CATEGORIES = [("ASYLUM_REJECTED", 2139), ("NON_ASYLUM", 1812), ("ASYLUM_WITHDRAWN", 743)]
# By partner type, registered / departed in 2012.
REAB_PARTNER_TYPES = {
    "NGO": (3526, 2606), "FEDASIL_CENTRE": (1675, 1322), "IMMIGRATION_OFFICE": (119, 108),
    "RED_CROSS_CENTRE": (573, 440), "CITY": (186, 156), "IOM": (81, 62),
}
# The referring partners and how many of the 2012 departures each referred (per type, the seed's departed figure;
# the Red Cross split is the seed's footnote: Croix-Rouge de Belgique 273, Rode Kruis - Vlaanderen 140).
REAB_PARTNERS = [
    ("Caritas International", "NGO", 900),
    ("Vluchtelingenwerk Vlaanderen", "NGO", 520),
    ("CIRÉ asbl", "NGO", 430),
    ("Convivial", "NGO", 300),
    ("Mentor-Escale", "NGO", 250),
    ("Centre social protestant", "NGO", 206),
    ("Fedasil Petit-Château", "FEDASIL_CENTRE", 620),
    ("Fedasil Jumet", "FEDASIL_CENTRE", 402),
    ("Fedasil Poelkapelle", "FEDASIL_CENTRE", 300),
    ("Office des Étrangers – Dienst Vreemdelingenzaken", "IMMIGRATION_OFFICE", 108),
    ("Croix-Rouge de Belgique", "RED_CROSS_CENTRE", 273),
    ("Rode Kruis - Vlaanderen", "RED_CROSS_CENTRE", 140),
    ("Rotes Kreuz Belgien", "RED_CROSS_CENTRE", 27),
    ("CPAS de Bruxelles", "CITY", 60),
    ("OCMW Antwerpen", "CITY", 56),
    ("CPAS de Liège", "CITY", 40),
    ("IOM Brussels (walk-in)", "IOM", 62),
]
REAB_KINDS = ["MICROBUSINESS", "HOUSING", "EDUCATION;HOUSING", "MEDICAL", "MICROBUSINESS;EDUCATION",
              "WAGE_SUBSIDY", "JOB_PLACEMENT", "HOUSING;MEDICAL"]

# --- AVRRL (Luxembourg) 2012, case by case ---------------------------------------------------------------------------
# (destination, support, household sizes). 97 departed; XK 59, IQ 6, RU 4, BR 4, BY 4, the others at most 3 each.
# Reintegration 54 cases / 84 persons; microbusiness 31 cases / 59 persons; medical 6 persons.
AVRRL_2012 = [
    ("XK", "MICROBUSINESS", [4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]),
    ("XK", "MICROBUSINESS;MEDICAL", [3]),
    ("XK", "HOUSING", [1, 1, 1, 1, 1]),
    ("XK", "MEDICAL", [1, 1]),
    ("XK", "HOUSING;MEDICAL", [1]),
    ("XK", "", [4]),
    ("IQ", "MICROBUSINESS;EDUCATION", [2, 1]),
    ("IQ", "EDUCATION", [2]),
    ("IQ", "", [1]),
    ("RU", "MICROBUSINESS", [2]),
    ("RU", "JOB_PLACEMENT", [1]),
    ("RU", "", [1]),
    ("BR", "MICROBUSINESS", [1]),
    ("BR", "WAGE_SUBSIDY", [1]),
    ("BR", "", [2]),
    ("BY", "MICROBUSINESS", [1]),
    ("BY", "HOUSING", [2]),
    ("BY", "", [1]),
    ("AL", "MICROBUSINESS", [1]), ("AL", "HOUSING", [1, 1]),
    ("RS", "MICROBUSINESS", [1]), ("RS", "EDUCATION", [1, 1]),
    ("MK", "MICROBUSINESS", [1]), ("MK", "JOB_PLACEMENT", [1, 1]),
    ("ME", "MICROBUSINESS", [1]), ("ME", "HOUSING", [1, 1]),
    ("GE", "MICROBUSINESS", [1]), ("GE", "WAGE_SUBSIDY", [1]),
    ("MN", "EDUCATION", [1, 1]),
    ("NG", "", [2]),
    ("CM", "", [1]),
    ("UA", "", [1]),
]
AVRRL_PARTNERS = [
    ("Caritas Luxembourg", "NGO"), ("Croix-Rouge luxembourgeoise", "RED_CROSS_CENTRE"),
    ("ASTI Luxembourg", "NGO"), ("Direction de l'immigration", "IMMIGRATION_OFFICE"),
]

# Household sizes, taken in turn (cut short at the end of a run).
SIZES = [1, 2, 1, 4, 1, 3, 1, 5, 2, 1, 1, 3]
_SIZES_FOR_NON_DEPARTED = [1, 1, 2, 3, 1, 4]

# --- names, by the culture of the destination ---------------------------------------------------------------------
# (family names, women's given names, men's given names); some in their own script, as clerks sometimes type them.
_EAST_SLAVIC = (["Ivanov", "Kovalenko", "Shevchuk", "Смирнов", "Кузнецов", "Бондаренко", "Petrenko", "Lukashevich",
                 "Морозов", "Tkachenko"],
                ["Olena", "Natalia", "Ирина", "Svetlana", "Tetiana", "Ольга", "Yulia"],
                ["Oleksandr", "Dmitri", "Сергей", "Andriy", "Mikhail", "Владимир", "Ihor"])
_KAZAKH = (["Nurlanov", "Akhmetov", "Серикбаев", "Zhumabekov", "Omarova", "Тулегенов"],
           ["Aigerim", "Dana", "Айгуль", "Gulnara"], ["Nursultan", "Yerlan", "Асхат", "Daniyar"])
_PORTUGUESE = (["da Silva", "dos Santos", "Oliveira", "Pereira", "Souza", "Conceição", "Gonçalves", "Araújo"],
               ["Ana Paula", "Maria José", "Fernanda", "Luíza", "Conceição"],
               ["João Pedro", "Marcelo", "Thiago", "Luís Carlos", "Sebastião"])
_ARABIC = (["Al-Jaburi", "حسين", "Al-Tamimi", "Kareem", "العبيدي", "Mahmoud", "Al-Rubaie", "Saleh"],
           ["Fatima", "زينب", "Noor", "Huda", "Rana"], ["Ahmed", "محمد", "Ali", "Mustafa", "Haider", "Omar"])
_ALBANIAN = (["Krasniqi", "Gashi", "Berisha", "Hoxha", "Shala", "Çela", "Dervishi", "Bytyçi"],
             ["Arbëresha", "Drita", "Vjosa", "Elira", "Mimoza"], ["Besnik", "Arben", "Fatmir", "Ilir", "Agron"])
_SOUTH_SLAVIC = (["Jovanović", "Петровић", "Nikolić", "Đorđević", "Marković", "Hodžić", "Стојановски"],
                 ["Jelena", "Милица", "Ana", "Amra", "Vesna"], ["Nikola", "Марко", "Stefan", "Dragan", "Emir"])
_ARMENIAN = (["Hovhannisyan", "Հարությունյան", "Grigoryan", "Petrosyan", "Sargsyan", "Մկրտչյան"],
             ["Anahit", "Նարե", "Lusine", "Gayane"], ["Aram", "Տիգրան", "Davit", "Armen"])
_GEORGIAN = (["Beridze", "ბერიძე", "Kapanadze", "Gelashvili", "Lomidze", "მაისურაძე"],
             ["Nino", "თამარ", "Mariam", "Eka"], ["Giorgi", "ლევან", "Davit", "Zurab"])
_MONGOLIAN = (["Batbayar", "Ганбаатар", "Dorj", "Erdenebat", "Сүхбаатар"],
              ["Oyunchimeg", "Сарангэрэл", "Bolormaa", "Enkhjargal"], ["Bat-Erdene", "Тэмүүжин", "Ganbold", "Bold"])
_PERSIAN = (["Ahmadzai", "Hashimi", "احمدی", "Rahimi", "Popal", "Mohammadi", "حسینی"],
            ["Farzana", "مریم", "Zahra", "Shabnam"], ["Mohammad", "عبدالله", "Naweed", "Ahmad Shah", "Reza"])
_BENGALI = (["Rahman", "Hossain", "রহমান", "Akter", "Chowdhury", "Islam"],
            ["Nasrin", "ফাতেমা", "Shirin", "Taslima"], ["Rafiq", "Kamal", "আব্দুল", "Mizanur"])
_NEPALI = (["Shrestha", "Gurung", "श्रेष्ठ", "Tamang", "Rai", "Thapa"],
           ["Sita", "सरिता", "Anita", "Kamala"], ["Ram Bahadur", "Bikash", "सुरेश", "Dipendra"])
_SOUTH_ASIAN = (["Khan", "Qureshi", "خان", "Malik", "Singh", "Sharma", "सिंह", "Perera", "Fernando"],
                ["Ayesha", "Sana", "Priya", "Nimali"], ["Imran", "Bilal", "عمران", "Rajesh", "Kasun"])
_CHINESE = (["Wang", "李", "Zhang", "陈", "Liu", "黄"], ["Xiu Ying", "美玲", "Li Na"], ["Wei", "建国", "Hao", "Jun"])
_VIETNAMESE_THAI = (["Nguyễn", "Trần", "Lê", "Phạm", "ศรีสุข", "Santos", "Dela Cruz"],
                    ["Thị Hoa", "Thị Lan", "สมศรี", "Maricel"], ["Văn Minh", "Đức Anh", "Somchai", "Jose"])
_WEST_CENTRAL_AFRICAN = (["Mbuyi", "Diallo", "Ngono", "Ndiaye", "Camara", "Tshibangu", "Koné", "Mensah"],
                         ["Aminata", "Mariama", "Grâce", "Fatoumata", "Chantal"],
                         ["Mamadou", "Jean-Pierre", "Ousmane", "Patrice", "Kofi"])
_MAGHREBI = (["El Amrani", "Benali", "Bouzid", "بن علي", "Haddad", "Ait Ouali"],
             ["Khadija", "Samira", "Naïma", "Meriem"], ["Youssef", "Karim", "Rachid", "يوسف"])
_TURKIC = (["Yılmaz", "Kaya", "Aliyev", "Məmmədov", "Karimov", "Öztürk"],
           ["Ayşe", "Leyla", "Gülnara", "Aynur"], ["Mehmet", "Elvin", "Rustam", "Şükrü"])
_LATIN_AMERICAN = (["García", "Quispe", "Mamani", "Rodríguez", "Peña", "Núñez"],
                   ["María Fernanda", "Lucía", "Guadalupe", "Yesenia"], ["José Luis", "Andrés", "Juan Carlos", "Iván"])
_EAST_AFRICAN = (["Okafor", "Adeyemi", "Tesfaye", "ተስፋዬ", "Mohamed Abdi", "Haile", "Nwosu"],
                 ["Chiamaka", "Selam", "Hodan", "Ngozi"], ["Chukwuemeka", "Dawit", "Abdirahman", "Tunde"])

CULTURES = {
    **dict.fromkeys(["RU", "UA", "BY", "MD"], _EAST_SLAVIC),
    **dict.fromkeys(["KZ"], _KAZAKH),
    **dict.fromkeys(["BR"], _PORTUGUESE),
    **dict.fromkeys(["IQ", "SY", "LB", "JO", "PS", "EG"], _ARABIC),
    **dict.fromkeys(["XK", "AL", "MK"], _ALBANIAN),
    **dict.fromkeys(["RS", "ME", "BA"], _SOUTH_SLAVIC),
    **dict.fromkeys(["AM"], _ARMENIAN),
    **dict.fromkeys(["GE"], _GEORGIAN),
    **dict.fromkeys(["MN"], _MONGOLIAN),
    **dict.fromkeys(["AF", "IR"], _PERSIAN),
    **dict.fromkeys(["BD"], _BENGALI),
    **dict.fromkeys(["NP"], _NEPALI),
    **dict.fromkeys(["PK", "IN", "LK"], _SOUTH_ASIAN),
    **dict.fromkeys(["CN"], _CHINESE),
    **dict.fromkeys(["VN", "TH", "PH"], _VIETNAMESE_THAI),
    **dict.fromkeys(["CD", "GN", "CM", "SN", "CI", "TG"], _WEST_CENTRAL_AFRICAN),
    **dict.fromkeys(["MA", "DZ", "TN"], _MAGHREBI),
    **dict.fromkeys(["TR", "AZ", "UZ"], _TURKIC),
    **dict.fromkeys(["EC", "BO", "PE", "CO", "CU"], _LATIN_AMERICAN),
    **dict.fromkeys(["NG", "ET", "ER", "SO"], _EAST_AFRICAN),
}


@dataclass(frozen=True)
class Household:
    case_ref: str
    programme: str
    partner: str
    partner_type: str
    registered_on: datetime.date
    category: str
    destination: str
    outcome: str
    departed_on: datetime.date | None
    reintegration: str
    size: int


def _day(year: int, day_of_year: int) -> datetime.date:
    return datetime.date(year, 1, 1) + datetime.timedelta(days=day_of_year)


def _stretches(spec: list[tuple[object, int]]) -> list[object]:
    """One entry per person: each value repeated its count of times, in order."""
    return [value for value, count in spec for _ in range(count)]


def _departure_line() -> list[tuple[str, bool]]:
    """(destination, with reintegration) per REAB person departed in 2012, the countries' blocks interleaved."""
    queues = []
    for code, departed in REAB_DEPARTED.items():
        supported = REAB_REINTEGRATION.get(code, 0)
        blocks: deque[tuple[str, bool, int]] = deque()
        for with_support, total, block in ((True, supported, 20), (False, departed - supported, 30)):
            for start in range(0, total, block):
                blocks.append((code, with_support, min(block, total - start)))
        queues.append(blocks)
    line: list[tuple[str, bool]] = []
    while any(queues):
        for blocks in queues:
            if blocks:
                code, with_support, count = blocks.popleft()
                line.extend([(code, with_support)] * count)
    return line


def _cut(total: int, sizes: list[int], start: int) -> list[int]:
    """`total` persons cut into household sizes taken in turn from `sizes` (from position `start`)."""
    pieces = []
    index = start
    while total > 0:
        size = min(sizes[index % len(sizes)], total)
        pieces.append(size)
        total -= size
        index += 1
    return pieces


def _reab_departed_2012() -> list[Household]:
    line = _departure_line()
    partners = _stretches([((name, kind), count) for name, kind, count in REAB_PARTNERS])
    categories = _stretches(REAB_CATEGORIES)
    assert len(line) == len(partners) == len(categories) == 4694
    runs: list[list] = []
    for place in zip(line, partners, categories, strict=True):
        if runs and runs[-1][0] == place:
            runs[-1][1] += 1
        else:
            runs.append([place, 1])
    households = []
    turn = 0
    for ((code, with_support), (partner, partner_type), category), count in runs:
        for size in _cut(count, SIZES, turn):
            number = len(households)
            if number % 23 == 5:  # registered late in 2011, left in 2012
                registered_on = _day(2011, 300 + number % 64)
                departed_on = _day(2012, number * 11 % 120)
            else:
                registered_on = _day(2012, number * 37 % 330)
                departed_on = registered_on + datetime.timedelta(days=10 + number * 13 % 60)
                departed_on = min(departed_on, datetime.date(2012, 12, 31))
            households.append(Household(
                case_ref=f"BXL/2012/{number + 1:05d}", programme="REAB", partner=partner, partner_type=partner_type,
                registered_on=registered_on, category=category, destination=code, outcome="DEPARTED",
                departed_on=departed_on,
                reintegration=REAB_KINDS[number % len(REAB_KINDS)] if with_support else "", size=size,
            ))
            turn += 1
    # The edges of the year: the first household left on 1 January, the last on 31 December.
    households[0] = replace(households[0], registered_on=datetime.date(2011, 12, 20),
                            departed_on=datetime.date(2012, 1, 1))
    households[-1] = replace(households[-1], registered_on=datetime.date(2012, 12, 3),
                             departed_on=datetime.date(2012, 12, 31))
    return households


_OTHER_DESTINATIONS = ["BR", "RU", "UA", "IQ", "XK", "AM", "AL", "RS", "MN", "KZ", "GE", "AF", "BD", "NP", "PK",
                       "MA", "CN", "CD", "GN", "TR", "EC", "IR", "NG"]
_NOT_DEPARTED = ["WITHDRAWN", "NO_SHOW", "PENDING", "WITHDRAWN", "LEFT_IN_2013", "NO_SHOW", "WITHDRAWN"]


def _reab_registered_2012_not_departed(departed: list[Household]) -> list[Household]:
    """The persons registered in 2012 who did not leave in 2012, so that each partner type's registrations match."""
    households = []
    number = 0
    for partner_type, (registered, _departed) in REAB_PARTNER_TYPES.items():
        already = sum(household.size for household in departed
                      if household.partner_type == partner_type and household.registered_on.year == 2012)
        names = [name for name, kind, _count in REAB_PARTNERS if kind == partner_type]
        for size in _cut(registered - already, _SIZES_FOR_NON_DEPARTED, number):
            state = _NOT_DEPARTED[number % len(_NOT_DEPARTED)]
            registered_on = _day(2012, number * 29 % 360)
            departed_on = None
            reintegration = ""
            if state == "LEFT_IN_2013":  # registered late in 2012, left in January 2013
                registered_on = _day(2012, 320 + number % 45)
                departed_on = _day(2013, number % 28)
                reintegration = "MICROBUSINESS" if number % 2 else ""
            elif state == "PENDING" and number % 3 == 0:
                reintegration = "HOUSING"  # support planned; it counts only once they have left
            households.append(Household(
                case_ref=f"BXL/2012/R{number + 1:04d}", programme="REAB", partner=names[number % len(names)],
                partner_type=partner_type, registered_on=registered_on,
                category=[category for category, _count in REAB_CATEGORIES][number % 3],
                destination=_OTHER_DESTINATIONS[number % len(_OTHER_DESTINATIONS)],
                outcome="DEPARTED" if state == "LEFT_IN_2013" else state, departed_on=departed_on,
                reintegration=reintegration, size=size,
            ))
            number += 1
    return households


def _reab_other_years() -> list[Household]:
    """Households wholly of 2011 or of 2013: none of them counts in 2012."""
    households = []
    for year in (2011, 2013):
        for number in range(60):
            partner, partner_type, _count = REAB_PARTNERS[number % len(REAB_PARTNERS)]
            registered_on = _day(year, number * 5)
            departed_on = registered_on + datetime.timedelta(days=20 + number % 40)
            if number == 0:
                registered_on, departed_on = (
                    (datetime.date(2011, 12, 1), datetime.date(2011, 12, 31)) if year == 2011
                    else (datetime.date(2013, 1, 1), datetime.date(2013, 1, 1)))
            outcome = "DEPARTED" if number % 4 else "WITHDRAWN"
            households.append(Household(
                case_ref=f"BXL/{year}/{number + 1:05d}", programme="REAB", partner=partner, partner_type=partner_type,
                registered_on=registered_on, category=[category for category, _count in REAB_CATEGORIES][number % 3],
                destination=_OTHER_DESTINATIONS[number % len(_OTHER_DESTINATIONS)], outcome=outcome,
                departed_on=departed_on if outcome == "DEPARTED" else None,
                reintegration="MICROBUSINESS" if outcome == "DEPARTED" and number % 3 == 0 else "",
                size=SIZES[number % len(SIZES)],
            ))
    return households


def _avrrl() -> list[Household]:
    households = []
    for code, support, sizes in AVRRL_2012:
        for size in sizes:
            number = len(households)
            partner, partner_type = AVRRL_PARTNERS[number % len(AVRRL_PARTNERS)]
            registered_on = _day(2012, number * 7 % 300) if number % 9 else _day(2011, 330 + number % 30)
            departed_on = (registered_on + datetime.timedelta(days=14 + number % 40) if registered_on.year == 2012
                           else _day(2012, number % 40))
            if number == 0:
                departed_on = datetime.date(2012, 1, 1)
                registered_on = datetime.date(2011, 11, 15)
            if number == 1:
                departed_on = datetime.date(2012, 12, 31)
            households.append(Household(
                case_ref=f"LUX-12-{number + 1:03d}", programme="AVRRL", partner=partner, partner_type=partner_type,
                registered_on=registered_on, category="", destination=code, outcome="DEPARTED",
                departed_on=departed_on, reintegration=support, size=size,
            ))
    # Not counted in 2012: registered in 2012 but withdrawn or left in 2013; wholly of 2011 or 2013.
    extra = [
        (datetime.date(2012, 3, 5), "WITHDRAWN", None, "XK", "", 2),
        (datetime.date(2012, 6, 18), "NO_SHOW", None, "IQ", "", 1),
        (datetime.date(2012, 11, 20), "DEPARTED", datetime.date(2013, 1, 2), "XK", "MICROBUSINESS", 3),
        (datetime.date(2012, 12, 10), "PENDING", None, "RU", "MEDICAL", 1),
        (datetime.date(2011, 4, 1), "DEPARTED", datetime.date(2011, 12, 31), "XK", "MICROBUSINESS", 4),
        (datetime.date(2011, 9, 9), "DEPARTED", datetime.date(2011, 10, 1), "BY", "MEDICAL", 1),
        (datetime.date(2013, 1, 1), "DEPARTED", datetime.date(2013, 1, 1), "BR", "", 2),
        (datetime.date(2013, 2, 14), "DEPARTED", datetime.date(2013, 5, 3), "XK", "MICROBUSINESS;HOUSING", 2),
    ]
    for number, (registered_on, outcome, departed_on, code, support, size) in enumerate(extra):
        partner, partner_type = AVRRL_PARTNERS[number % len(AVRRL_PARTNERS)]
        households.append(Household(
            case_ref=f"LUX-{registered_on.year % 100}-X{number + 1:02d}", programme="AVRRL", partner=partner,
            partner_type=partner_type, registered_on=registered_on, category="", destination=code, outcome=outcome,
            departed_on=departed_on, reintegration=support, size=size,
        ))
    return households


def households() -> list[Household]:
    departed = _reab_departed_2012()
    return [*departed, *_reab_registered_2012_not_departed(departed), *_reab_other_years(), *_avrrl()]


def _birth(rng: random.Random, first_year: int, last_year: int) -> str:
    start = datetime.date(first_year, 1, 1).toordinal()
    end = datetime.date(last_year, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end)).isoformat()


def _person_rows(household: Household, rng: random.Random) -> list[list[str]]:
    families, women, men = CULTURES[household.destination]
    family_name = rng.choice(families)
    year = household.registered_on.year
    rows = []
    for position in range(household.size):
        if position == 0:  # the principal
            sex = "X" if rng.random() < 0.01 else rng.choice("FMM")
            born = _birth(rng, 1950, year - 19)
        elif position == 1 and rng.random() < 0.7:  # a spouse
            sex = "F" if rows[0][9] == "M" else "M"
            born = _birth(rng, 1955, year - 18)
        else:  # a child, or now and then another adult relative with a family name of their own
            sex = rng.choice("FM")
            born = _birth(rng, 1994, year - 1)
            if rng.random() < 0.1:
                born = _birth(rng, 1940, 1990)
                family_name = rng.choice(families)
        if rng.random() < 0.04:
            born = ""
        given = rng.choice(women if sex == "F" else men if sex == "M" else women + men)
        if rng.random() < 0.02:
            given = ""
        nationality = household.destination
        if household.destination == "XK" and rng.random() < 0.3:
            nationality = "RS"  # older files record Kosovars as Serbian nationals
        elif rng.random() < 0.03:
            nationality = ""
        rows.append([
            household.case_ref, household.programme, household.partner, household.partner_type,
            household.registered_on.isoformat(), f"{household.case_ref}-P{position + 1}",
            "PRINCIPAL" if position == 0 else "MEMBER", family_name, given, sex, born, nationality,
            household.category, household.destination, household.outcome,
            household.departed_on.isoformat() if household.departed_on else "", household.reintegration,
            "yes" if rng.random() < 0.07 else "no",
        ])
    if len(rows) > 1 and rng.random() < 0.15:
        rows.reverse()  # the principal need not come first
    return rows


def build_rows() -> list[list[str]]:
    """The header and the person rows, the same every time."""
    rng = random.Random(20121231)
    rows = [list(HEADER)]
    for household in households():
        rows.extend(_person_rows(household, rng))
    return rows
