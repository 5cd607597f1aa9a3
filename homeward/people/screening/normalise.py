"""Names as different offices write them, brought to forms that can be compared.

A name arrives in its own script (Шевченко), or romanised by one of several systems (Ševčenko, Shevchenko,
Chevtchenko, Schewtschenko), or in a national form of a shared name (Oleksandr / Aleksandr / Alexander). Three
forms are derived here, each from the one before:

- the *folded* tokens: any script to Latin (anyascii), lower case, no diacritics, particles such as al-, el-, bin,
  ibn, van, de set aside, well-known variants of the same name brought to one spelling (Mohd, Mohamed → muhammad);
- the *spoken* form: the digraphs of the romanisation systems written one way (shch, sch, tsch, sh, ch, zh, kh, dzh,
  ts, ou...), so that `shevchenko`, `sevcenko` and `schewtschenko` read alike, vowels kept for a fair comparison;
- the *skeleton*: consonant classes only, vowels and h dropped, doubles collapsed (`svsnk`): the blocking key.

Pure functions, cached: the same names come back again and again in a register.
"""

from __future__ import annotations

import functools
import re

from homeward.people.names import name_fold

# Words that tie a name to a family or place rather than naming the person: set aside when comparing.
PARTICLES = frozenset(
    {"al", "el", "ul", "as", "ash", "ad", "ar", "an", "at", "az",
     "bin", "ben", "ibn", "bint", "binti", "van", "von", "der", "den", "de", "da", "di", "du",
     "la", "le", "del", "dos", "das", "ould", "uld"}
)

# The same name as different languages and offices write it: every spelling on the right becomes the one on the left.
# Chosen from the cultures the seed's returns go to (Arabic, Slavic, Caucasian, Persian, South Asian names).
_VARIANT_GROUPS = {
    "muhammad": "mohammed mohamed mohammad mohamad muhammed mohamud mouhamed muhamed mohammod mohd md mhd muhamad",
    "ahmad": "ahmed ahmet ahmat",
    "mahmud": "mahmoud mahmood",
    "husayn": "hussein hussain husain husein hossein hosein husayn",
    "hasan": "hassan hassane hasen",
    "yusuf": "yousef youssef yusef yousif yusif yousouf youssouf",
    "ibrahim": "ebrahim brahim ibraheem",
    "umar": "omar omer",
    "khalid": "khaled",
    "mustafa": "mostafa moustafa mustapha moustapha",
    "abdallah": "abdullah abdellah abdulla abdalla",
    "jamal": "djamal gamal jamaal",
    "karim": "kareem",
    "said": "saeed saied sayed sayid",
    "yasin": "yassin yassine yaseen",
    "fatima": "fatimah fatma fatema",
    "aisha": "aicha aysha aishah",
    "hamid": "hameed",
    "rashid": "rachid rasheed",
    "aleksandr": "alexander aleksander oleksandr alexandre aleksandar alexandr oleksander olexandr alexandru",
    "sergei": "sergey serhii serhiy sergiy sergej sergii",
    "dmitri": "dmitriy dmitry dmytro dimitri dmitrii",
    "andrei": "andriy andrii andrey andrej",
    "yuri": "yuriy yurii iouri juri jurij yury",
    "mikhail": "mykhailo michail mihail mychajlo",
    "nikolai": "mykola nikolay nicolai nikolaj",
    "oleg": "oleh",
    "olga": "olha",
    "natalia": "nataliya natalya natalja",
    "yevgeni": "evgeny evgeniy yevhen evgenii yevgeniy jewgeni",
    "tatiana": "tatyana tetiana tetyana tatjana",
    "irina": "iryna",
    "aleksei": "alexei alexey oleksii oleksiy aleksey",
    "georgi": "giorgi georgy georgiy heorhii",
    "grigori": "grigory hryhorii grigor",
    "hovhannes": "ovanes hovanes ovannes",
    "anna": "ganna hanna",
    "yelena": "elena olena jelena",
    "kirill": "kyrylo kirilo",
    "yekaterina": "ekaterina katerina kateryna iekaterina jekaterina",
    "vladimir": "volodymyr wladimir wolodymyr",
}
VARIANTS = {spelling: canonical for canonical, spellings in _VARIANT_GROUPS.items() for spelling in spellings.split()}
_KNOWN = frozenset(VARIANTS) | frozenset(_VARIANT_GROUPS) | frozenset({"hassan", "hussein", "rahman", "amin", "aziz"})
# Arabic names built on abd (servant of): Abdul Rahman, Abdel-Rahman, Abd al-Rahman, Abdelrahman.
_ABD = re.compile(r"^abd(?:el|ul|al|ol|oul|u|e)?(?=[a-z]{3,})")

# Scholarly letters written as the English-style digraph first (Ševčenko → Shevchenko, Čavčavadze → Chavchavadze),
# so that both systems meet; apostrophes and ayn/hamza signs (Q'ipiani, al-Rubayʿī) are dropped, not word breaks.
_SCHOLARLY = str.maketrans({"č": "ch", "Č": "Ch", "š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh", "ć": "ch", "Ć": "Ch",
                            "ş": "sh", "Ş": "Sh", "ǧ": "j", "Ǧ": "J", "ʒ": "dz", "Ʒ": "Dz"})
_APOSTROPHES = re.compile("['’ʼʻʿʾ`´‘ʹʺ]")

# Romanisation digraphs, longest first: each sound written one way.
_DIGRAPHS = [
    ("shch", "s"), ("tsch", "c"), ("dsch", "j"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("ch", "c"), ("sh", "s"),
    ("zh", "z"), ("kh", "h"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("th", "t"), ("dh", "z"), ("gh", "g"), ("dj", "j"),
    ("ck", "k"), ("qu", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("x", "ks"), ("w", "v"), ("q", "k"),
]
_DIGRAPH = re.compile("|".join(source for source, _target in _DIGRAPHS))
_DIGRAPH_TARGET = dict(_DIGRAPHS)
# Consonant classes of the skeleton: sounds that romanisations confuse end up in one class.
# j counts as a vowel: it is y in the scholarly Slavic systems (Jevtušenko, Pokrovskaja, Dmitrij), and the j of
# dzh and dj (Dzhaparidze, Djamal) is left out the same way in every spelling of the name.
# (The j that is a zh, Joukov or Jargalsaikhan, is met by a second reading at look-up: `spelling_variants`.)
_CLASS = str.maketrans({"p": "b", "f": "v", "g": "k", "d": "t", "z": "s", "c": "s"})
_VOWELS_AND_H = re.compile(r"[aeiouyhj]+")
_HARD_C = re.compile(r"c(?=[aou])(?!ova?$)")  # in the folded token, before the digraphs; not the ts of Kuznecov
_ARMENIAN_OW = re.compile(r"ow(?=[^aeiouy])")  # ISO 9985's u (Harowtʻyownyan), not the German -ow of Ivanow
_SCHOLARLY_X = re.compile(r"(?<=[bcdfgjklmnpqrstvwz])x(?=[aeiouy])")  # the Georgian kh of Mesxi, not Alexander
_DOUBLES = re.compile(r"(.)\1+")
_GENITIVE = ("iin", "ijn", "iyn")  # Mongolian: Temüülengiin, Temuulengiyn, Tèmüülèngijn
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_FINAL_H = re.compile(r"(?<=[aeiouy])h$")
_DIPHTHONG_W = re.compile(r"(?<=[aeiou])v(?![aeiouy])")  # the w of aw, ow: Rawshan / Roushan


@functools.lru_cache(maxsize=200_000)
def name_tokens(text: str) -> tuple[str, ...]:
    """The words of a name, folded, particles set aside, variants brought to one spelling.

    `Al-Hassan` → ('hasan',), `Mohd Abdel Rahman` → ('muhammad', 'abd', 'rahman'), `Шевченко` → ('shevchenko',).
    """
    tokens = []
    for token in name_fold(_APOSTROPHES.sub("", text.translate(_SCHOLARLY))).split():
        if token in PARTICLES:
            continue
        if len(token) >= 5 and token[:2] in {"al", "el"} and (token[2] not in "aeiouy" or token[2:] in _KNOWN):
            token = token[2:]  # an article written on to the name: Alkabi, Elzemmouri, Alhassan (not Alina, Elena)
        token = VARIANTS.get(token, token)
        abd = _ABD.match(token)
        if abd and token != "abdallah":
            tokens.append("abd")
            token = VARIANTS.get(token[abd.end() :], token[abd.end() :])
        elif token in {"abdul", "abdel", "abdal", "abdoul", "abdu"}:
            token = "abd"
        tokens.append(token)
    return tuple(tokens)


@functools.lru_cache(maxsize=200_000)
def spoken(token: str) -> str:
    """A folded token with its digraphs written one way: `schewtschenko`, `shevchenko`, `sevcenko` → `sevcenko`.
    A first x, or an x between a consonant and a vowel, is the kh of the scholarly systems (Xatuna, Xviča, Mesxi);
    a Mongolian genitive (Batboldyn, Ganbatyn, Tömöriin, Temuulengiyn) is dropped, not the Russian -yn (Sinitsyn)
    nor Evelyn. A Latin c before a, o, u is a k (Carlos), decided before the digraphs, whose c (the ch of Chaban,
    the ts of Tsarev and of the scholarly Kuznecov) stays apart from k."""
    if token.startswith("x"):
        token = "kh" + token[1:]
    token = _ARMENIAN_OW.sub("u", _SCHOLARLY_X.sub("kh", token))
    if len(token) >= 6 and (token.endswith(_GENITIVE) or (token.endswith("yn") and token[-3] in "bdgnrtv")):
        token = token[: -3 if token.endswith(_GENITIVE) else -2]
    token = _HARD_C.sub("k", token)
    return _DIGRAPH.sub(lambda match: _DIGRAPH_TARGET[match.group()], token)


@functools.lru_cache(maxsize=200_000)
def sounded(token: str) -> str:
    """The spoken form with consonants in their classes, vowels kept: `chraibi` and `shraybi` → `sraibi`,
    `sraybi`; what spelling similarity is measured on, besides the spoken form."""
    return spoken(token).translate(_CLASS)


@functools.lru_cache(maxsize=200_000)
def vowel_blind(token: str) -> str:
    """The sounded form with every run of vowels written as one `a` and a final h after a vowel dropped: what is
    left when the short vowels that Arabic and Persian scripts do not write are read differently by each office
    (Obeidi / Ubaidi, Barrādah / Berrada, Fereshteh / Firishta, Rawshan / Roushan → `abata`, `barata`, `varasta`,
    `rasan`)."""
    return _DOUBLES.sub(r"\1", _VOWEL_RUNS.sub("a", _DIPHTHONG_W.sub("u", _FINAL_H.sub("", sounded(token)))))


@functools.lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonant classes of a token: `Gevorgyan` and `Gevorkian` → `kvrkn`; `Aleksandr` → `lksntr`."""
    form = spoken(token)
    bones = _DOUBLES.sub(r"\1", _VOWELS_AND_H.sub("", form).translate(_CLASS))
    return bones or form[:3]


@functools.lru_cache(maxsize=200_000)
def field_skeleton(text: str) -> str:
    """The skeleton of a whole name field, its words in sorted order: `Abdul Rahman`, `Abdelrahman` and
    `Rahman Abdul` all give one key; empty for an empty field."""
    return "".join(sorted(skeleton(token) for token in name_tokens(text)))[:32]


def article_off(word: str) -> str | None:
    """A folded word without an Arabic article written on to it (alasad → asad, elyoussoufi → youssoufi), or None if
    it does not start with one. Only a second reading: folding cannot tell it from Alina or Elena."""
    return word[2:] if len(word) >= 5 and word[:2] in {"al", "el"} else None


@functools.lru_cache(maxsize=200_000)
def spelling_variants(text: str) -> frozenset[str]:
    """Other ways the same name field is written that its own keys cannot meet, to look it up under as well:

    - an Arabic article written apart is set aside (El-Asad), written on to the name it cannot always be told from
      the name (Alasad, but Alina, Elena): the field with the article written on, and without an attached one;
    - j is y in the Slavic scholarly systems but zh in French and Mongolian ones (Joukov / Zhukov, Jargalsaikhan /
      Zhargalsaykhan): the field with every j read as zh, and every zh as j.
    """
    words = name_fold(_APOSTROPHES.sub("", text.translate(_SCHOLARLY))).split()
    if not words:
        return frozenset()
    variants = set()
    for i, word in enumerate(words[:-1]):
        if word in {"al", "el"}:
            variants.add(" ".join([*words[:i], word + words[i + 1], *words[i + 2 :]]))
    bare = article_off(words[0])
    if bare:
        variants.add(" ".join([bare, *words[1:]]))
    joined = " ".join(words)
    if "zh" in joined:
        variants.add(joined.replace("zh", "j"))
    elif "j" in joined:
        variants.add(joined.replace("j", "zh"))
    variants.discard(joined)
    return frozenset(variants)


@functools.lru_cache(maxsize=200_000)
def first_skeleton(text: str) -> str:
    """The skeleton of the first word (with `abd` its second): the given name without the patronymic or the
    father's name that some offices write after it (`Sergey Ivanovich`, `Nur Walid`)."""
    tokens = name_tokens(text)
    if not tokens:
        return ""
    return (skeleton(tokens[0]) + (skeleton(tokens[1]) if tokens[0] == "abd" and len(tokens) > 1 else ""))[:32]
