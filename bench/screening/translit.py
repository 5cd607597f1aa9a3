"""A seeded, labelled, transliteration-heavy set of person records for the screening benchmark.

    python bench/screening/translit.py --entities 2000 --seed 1 --output bench/screening/data/translit.csv

Each entity is a person from one of ten cultures, with a native-script name (names.py), sex, date of birth and
nationality (ISO 3166 alpha-2): Russian and Ukrainian (Cyrillic), Iraqi, Syrian and Moroccan (Arabic script),
Georgian, Armenian, Mongolian (Cyrillic), Nepali (Devanagari), Persian/Afghan Dari (Arabic script; AF or IR).
Each entity gets 1-3 records (30% / 45% / 25%), each rendered by a DIFFERENT romanisation system or office habit of
its culture (romanise.py: ISO 9, scholarly, BGN/PCGN, ICAO 9303, French and German press spellings, Ukrainian 2010
national vs the Russian form of the name, Russian-mediated Georgian/Armenian, Western Armenian, Mongolian MNS 5217 vs
passport habits, Nepali passport vs Indian-style vs IAST, ALA-LC vs Iraqi/Levantine English vs French/Maghrebi vs
Iranian vs Afghan spellings of Arabic-script names, and passport MRZ read-backs). The system is in the ``system``
column.

Office habits inside a system (drawn per record):
    - the Arabic article al- attached, spaced, hyphenated or dropped (15% of the time; 35% in Maghrebi French);
      Mohammed / Mohammad / Mohamed / Mohd and the like for the most common names;
    - Russian/Ukrainian: the patronymic written after the given name in 15% of records (Sergey Ivanovich);
    - Iraqi/Syrian: the father's given name written after the given name in 15% of records;
    - Mongolian: the father's name (the family name in foreign papers) in the genitive in 30% (Batboldyn).

Noise, per record, independently of the above (rates are per record; every record, the first included, is exposed):
    - given and family name swapped ............................................. 5%
    - one typo (insert / delete / substitute / transpose) in one name ............ 8%
    - date of birth, one of (exclusive):
        day and month swapped (only where the day is 1-12 and differs) ........... 3%
        year only, recorded as 1 January of the year (dob_precision YEAR) ........ 7%
        unknown (empty, dob_precision UNKNOWN) ................................... 4%
        off by one year (either way) ............................................. 3%
    - given name missing (empty) ................................................. 2%

Hard negatives (distinct entities that look alike):
    - 10% of entities are a SIBLING of an earlier entity: same family name (in the form for their sex), same father
      (so the same patronymic), same nationality, born the same year or within two years; a quarter of them are twins
      (the very same date of birth);
    - 6% of entities are a NAMESAKE of an earlier one: same culture, sex, given and family name, born the same year
      (60%) or a year apart, a different day.

Columns: record_id, entity_id, family_name, given_names, sex (M|F), date_of_birth (YYYY-MM-DD or empty),
dob_precision (DAY|YEAR|UNKNOWN), nationality, culture, system. ``--native`` adds native_family_name and
native_given_names (the native script the record was rendered from). Records are shuffled, so record ids say nothing
about entities. Same seed and size, same file.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

try:
    from . import names as N
    from .romanise import SYSTEMS, mongolian_genitive
except ImportError:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import names as N  # type: ignore[no-redef]
    from romanise import SYSTEMS, mongolian_genitive  # type: ignore[no-redef]

COLUMNS = [
    "record_id",
    "entity_id",
    "family_name",
    "given_names",
    "sex",
    "date_of_birth",
    "dob_precision",
    "nationality",
    "culture",
    "system",
]
NATIVE_COLUMNS = ["native_family_name", "native_given_names"]

RECORDS_PER_ENTITY = ((1, 0.30), (2, 0.45), (3, 0.25))
P_SWAP = 0.05
P_TYPO = 0.08
P_DOB = (("swap_day_month", 0.03), ("year_only", 0.07), ("unknown", 0.04), ("off_by_one_year", 0.03))
P_MISSING_GIVEN = 0.02
P_SIBLING = 0.10
P_TWIN = 0.25
P_NAMESAKE = 0.06
P_PATRONYMIC = 0.15
P_FATHER_NAME = 0.15
P_GENITIVE = 0.30
TODAY = dt.date(2026, 11, 30)


@dataclass(frozen=True)
class Name:
    native: str  # as written in the culture's script
    key: str  # what the romanisers read: the native name, or the vocalised key for Arabic script


@dataclass
class Culture:
    code: str
    nationalities: tuple[tuple[str, float], ...]
    male: list[Name]
    female: list[Name]
    family: list[Name]
    father_style: str | None = None  # "patronymic_ru" | "patronymic_uk" | "given" | None
    weight: float = 1.0


def _keyed(entries: list[str], arabic: bool) -> list[Name]:
    out = []
    for entry in entries:
        native, _, key = entry.partition("=")
        out.append(Name(native, key if arabic else native))
    return out


def _plain(entries: list[str]) -> list[Name]:
    return [Name(e, e) for e in entries]


CULTURES: dict[str, Culture] = {
    c.code: c
    for c in (
        Culture("ru", (("RU", 1.0),), _plain(N.RU_MALE), _plain(N.RU_FEMALE), _plain(N.RU_FAMILY), "patronymic_ru"),
        Culture(
            "uk",
            (("UA", 1.0),),
            _keyed(N.UK_MALE, False),
            _keyed(N.UK_FEMALE, False),
            _plain(N.UK_FAMILY),
            "patronymic_uk",
        ),
        Culture(
            "ar_iq",
            (("IQ", 1.0),),
            _keyed(N.AR_MALE, True),
            _keyed(N.AR_FEMALE, True),
            _keyed(N.AR_FAMILY_IQ, True),
            "given",
        ),
        Culture(
            "ar_sy",
            (("SY", 1.0),),
            _keyed(N.AR_MALE, True),
            _keyed(N.AR_FEMALE, True),
            _keyed(N.AR_FAMILY_SY, True),
            "given",
        ),
        Culture(
            "ar_ma", (("MA", 1.0),), _keyed(N.AR_MALE, True), _keyed(N.AR_FEMALE, True), _keyed(N.AR_FAMILY_MA, True)
        ),
        Culture("ka", (("GE", 1.0),), _plain(N.KA_MALE), _plain(N.KA_FEMALE), _plain(N.KA_FAMILY)),
        Culture("hy", (("AM", 1.0),), _plain(N.HY_MALE), _plain(N.HY_FEMALE), _keyed(N.HY_FAMILY, False)),
        Culture("mn", (("MN", 1.0),), _plain(N.MN_MALE), _plain(N.MN_FEMALE), _plain(N.MN_MALE)),
        Culture("ne", (("NP", 1.0),), _plain(N.NE_MALE), _plain(N.NE_FEMALE), _plain(N.NE_FAMILY)),
        Culture(
            "fa",
            (("AF", 0.7), ("IR", 0.3)),
            _keyed(N.FA_MALE, True),
            _keyed(N.FA_FEMALE, True),
            _keyed(N.FA_FAMILY, True),
        ),
    )
}
for _culture in CULTURES.values():
    for _code, _ in _culture.nationalities:
        assert pycountry.countries.get(alpha_2=_code) is not None, _code
    assert set(SYSTEMS[_culture.code]), _culture.code

RU_PATRONYMIC = dict(item.split("=") for item in N.RU_PATRONYMIC)
UK_PATRONYMIC = {uk: (m, f) for uk, m, f in (item.split("=") for item in N.UK_PATRONYMIC)}


def zipf_choice(rng: random.Random, items: list, exponent: float = 0.8):
    weights = [1 / (i + 1) ** exponent for i in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def family_for_sex(culture: str, name: Name, sex: str) -> Name:
    """The family name in the form for the person's sex (Иванов / Иванова, Грушевський / Грушевська)."""
    if sex == "M" or culture not in ("ru", "uk"):
        return name
    native = name.native
    rules = [("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ський", "ська"), ("цький", "цька")]
    for male, female in rules:
        if native.endswith(male):
            native = native[: -len(male)] + female
            break
    else:
        if re.search("(ов|ев|ёв|ин|ын|ів)$", native):
            native += "а"
    return Name(native, native)


@dataclass
class Entity:
    entity_id: str
    culture: str
    sex: str
    dob: dt.date
    nationality: str
    given: Name
    family: Name  # already in the form for the person's sex
    father: Name | None = None
    records: list[dict] = field(default_factory=list)


def random_dob(rng: random.Random, year: int | None = None) -> dt.date:
    if year is None:
        year = int(rng.triangular(1950, 2025, 1994))
    year = max(1940, min(TODAY.year - 1, year))
    start = dt.date(year, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(year + 1, 1, 1) - start).days))


def new_entity(rng: random.Random, entity_id: str, entities: list[Entity], culture_codes: list[str]) -> Entity:
    roll = rng.random()
    if entities and roll < P_SIBLING:
        base = rng.choice(entities)
        c = CULTURES[base.culture]
        sex = rng.choice("MF")
        pool = c.male if sex == "M" else c.female
        given = zipf_choice(rng, pool)
        while given == base.given:
            given = zipf_choice(rng, pool)
        dob = base.dob if rng.random() < P_TWIN else random_dob(rng, base.dob.year + rng.choice([0, 0, 1, -1, 2, -2]))
        family = _base_family(base)
        return Entity(
            entity_id,
            base.culture,
            sex,
            dob,
            base.nationality,
            given,
            family_for_sex(base.culture, family, sex),
            base.father,
        )
    if entities and roll < P_SIBLING + P_NAMESAKE:
        base = rng.choice(entities)
        c = CULTURES[base.culture]
        year = base.dob.year if rng.random() < 0.6 else base.dob.year + rng.choice([-1, 1])
        dob = random_dob(rng, year)
        while dob == base.dob:
            dob = random_dob(rng, year)
        return Entity(
            entity_id,
            base.culture,
            base.sex,
            dob,
            base.nationality,
            base.given,
            base.family,
            random_father(rng, c),
        )
    c = CULTURES[rng.choice(culture_codes)]
    sex = rng.choice("MF")
    codes, weights = zip(*c.nationalities, strict=True)
    nationality = rng.choices(codes, weights=weights, k=1)[0]
    given = zipf_choice(rng, c.male if sex == "M" else c.female)
    family = zipf_choice(rng, c.family)
    father = random_father(rng, c)
    return Entity(
        entity_id, c.code, sex, random_dob(rng), nationality, given, family_for_sex(c.code, family, sex), father
    )


def random_father(rng: random.Random, c: Culture) -> Name | None:
    if c.father_style == "patronymic_ru":
        return Name(*(2 * [rng.choice(list(RU_PATRONYMIC))]))
    if c.father_style == "patronymic_uk":
        return Name(*(2 * [rng.choice(list(UK_PATRONYMIC))]))
    if c.father_style == "given":
        return zipf_choice(rng, c.male)
    return None


def _base_family(entity: Entity) -> Name:
    """The family name in its male (dictionary) form, to re-derive a sibling's."""
    c = CULTURES[entity.culture]
    if entity.culture not in ("ru", "uk") or entity.sex == "M":
        return entity.family
    for name in c.family:
        if family_for_sex(entity.culture, name, "F") == entity.family:
            return name
    return entity.family


def patronymic(entity: Entity) -> str | None:
    if entity.father is None:
        return None
    if entity.culture == "ru":
        male = RU_PATRONYMIC[entity.father.native]
        return male if entity.sex == "M" else male[: -len("вич")] + "вна"
    if entity.culture == "uk":
        male, female = UK_PATRONYMIC[entity.father.native]
        return male if entity.sex == "M" else female
    return None


def typo(rng: random.Random, text: str) -> str:
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 3:
        return text
    op = rng.choice(["insert", "delete", "substitute", "transpose"])
    i = rng.choice(letters)
    upper = text.isupper()
    alphabet = string.ascii_uppercase if upper else string.ascii_lowercase
    if op == "insert":
        return text[:i] + rng.choice(alphabet) + text[i:]
    if op == "delete":
        return text[:i] + text[i + 1 :]
    if op == "substitute":
        replacement = rng.choice([ch for ch in alphabet if ch != text[i].lower() and ch != text[i]])
        if text[i].isupper():
            replacement = replacement.upper()
        return text[:i] + replacement + text[i + 1 :]
    j = i + 1 if i + 1 < len(text) and text[i + 1].isalpha() else i - 1
    if j < 0 or not text[j].isalpha():
        return text
    a, b = sorted((i, j))
    return text[:a] + text[b] + text[a] + text[b + 1 :]


def render_record(rng: random.Random, entity: Entity, system: str) -> dict:
    render = SYSTEMS[entity.culture][system]
    c = CULTURES[entity.culture]
    family_key = entity.family.key
    native_family = entity.family.native
    if entity.culture == "mn" and rng.random() < P_GENITIVE:
        native_family = family_key = mongolian_genitive(entity.family.native)
    family = render(family_key, "family", rng)
    given = render(entity.given.key, "given", rng)
    native_given = entity.given.native
    if c.father_style in ("patronymic_ru", "patronymic_uk") and rng.random() < P_PATRONYMIC:
        patr = patronymic(entity)
        if patr:
            given += " " + render(patr, "given", rng)
            native_given += " " + patr
    elif c.father_style == "given" and entity.father is not None and rng.random() < P_FATHER_NAME:
        given += " " + render(entity.father.key, "given", rng)
        native_given += " " + entity.father.native

    dob: dt.date | None = entity.dob
    precision = "DAY"
    roll, acc, dob_noise = rng.random(), 0.0, None
    for kind, p in P_DOB:
        acc += p
        if roll < acc:
            dob_noise = kind
            break
    if dob_noise == "swap_day_month" and dob.day <= 12 and dob.day != dob.month:
        dob = dt.date(dob.year, dob.day, dob.month)
    elif dob_noise == "year_only":
        dob, precision = dt.date(dob.year, 1, 1), "YEAR"
    elif dob_noise == "unknown":
        dob, precision = None, "UNKNOWN"
    elif dob_noise == "off_by_one_year":
        year = dob.year + rng.choice([-1, 1])
        dob = dob.replace(year=year, day=min(dob.day, 28) if dob.month == 2 else dob.day)

    if rng.random() < P_TYPO:
        if rng.random() < 0.6:
            family = typo(rng, family)
        else:
            given = typo(rng, given)
    if rng.random() < P_SWAP:
        family, given = given, family
    if rng.random() < P_MISSING_GIVEN:
        given = ""
    return {
        "entity_id": entity.entity_id,
        "family_name": family,
        "given_names": given,
        "sex": entity.sex,
        "date_of_birth": dob.isoformat() if dob else "",
        "dob_precision": precision,
        "nationality": entity.nationality,
        "culture": entity.culture,
        "system": system,
        "native_family_name": native_family,
        "native_given_names": native_given,
    }


def generate(entities: int, seed: int, cultures: list[str] | None = None) -> list[dict]:
    rng = random.Random(seed)
    codes = cultures or list(CULTURES)
    people: list[Entity] = []
    rows: list[dict] = []
    counts, weights = zip(*RECORDS_PER_ENTITY, strict=True)
    for n in range(entities):
        entity = new_entity(rng, f"E{n + 1:06d}", people, codes)
        people.append(entity)
        k = rng.choices(counts, weights=weights, k=1)[0]
        systems = rng.sample(sorted(SYSTEMS[entity.culture]), k)
        rows.extend(render_record(rng, entity, system) for system in systems)
    rng.shuffle(rows)
    for i, row in enumerate(rows):
        row["record_id"] = f"R{i + 1:07d}"
    return rows


def write(rows: list[dict], path: str | Path, native: bool = False) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = COLUMNS + (NATIVE_COLUMNS if native else [])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def load(path: str | Path) -> list[dict]:
    """The records of a generated file, one dict per row with the CSV's columns; an empty family_name,
    given_names or date_of_birth is None."""
    with Path(path).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        for key in ("family_name", "given_names", "date_of_birth"):
            if not row.get(key):
                row[key] = None
    return rows


def true_pairs(records: list[dict]) -> set[tuple[str, str]]:
    """Every unordered pair of record ids that share an entity id."""
    try:
        from .metrics import true_pairs_from_entities
    except ImportError:
        from metrics import true_pairs_from_entities  # type: ignore[no-redef]
    return true_pairs_from_entities(records)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", required=True)
    parser.add_argument("--native", action="store_true", help="also write the native-script names")
    args = parser.parse_args(argv)
    rows = generate(args.entities, args.seed)
    write(rows, args.output, native=args.native)
    pairs = true_pairs(rows)
    print(f"{args.output}: {len(rows)} records of {args.entities} entities, {len(pairs)} true pairs")


if __name__ == "__main__":
    main()
