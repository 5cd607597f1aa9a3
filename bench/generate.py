"""A synthetic case history in the case exchange format (docs/formats.md), for the import benchmark.

    python bench/generate.py --rows 200000 --output cases.csv [--seed 1]

Exactly `--rows` person rows, in households of one to five persons (1.7 on average: 1.2 million persons make about
700,000 cases), registered between 1979 and 2025 (more each decade, as the agency grew), for REAB and AVRRL, with a
mix of outcomes (departed, withdrawn, no-show, pending), reintegration support, and names from many cultures (some in
their own script). The same seed gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import sys
from pathlib import Path

COLUMNS = [
    "case_ref", "programme", "referring_partner", "partner_type", "registered_on", "person_ref", "role",
    "family_name", "given_names", "sex", "date_of_birth", "nationality", "reab_category", "destination", "outcome",
    "departed_on", "reintegration", "vulnerable",
]

REAB_PARTNERS = [
    *[(name, "NGO") for name in (
        "Caritas International", "Vluchtelingenwerk Vlaanderen", "CIRÉ asbl", "Convivial", "Mentor-Escale",
        "Centre social protestant", "Point d'appui", "Orbit vzw", "De Acht", "Vluchtelingenwerk Gent",
        "Ligue des familles", "Aide aux personnes déplacées", "Sociaal Centrum Brugge", "Médecins du Monde Belgique",
    )],
    *[(f"Fedasil {name}", "FEDASIL_CENTRE") for name in (
        "Petit-Château", "Jumet", "Poelkapelle", "Florennes", "Mouscron", "Sint-Truiden", "Arendonk", "Bovigny",
        "Kapellen", "Rixensart", "Woluwe", "Ukkel",
    )],
    *[(name, "RED_CROSS_CENTRE") for name in (
        "Croix-Rouge de Belgique", "Rode Kruis - Vlaanderen", "Rotes Kreuz Belgien", "Croix-Rouge Jette",
        "Rode Kruis Sint-Niklaas", "Croix-Rouge Uccle",
    )],
    *[(name, "CITY") for name in (
        "CPAS de Bruxelles", "OCMW Antwerpen", "CPAS de Liège", "OCMW Gent", "CPAS de Charleroi", "OCMW Leuven",
        "CPAS de Namur", "OCMW Oostende",
    )],
    ("Office des Étrangers – Dienst Vreemdelingenzaken", "IMMIGRATION_OFFICE"),
    ("IOM Brussels desk", "IOM"),
]
AVRRL_PARTNERS = [
    ("Caritas Luxembourg", "NGO"), ("ASTI Luxembourg", "NGO"), ("Croix-Rouge luxembourgeoise", "RED_CROSS_CENTRE"),
    ("Direction de l'immigration", "IMMIGRATION_OFFICE"), ("Ville d'Esch-sur-Alzette", "CITY"),
    ("IOM Luxembourg desk", "IOM"),
]

# (family names, women's given names, men's given names); each culture serves the destinations listed with it.
CULTURES: list[tuple[list[str], tuple[list[str], list[str], list[str]]]] = [
    (["RU", "UA", "BY", "MD"], (
        ["Ivanov", "Kovalenko", "Shevchuk", "Смирнов", "Кузнецов", "Бондаренко", "Petrenko", "Lukashevich", "Морозов"],
        ["Olena", "Natalia", "Ирина", "Svetlana", "Tetiana", "Ольга"], ["Oleksandr", "Dmitri", "Сергей", "Andriy"])),
    (["KZ", "KG", "UZ", "TJ"], (
        ["Nurlanov", "Akhmetov", "Серикбаев", "Zhumabekov", "Rakhimov", "Usmonov"],
        ["Aigerim", "Dana", "Айгуль", "Dilnoza"], ["Nursultan", "Yerlan", "Асхат", "Farrukh"])),
    (["BR", "PT", "AO", "CV"], (
        ["da Silva", "dos Santos", "Oliveira", "Pereira", "Conceição", "Gonçalves", "Araújo"],
        ["Ana Paula", "Maria José", "Fernanda", "Luíza"], ["João Pedro", "Marcelo", "Thiago", "Sebastião"])),
    (["IQ", "SY", "LB", "JO", "PS", "EG", "SD", "LY"], (
        ["Al-Jaburi", "حسين", "Al-Tamimi", "Kareem", "العبيدي", "Mahmoud", "Saleh"],
        ["Fatima", "زينب", "Noor", "Huda"], ["Ahmed", "محمد", "Ali", "Mustafa", "Haider"])),
    (["XK", "AL", "MK"], (
        ["Krasniqi", "Gashi", "Berisha", "Hoxha", "Shala", "Çela", "Bytyçi"],
        ["Arbëresha", "Drita", "Vjosa", "Elira"], ["Besnik", "Arben", "Fatmir", "Ilir"])),
    (["RS", "ME", "BA", "HR"], (
        ["Jovanović", "Петровић", "Nikolić", "Đorđević", "Hodžić", "Стојановић"],
        ["Jelena", "Милица", "Amra", "Vesna"], ["Nikola", "Марко", "Emir", "Dragan"])),
    (["AM"], (["Hovhannisyan", "Հարությունյան", "Grigoryan", "Petrosyan", "Մկրտչյան"],
              ["Anahit", "Նարե", "Lusine"], ["Aram", "Տիգրան", "Davit"])),
    (["GE"], (["Beridze", "ბერიძე", "Kapanadze", "Gelashvili", "მაისურაძე"],
              ["Nino", "თამარ", "Mariam"], ["Giorgi", "ლევან", "Zurab"])),
    (["MN"], (["Batbayar", "Ганбаатар", "Dorj", "Erdenebat"], ["Oyunchimeg", "Сарангэрэл", "Bolormaa"],
              ["Bat-Erdene", "Тэмүүжин", "Ganbold"])),
    (["AF", "IR"], (["Ahmadzai", "Hashimi", "احمدی", "Rahimi", "Popal", "حسینی"],
                    ["Farzana", "مریم", "Zahra"], ["Mohammad", "عبدالله", "Naweed", "Reza"])),
    (["BD"], (["Rahman", "Hossain", "রহমান", "Akter", "Chowdhury"], ["Nasrin", "ফাতেমা", "Taslima"],
              ["Rafiq", "Kamal", "আব্দুল"])),
    (["NP", "BT"], (["Shrestha", "Gurung", "श्रेष्ठ", "Tamang", "Thapa"], ["Sita", "सरिता", "Kamala"],
                    ["Ram Bahadur", "Bikash", "सुरेश"])),
    (["PK", "IN", "LK"], (["Khan", "Qureshi", "خان", "Singh", "सिंह", "Perera", "Fernando"],
                          ["Ayesha", "Priya", "Nimali"], ["Imran", "عمران", "Rajesh", "Kasun"])),
    (["CN", "TW"], (["Wang", "李", "Zhang", "陈", "Liu"], ["Xiu Ying", "美玲"], ["Wei", "建国", "Hao"])),
    (["VN", "TH", "PH", "ID"], (["Nguyễn", "Trần", "ศรีสุข", "Santos", "Dela Cruz", "Susanto"],
                                ["Thị Hoa", "สมศรี", "Maricel", "Siti"], ["Văn Minh", "Somchai", "Jose", "Budi"])),
    (["CD", "GN", "CM", "SN", "CI", "TG", "BJ", "ML", "BF", "CG", "RW", "BI"], (
        ["Mbuyi", "Diallo", "Ngono", "Ndiaye", "Camara", "Tshibangu", "Koné", "Niyonzima"],
        ["Aminata", "Mariama", "Grâce", "Fatoumata"], ["Mamadou", "Jean-Pierre", "Ousmane", "Patrice"])),
    (["MA", "DZ", "TN"], (["El Amrani", "Benali", "Bouzid", "بن علي", "Haddad", "Ait Ouali"],
                          ["Khadija", "Samira", "Naïma"], ["Youssef", "Karim", "Rachid", "يوسف"])),
    (["TR", "AZ"], (["Yılmaz", "Kaya", "Aliyev", "Məmmədov", "Öztürk"], ["Ayşe", "Leyla", "Aynur"],
                    ["Mehmet", "Elvin", "Şükrü"])),
    (["EC", "BO", "PE", "CO", "CU", "VE", "HN", "DO"], (
        ["García", "Quispe", "Mamani", "Rodríguez", "Peña", "Núñez"], ["María Fernanda", "Lucía", "Guadalupe"],
        ["José Luis", "Andrés", "Juan Carlos"])),
    (["NG", "GH", "KE", "UG"], (["Okafor", "Adeyemi", "Mensah", "Otieno", "Nwosu"], ["Chiamaka", "Ama", "Akinyi"],
                                ["Chukwuemeka", "Kwame", "Tunde"])),
    (["ET", "ER", "SO"], (["Tesfaye", "ተስፋዬ", "Haile", "Mohamed Abdi", "Gebremariam"], ["Selam", "Hodan", "ሰላም"],
                          ["Dawit", "Abdirahman", "Yonas"])),
    (["RO", "BG", "PL", "SK", "HU"], (["Popescu", "Иванова", "Kowalski", "Horváth", "Dumitru", "Nowak"],
                                      ["Ioana", "Мария", "Agnieszka", "Zsófia"],
                                      ["Andrei", "Георги", "Piotr", "Gábor"])),
    (["CL", "AR", "MX", "PY"], (["González", "Muñoz", "Fernández", "Benítez"], ["Camila", "Valentina", "Ximena"],
                                ["Matías", "Santiago", "Joaquín"])),
]
CULTURE_OF = {code: culture for codes, culture in CULTURES for code in codes}
# Destinations, the Belgian caseload's big ones weighted up.
DESTINATIONS = sorted(CULTURE_OF)
WEIGHTS = [{"BR": 30, "RU": 20, "UA": 18, "IQ": 16, "XK": 14, "AM": 10, "AL": 9, "RS": 9, "MN": 8, "KZ": 6,
            "GE": 6, "AF": 5, "RO": 8, "BG": 5}.get(code, 1) for code in DESTINATIONS]
OUTCOMES = ["DEPARTED", "WITHDRAWN", "NO_SHOW", "PENDING"]
OUTCOME_WEIGHTS = [70, 13, 8, 9]
CATEGORIES = ["ASYLUM_WITHDRAWN", "ASYLUM_REJECTED", "NON_ASYLUM"]
KINDS = ["MICROBUSINESS", "EDUCATION", "HOUSING", "MEDICAL", "WAGE_SUBSIDY", "JOB_PLACEMENT"]
SIZES = [1, 2, 3, 4, 5]
SIZE_WEIGHTS = [62, 18, 10, 6, 4]  # 1.72 persons a case on average
YEARS = list(range(1979, 2026))
YEAR_WEIGHTS = [10 + 2 * (year - 1979) for year in YEARS]  # five times as many cases in 2025 as in 1979
LAST_DAY = datetime.date(2025, 12, 31)


def _date(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return datetime.date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def households(rows: int, seed: int):
    """Yield the person rows of each household until exactly `rows` persons."""
    rng = random.Random(seed)
    made = 0
    number = 0
    while made < rows:
        number += 1
        size = min(rng.choices(SIZES, SIZE_WEIGHTS)[0], rows - made)
        made += size
        programme = "AVRRL" if rng.random() < 0.07 else "REAB"
        partner, partner_type = rng.choice(AVRRL_PARTNERS if programme == "AVRRL" else REAB_PARTNERS)
        year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
        registered_on = _date(rng, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        outcome = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
        departed_on = ""
        reintegration = ""
        if outcome == "DEPARTED":
            departed_on = min(registered_on + datetime.timedelta(days=rng.randint(7, 180)), LAST_DAY).isoformat()
            if rng.random() < 0.35:
                reintegration = ";".join(sorted(rng.sample(KINDS, rng.choice([1, 1, 2])), key=KINDS.index))
        destination = rng.choices(DESTINATIONS, WEIGHTS)[0]
        families, women, men = CULTURE_OF[destination]
        family_name = rng.choice(families)
        case_ref = f"{'LU' if programme == 'AVRRL' else 'BE'}-{year}-{number:07d}"
        case = [case_ref, programme, partner, partner_type, registered_on.isoformat()]
        tail = [rng.choice(CATEGORIES) if programme == "REAB" else "", destination, outcome, departed_on,
                reintegration]
        persons = []
        for position in range(size):
            sex = rng.choice("FM") if rng.random() > 0.005 else "X"
            first, last = (1930, year - 18) if position < 2 else (max(1930, year - 17), year)
            born = "" if rng.random() < 0.03 else _date(
                rng, datetime.date(first, 1, 1), min(datetime.date(last, 12, 31), registered_on)).isoformat()
            nationality = destination if rng.random() > 0.04 else ""
            given = rng.choice(women if sex == "F" else men if sex == "M" else women + men)
            persons.append([
                *case, f"{case_ref}-{position + 1}", "PRINCIPAL" if position == 0 else "MEMBER",
                family_name if rng.random() > 0.1 else rng.choice(families), given, sex, born, nationality, *tail,
                "yes" if rng.random() < 0.06 else "no",
            ])
        yield persons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="person rows to write (default 200000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, required=True)
    options = parser.parse_args(argv)
    if options.rows < 1:
        parser.error("--rows must be at least 1")
    cases = 0
    with options.output.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for persons in households(options.rows, options.seed):
            writer.writerows(persons)
            cases += 1
    print(f"{options.rows} person rows in {cases} cases written to {options.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
