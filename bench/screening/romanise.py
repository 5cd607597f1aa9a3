"""Romanisation systems and office habits for the transliteration benchmark (bench/screening/translit.py).

``SYSTEMS[culture]`` maps a system name to a function ``(native_name, kind, rng) -> Latin string`` where ``kind`` is
"given" or "family". Letter-based scripts (Cyrillic, Georgian, Armenian) go through one small rule engine
(``letters``) with a table per system; Devanagari through an abugida reader with Nepali final-schwa deletion; Arabic
script through the vocalised key of each name (see names.py) and a style per system. The maintained libraries do
three of the systems outright (``transliterate`` for the informal Russian/Ukrainian/Georgian/Mongolian ones,
``anyascii`` for the machine one); everything a library does not offer (ICAO 9303, BGN/PCGN, French and German
press spellings, Russian-mediated Georgian and Armenian, Western Armenian, Nepali passport habits, the Arabic and
Persian styles) is written here. Some habits draw from ``rng`` (al- attached or not, Mohammed or Mohd).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

from anyascii import anyascii
from transliterate import translit as _library_translit

try:
    from . import names as N
except ImportError:  # run as a script from this folder
    import names as N  # type: ignore[no-redef]

Renderer = Callable[[str, str, random.Random], str]


def cap(text: str) -> str:
    """Capitalise the first letter of every space- or hyphen-separated part (after a leading ʿ or ')."""

    def one(part: str) -> str:
        for i, ch in enumerate(part):
            if ch.isalpha() and ch not in "ʿʾʹʺ":
                return part[:i] + ch.upper() + part[i + 1 :]
        return part

    return "".join(one(p) for p in re.split(r"([\s\-]+)", text))


def strip_marks(text: str) -> str:
    """Drop combining diacritics and modifier letters (Ševčenko -> Sevcenko, ʿAlī -> Ali)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "ʿʾʹʺ'’`")
    return unicodedata.normalize("NFC", kept.replace("ʒ", "dz").replace("ə", "e").replace("ł", "gh"))


def _library(text: str, language: str) -> str:
    """The ``transliterate`` package's reversed (to Latin) transliteration; the few letters its language pack does not
    cover (Mongolian ы) go through anyascii."""
    out = _library_translit(text, language, reversed=True)
    return "".join(anyascii(ch) if ord(ch) > 0x24F else ch for ch in out)


def _french_s(text: str) -> str:
    return re.sub(r"(?<=[aeiouyéè])s(?=[aeiouyéè])", "ss", text)


# --------------------------------------------------------------------------------------------- letter rule engine
class Letters:
    """A table-driven transliteration of an alphabet.

    ``table``: lowercase letter -> Latin. ``multi``: lowercase strings (``^`` word start, ``$`` word end may be part
    of them) -> Latin, tried longest first. ``iot``: letters rendered differently at word start (and, unless
    ``iot_after_vowel`` is false, after a vowel or a hard/soft sign). ``post``: applied to each rendered word.
    """

    def __init__(
        self,
        table: dict[str, str],
        multi: dict[str, str] | None = None,
        iot: dict[str, str] | None = None,
        iot_after_vowel: bool = True,
        vowels: str = "аеёиоуыэюяіїєөү",
        post: Callable[[str], str] | None = None,
    ):
        self.table, self.multi, self.iot = table, multi or {}, iot or {}
        self.iot_after_vowel, self.vowels, self.post = iot_after_vowel, set(vowels) | set("ъь'’"), post
        self.lengths = sorted({len(k) for k in self.multi}, reverse=True)

    def word(self, word: str) -> str:
        src = "^" + word.lower() + "$"
        out: list[str] = []
        i = 0
        while i < len(src):
            for length in self.lengths:
                chunk = src[i : i + length]
                if len(chunk) == length and chunk in self.multi:
                    out.append(self.multi[chunk])
                    i += length
                    break
            else:
                ch, prev = src[i], src[i - 1] if i else ""
                if ch in self.iot and (prev == "^" or (self.iot_after_vowel and prev in self.vowels)):
                    out.append(self.iot[ch])
                elif ch in "^$":
                    pass
                else:
                    out.append(self.table.get(ch, ch))
                i += 1
        text = "".join(out)
        return self.post(text) if self.post else text

    def __call__(self, text: str) -> str:
        return cap(
            "".join(
                part if re.fullmatch(r"[\s\-]+", part) else self.word(part) for part in re.split(r"([\s\-]+)", text)
            )
        )


def _table(spec: str) -> dict[str, str]:
    """'а a б b ъ - ' -> {'а': 'a', 'б': 'b', 'ъ': ''} (a dash means: nothing)."""
    parts = spec.split()
    return {k: ("" if v == "-" else v) for k, v in zip(parts[::2], parts[1::2], strict=True)}


RU_BASE = _table("""
а a б b в v г g д d е e ё e ж zh з z и i й y к k л l м m н n о o п p р r с s т t у u ф f х kh ц ts ч ch ш sh
щ shch ъ - ы y ь - э e ю yu я ya і i ї yi є ye ґ g
""")


def _with(base: dict[str, str], spec: str) -> dict[str, str]:
    return {**base, **_table(spec)}


RU = {
    "scholarly": Letters(_with(RU_BASE, "ж ž х ch ц c ч č ш š щ šč ъ ʺ ь ʹ ю ju я ja э ė й j ё ë")),
    "iso9": Letters(_with(RU_BASE, "ж ž х h ц c ч č ш š щ ŝ ъ ʺ ь ʹ ю û я â э è й j ё ë")),
    "bgn_pcgn": Letters(RU_BASE, multi={"ий$": "iy", "ый$": "yy"}, iot={"е": "ye", "ё": "yo"}),
    "icao": Letters(_with(RU_BASE, "й i ъ ie ю iu я ia")),
    "english_popular": Letters(
        RU_BASE, multi={"кс": "x", "ий$": "y", "ье": "ie", "ья": "ia", "ьи": "i"}, iot={"е": "ye", "ё": "yo"}
    ),
    "french": Letters(
        _with(RU_BASE, "ж j й ï ч tch ш ch щ chtch у ou ю iou я ia ё io х kh"),
        multi={"ий$": "i", "ый$": "y", "ге": "gue", "ги": "gui", "ье": "ie", "ья": "ia", "ей": "eï"},
        iot={"е": "ie"},
        post=_french_s,
    ),
    "german": Letters(
        _with(RU_BASE, "в w ж sch з s й j х ch ц z ч tsch ш sch щ schtsch ю ju я ja ё jo"),
        multi={"ий$": "i", "ый$": "y", "кс": "x", "ье": "je", "ья": "ja"},
        iot={"е": "je"},
        post=_french_s,
    ),
    "informal": lambda text: _library(text, "ru"),
}

UK_BASE = _with(RU_BASE, "г h и y і i")
UK = {
    "national_2010": Letters(
        _with(UK_BASE, "є ie ї i й i ю iu я ia ь - ’ - ' -"),
        multi={"зг": "zgh"},
        iot={"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"},
        iot_after_vowel=False,
    ),
    "bgn_pcgn": Letters(_with(UK_BASE, "є ye ї yi й y ю yu я ya ь - ’ - ' -")),
    "scholarly": Letters(_with(UK_BASE, "є je ї ji й j ж ž х ch ц c ч č ш š щ šč ю ju я ja ь ʹ")),
    "french": Letters(_with(UK_BASE, "є ie ї ï й ï у ou ж j х kh ч tch ш ch щ chtch ю iou я ia ь -"), post=_french_s),
    "german": Letters(
        _with(UK_BASE, "в w є je ї ji й j ж sch з s х ch ц z ч tsch ш sch щ schtsch ю ju я ja ь -"),
        multi={"кс": "x"},
        post=_french_s,
    ),
    "informal": lambda text: _library(text, "uk"),
}
_UK_TO_RU_LETTERS = str.maketrans(
    {"і": "и", "І": "И", "ї": "йи", "Ї": "Йи", "є": "е", "Є": "Е", "ґ": "г", "Ґ": "Г", "'": ""}
)

KA_BASE = _table("""
ა a ბ b გ g დ d ე e ვ v ზ z თ t ი i კ k ლ l მ m ნ n ო o პ p ჟ zh რ r ს s ტ t უ u ფ p ქ k ღ gh ყ q შ sh ჩ ch
ც ts ძ dz წ ts ჭ ch ხ kh ჯ j ჰ h
""")
KA = {
    "national": Letters(KA_BASE),
    "national_apostrophe": Letters(_with(KA_BASE, "კ k' პ p' ტ t' წ ts' ჭ ch' ყ q'")),
    "russian_mediated": Letters(_with(KA_BASE, "ჯ dzh ღ g ყ k"), multi={"ია$": "iya", "ეი": "ei"}),
    "german": Letters(_with(KA_BASE, "ვ w ზ s ჟ sch შ sch ჩ tsch ჭ tsch ც z წ z ძ ds ხ ch ჯ dsch ყ k ღ gh")),
    "french": Letters(_with(KA_BASE, "ჟ j შ ch ჩ tch ჭ tch ჯ dj უ ou"), post=_french_s),
    "iso9984": Letters(_with(KA_BASE, "კ ḳ პ ṗ ჟ ž ტ ṭ ღ ġ ყ q̇ შ š ჩ č ც c ძ ʒ წ c̣ ჭ č̣ ხ x ჯ ǰ")),
    "informal": lambda text: cap(_library(text, "ka").lower()),
}

HY_BASE = _table("""
ա a բ b գ g դ d ե e զ z է e ը y թ t ժ zh ի i լ l խ kh ծ ts կ k հ h ձ dz ղ gh ճ ch մ m յ y ն n շ sh ո o չ ch
պ p ջ j ռ r ս s վ v տ t ր r ց ts ւ v փ p ք k օ o ֆ f և ev
""")
_HY_MULTI = {"^ու": "u", "ու": "u", "^ե": "ye", "^ո": "vo", "^և": "yev", "ո$": "o"}
HY = {
    "passport": Letters(HY_BASE, multi=_HY_MULTI),
    "western": Letters(
        _with(HY_BASE, "բ p պ b գ k կ g դ t տ d ճ j ջ ch ձ ts ծ dz"),
        multi={**_HY_MULTI, "յան$": "ian", "ու": "ou", "^ու": "ou"},
    ),
    "french": Letters(
        _with(HY_BASE, "շ ch չ tch ճ tch ջ dj ժ j"),
        multi={**_HY_MULTI, "յան$": "ian", "ու": "ou", "^ու": "ou", "^ե": "e", "գե": "gue", "գի": "gui"},
        post=_french_s,
    ),
    "iso9985": Letters(
        _with(HY_BASE, "է ē ը ə թ tʻ ժ ž խ x ծ ç ձ j ղ ł ճ č շ š չ čʻ ջ ǰ ռ ṙ ց cʻ ւ w փ pʻ ք kʻ օ ō և ew"),
        multi={"ու": "ow"},
    ),
    "russian_mediated": None,  # filled below: the usual Russian form, else letter rules
}
_HY_RU_LETTERS = Letters(
    _with(HY_BASE, "ջ dzh ղ g ճ ch ծ ts ձ dz ժ zh հ g"),
    multi={**_HY_MULTI, "^հ": "", "^ե": "e"},
)

MN_BASE = _with(RU_BASE, "е ye ё yo ж j й i ө ö ү ü ь i")
MN = {
    "mns5217": Letters(MN_BASE),
    "passport": Letters(_with(MN_BASE, "ө u ү u")),
    "iso9": Letters(_with(RU_BASE, "ж ž х h ц c ч č ш š щ ŝ ъ ʺ ь ʹ ю û я â э è й j ё ë ө ö ү ü")),
    "machine": lambda text: cap(anyascii(text)),
    "informal": lambda text: cap(_library(text, "mn").lower()),
}


def mongolian_genitive(name: str) -> str:
    """Батболд -> Батболдын, Дорж -> Доржийн, Амарсанаа -> Амарсанаагийн (the patronymic as written in papers)."""
    low = name.lower()
    if low[-2:] in ("аа", "ээ", "оо", "өө", "үү", "уу") or low.endswith("н"):
        return name + "гийн"
    if low[-1] in "жчшгьи":
        return name + "ийн"
    last_vowel = next((ch for ch in reversed(low) if ch in "аэиоуөүяеё"), "а")
    return name + ("ийн" if last_vowel in "эиөүе" else "ын")


# ---------------------------------------------------------------------------------------------------- Devanagari
_DEV_CONS = _table("""
क k ख kh ग g घ gh ङ ṅ च c छ ch ज j झ jh ञ ñ ट ṭ ठ ṭh ड ḍ ढ ḍh ण ṇ त t थ th द d ध dh न n प p फ ph ब b भ bh
म m य y र r ल l व v श ś ष ṣ स s ह h ळ ḷ
""")
_DEV_VOWEL_SIGNS = {"ा": "ā", "ि": "i", "ी": "ī", "ु": "u", "ू": "ū", "ृ": "ṛ", "े": "e", "ै": "ai", "ो": "o", "ौ": "au"}
_DEV_VOWELS = {
    "अ": "a",
    "आ": "ā",
    "इ": "i",
    "ई": "ī",
    "उ": "u",
    "ऊ": "ū",
    "ऋ": "ṛ",
    "ए": "e",
    "ऐ": "ai",
    "ओ": "o",
    "औ": "au",
}
VIRAMA, ANUSVARA, CANDRABINDU, VISARGA, NUKTA = "्", "ं", "ँ", "ः", "़"


def _devanagari_iast(word: str) -> str:
    """IAST with Nepali final-schwa deletion: the inherent a of the last consonant is dropped unless that consonant
    closes a conjunct (राम -> rām, श्रेष्ठ -> śreṣṭha, कृष्ण -> kṛṣṇa)."""
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if ch in _DEV_CONS:
            cons = _DEV_CONS[ch]
            j = i + 1
            if j < n and word[j] == NUKTA:
                j += 1
            in_conjunct = i >= 1 and word[i - 1] == VIRAMA
            if j < n and word[j] == VIRAMA:
                out.append(cons)
                i = j + 1
            elif j < n and word[j] in _DEV_VOWEL_SIGNS:
                out.append(cons + _DEV_VOWEL_SIGNS[word[j]])
                i = j + 1
            else:  # the inherent vowel, dropped after the last consonant unless it closes a conjunct
                if j >= n and not in_conjunct and out:
                    out.append(cons)
                else:
                    out.append(cons + "a")
                i = j
        elif ch in _DEV_VOWELS:
            out.append(_DEV_VOWELS[ch])
            i += 1
        elif ch == ANUSVARA:
            out.append("ṃ")
            i += 1
        elif ch == CANDRABINDU:
            out.append("m̐")
            i += 1
        elif ch == VISARGA:
            out.append("ḥ")
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _dev_words(text: str, fn: Callable[[str], str]) -> str:
    return cap(" ".join(fn(w) for w in text.split()))


def _nepali_v(s: str, k: int) -> str:
    """व in Nepali papers: b at the start and after i/u/e/o (Bishnu, Subedi), w after a or a consonant (Pawan,
    Saraswati), v at the end (Shiv)."""
    if k == 0:
        return "b"
    if k == len(s) - 1:
        return "v"
    return "b" if s[k - 1] in "iīuūeo" else "w"


def _nepali_passport(word: str) -> str:
    s = re.sub(r"ṃh$", "ngh", _devanagari_iast(word))
    s = re.sub(r"ṃ(?=[pbm])", "m", s)
    s = s.replace("m̐", "n").replace("ṃ", "n").replace("ḥ", "")
    s = re.sub(r"ṃh$", "ngh", s)
    s = "".join(_nepali_v(s, k) if ch == "v" else ch for k, ch in enumerate(s))
    s = re.sub(r"^c", "ch", s)
    s = re.sub(r"(?<=[^c])c(?!h)", "ch", s).replace("cch", "chh")
    for a, b in (("ś", "sh"), ("ṣ", "sh"), ("ṭ", "t"), ("ḍ", "d"), ("ṇ", "n"), ("ṅ", "ng"), ("ñ", "n"), ("ṛ", "ri")):
        s = s.replace(a, b)
    s = s.replace("shsh", "sh").replace("shth", "sth").replace("ksh", "ksh")
    s = s.replace("nyau", "neu")
    return strip_marks(s)


def _nepali_indian(word: str) -> str:
    s = re.sub(r"ṃh$", "ngh", _devanagari_iast(word))
    s = s.replace("m̐", "n").replace("ṃ", "n").replace("ḥ", "")
    s = re.sub(r"(?<=[^c])c(?!h)", "ch", "^" + s)[1:]
    s = re.sub(r"^c(?!h)", "ch", s)
    s = re.sub(r"ī$", "i", s).replace("ī", "ee").replace("ū", "oo").replace("kṣ", "x")
    for a, b in (("ṣṭh", "sht"), ("ś", "sh"), ("ṣ", "sh"), ("ṭ", "t"), ("ḍ", "d"), ("ṇ", "n"), ("ṅ", "ng"), ("ñ", "n")):
        s = s.replace(a, b)
    s = s.replace("ṛ", "ri")
    return strip_marks(s)


NE = {
    "passport": lambda text: _dev_words(text, _nepali_passport),
    "indian_style": lambda text: _dev_words(text, _nepali_indian),
    "iast": lambda text: _dev_words(text, _devanagari_iast),
    "iast_ascii": lambda text: _dev_words(text, lambda w: strip_marks(_devanagari_iast(w))),
}


# -------------------------------------------------------------------------------------------------- Arabic script
_AR_DIGRAPHS = ("sh", "kh", "th", "dh", "gh", "ch", "zh")
_AR_VOWELS = {"a", "i", "u", "e", "o", "aa", "ii", "uu"}
SUN = {"t", "th", "d", "dh", "r", "z", "s", "sh", "S", "D", "T", "Z", "l", "n"}


def ar_tokens(word: str) -> list[str]:
    toks: list[str] = []
    i = 0
    while i < len(word):
        two = word[i : i + 2]
        if two in _AR_DIGRAPHS or two in ("aa", "ii", "uu"):
            toks.append(two)
            i += 2
        else:
            toks.append(word[i])
            i += 1
    return toks


class ArabicStyle:
    def __init__(self, name: str, **kw):
        self.name = name
        self.cons: dict[str, str] = {
            "H": "h",
            "S": "s",
            "D": "d",
            "T": "t",
            "Z": "z",
            "`": "",
            "'": "",
            "q": "q",
            "w": "w",
            "y": "y",
        }
        self.cons.update(kw.pop("cons", {}))
        self.vowels = {"a": "a", "i": "i", "u": "u", "e": "e", "o": "o", "aa": "a", "ii": "i", "uu": "u"}
        self.vowels.update(kw.pop("vowels", {}))
        self.ii_final = kw.pop("ii_final", "i")
        self.ay, self.aw = kw.pop("ay", "ay"), kw.pop("aw", "aw")
        self.taa = kw.pop("taa", "a")
        self.article: list[str] = kw.pop("article", ["al-{W}"])  # {W} capitalised word, {w} lower
        self.abd: list[str] = kw.pop("abd", ["Abd al-{W}"])
        self.abd_sun: str | None = kw.pop("abd_sun", None)  # e.g. "Abde{r}{w}" for assimilation
        self.ullah: list[str] = kw.pop("ullah", ["{W}ullah"])
        self.double_s = kw.pop("double_s", None)  # "short" (after a short vowel) | "any" | None
        self.post: list[tuple[str, str]] = kw.pop("post", [])
        self.overrides: dict[str, list[str]] = kw.pop("overrides", {})
        self.upper = kw.pop("upper", False)
        self.drop_article = kw.pop("drop_article", 0.15)
        self.initial_ayn = kw.pop("initial_ayn", "")
        self.final_aan, self.final_iin = kw.pop("final_aan", None), kw.pop("final_iin", None)
        if kw:
            raise TypeError(f"unknown style options {sorted(kw)}")

    def core(self, word: str) -> str:
        toks = ar_tokens(word)
        out: list[str] = []
        for i, t in enumerate(toks):
            prev = toks[i - 1] if i else ""
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            after = toks[i + 2] if i + 2 < len(toks) else ""
            if t == "%":
                if prev in ("a", "e") and out:
                    out[-1] = ""
                out.append(self.taa)
                continue
            if t == "aa" and nxt == "n" and after == "" and self.final_aan:
                out.append(self.final_aan)
                break
            if t == "ii" and nxt == "n" and after == "" and self.final_iin:
                out.append(self.final_iin)
                break
            if t in ("y", "w") and prev == "a" and nxt not in _AR_VOWELS and nxt != t:
                out[-1] = ""  # the a is part of the diphthong
                out.append(self.ay if t == "y" else self.aw)
                continue
            if t in _AR_VOWELS:
                if t == "ii" and (nxt == "" or nxt == "%"):
                    out.append(self.ii_final)
                else:
                    out.append(self.vowels[t])
                continue
            if t == "`" and i == 0:
                out.append(self.initial_ayn)
                continue
            if t == "'" and i == 0:
                continue
            rendered = self.cons.get(t, t)
            if t == prev and len(rendered) > 1 and rendered != "ou":
                continue  # a doubled digraph (shsh) is written once
            between_vowels = nxt in _AR_VOWELS and prev in _AR_VOWELS
            if t == "s" and between_vowels and (self.double_s == "any" or (self.double_s and len(prev) == 1)):
                rendered = "ss"  # French habit (any vowel before) or English (after a short vowel): Hassan, Moussa
            out.append(rendered)
        text = "".join(out)
        for pattern, repl in self.post:
            text = re.sub(pattern, repl, text)
        return text

    def word(self, word: str) -> str:
        return cap(self.core(word))

    def render(self, phonemic: str, rng: random.Random) -> str:
        if phonemic in self.overrides:
            text = rng.choice(self.overrides[phonemic])
        else:
            parts = phonemic.split()
            rendered: list[str] = []
            i = 0
            while i < len(parts):
                part = parts[i]
                if part == "`abd" and i + 1 < len(parts) and parts[i + 1].startswith("al-"):
                    rest = parts[i + 1][3:]
                    core = self.core(rest)
                    first = ar_tokens(rest)[0]
                    if self.abd_sun and first in SUN:
                        lead = self.cons.get(first, first)
                        rendered.append(cap(self.abd_sun.format(r=lead, w=core)))
                    else:
                        rendered.append(rng.choice(self.abd).format(W=cap(core), w=core.lower()))
                    i += 2
                    continue
                if part.endswith("ullaah") and len(part) > 6:
                    core = self.core(part[:-6])
                    rendered.append(rng.choice(self.ullah).format(W=cap(core), w=core))
                elif part.startswith("al-"):
                    core = self.core(part[3:])
                    if self.drop_article and rng.random() < self.drop_article:
                        rendered.append(cap(core))
                    else:
                        rendered.append(rng.choice(self.article).format(W=cap(core), w=core.lower()))
                else:
                    rendered.append(self.word(part))
                i += 1
            text = " ".join(rendered)
        return text.upper() if self.upper else text


_MUHAMMAD = "muHammad"
ALALC = ArabicStyle(
    "alalc",
    cons={"H": "ḥ", "S": "ṣ", "D": "ḍ", "T": "ṭ", "Z": "ẓ", "`": "ʿ", "'": "ʾ"},
    vowels={"aa": "ā", "ii": "ī", "uu": "ū", "e": "a", "o": "u"},
    ii_final="ī",
    taa="ah",
    article=["al-{W}"],
    abd=["ʿAbd al-{W}"],
    ullah=["{W} Allāh"],
    initial_ayn="ʿ",
    drop_article=0.0,
    overrides={"`abd allaah": ["ʿAbd Allāh"], "nuur al-diin": ["Nūr al-Dīn"]},
)
ALALC_ASCII = ArabicStyle(
    "alalc_ascii",
    vowels={"e": "a", "o": "u"},
    taa="ah",
    article=["al-{W}", "Al-{W}"],
    abd=["Abd al-{W}"],
    ullah=["{W} Allah"],
    drop_article=0.1,
    overrides={"`abd allaah": ["Abd Allah", "Abdallah"], "nuur al-diin": ["Nur al-Din"]},
)
ENGLISH_GULF = ArabicStyle(  # Iraqi papers in English
    "english_gulf",
    cons={"D": "dh", "Z": "dh"},
    vowels={"ii": "ee", "uu": "ou", "e": "a", "o": "u"},
    ay="ai",
    article=["Al-{W}", "Al {W}", "Al{w}"],
    abd=["Abdul {W}", "Abdul{w}"],
    ullah=["{W}ullah"],
    double_s="short",
    overrides={
        _MUHAMMAD: ["Mohammed", "Mohammad", "Muhammad", "Mohd"],
        "`abd allaah": ["Abdullah", "Abdulla"],
        "Husayn": ["Hussein", "Hussain"],
        "nuur al-diin": ["Nuraddin", "Nour Aldeen"],
    },
)
ENGLISH_LEVANT = ArabicStyle(  # Syrian papers in English
    "english_levant",
    vowels={"i": "e", "u": "o", "ii": "i", "uu": "ou", "e": "e", "o": "o"},
    ay="ei",
    article=["Al-{W}", "Al {W}", "Al{w}", "El-{W}"],
    abd=["Abdul {W}", "Abd Al{w}", "Abdel {W}"],
    ullah=["{W}ullah"],
    double_s="short",
    overrides={
        _MUHAMMAD: ["Mohammad", "Mohamad", "Mohammed"],
        "`abd allaah": ["Abdullah", "Abdallah"],
        "Husayn": ["Hussein", "Husein"],
        "nuur al-diin": ["Nour Al-Din", "Nureddin"],
    },
)
FRENCH_LEVANT = ArabicStyle(  # Syrian/Lebanese papers in French
    "french_levant",
    cons={"sh": "ch", "q": "k", "w": "ou"},
    vowels={"i": "e", "u": "ou", "ii": "i", "uu": "ou"},
    ay="ei",
    article=["El {W}", "El-{W}", "Al {W}"],
    abd=["Abdel {W}", "Abdel{w}"],
    ullah=["{W}ullah"],
    double_s="any",
    post=[(r"oua$", "oua"), (r"ouou", "ou")],
    overrides={
        _MUHAMMAD: ["Mohamad", "Mouhammad", "Mohammed"],
        "`abd allaah": ["Abdallah"],
        "Husayn": ["Houssein", "Hussein"],
        "nuur al-diin": ["Nour Eddine", "Noureddine"],
    },
)
MAGHREB_FRENCH = ArabicStyle(  # Moroccan papers (French habits)
    "maghreb_french",
    cons={"sh": "ch", "q": "k", "w": "ou", "dh": "d", "D": "d"},
    vowels={"u": "ou", "uu": "ou", "ii": "i"},
    ay="ai",
    article=["El {W}", "El{w}", "El-{W}"],
    abd=["Abdel{w}", "Abdel {W}"],
    abd_sun="Abde{r}{w}",
    ullah=["{W}ellah"],
    double_s="any",
    drop_article=0.35,
    final_aan="ane",
    final_iin="ine",
    post=[(r"ouou", "ou")],
    overrides={
        _MUHAMMAD: ["Mohamed", "Mohammed", "Mhamed"],
        "`abd allaah": ["Abdellah", "Abdallah"],
        "Husayn": ["Houcine", "Hssain"],
        "nuur al-diin": ["Noureddine", "Nour-Eddine"],
        "yuusuf": ["Youssef", "Youssouf"],
    },
)
PERSIAN_IRAN = ArabicStyle(
    "persian_iran",
    cons={"w": "v", "q": "gh", "th": "s", "dh": "z", "D": "z", "Z": "z"},
    vowels={"i": "e", "u": "o", "ii": "i", "uu": "ou", "e": "e", "o": "o"},
    ay="ei",
    aw="ou",
    taa="eh",
    article=["ol-{W}"],
    abd=["Abdol{w}", "Abdol {W}"],
    ullah=["{W}ollah", "{W}allah"],
    double_s="short",
    overrides={
        _MUHAMMAD: ["Mohammad"],
        "`abd allaah": ["Abdollah"],
        "murtaDaa": ["Morteza"],
        "mahdii": ["Mehdi", "Mahdi"],
        "riDaa'ii": ["Rezaei", "Rezaie", "Rezayi"],
    },
)
DARI_ENGLISH = ArabicStyle(  # Afghan papers in English
    "dari_english",
    cons={"th": "s", "dh": "z", "D": "z", "Z": "z"},
    vowels={"uu": "oo"},
    ay="ai",
    article=["Al-{W}"],
    abd=["Abdul {W}", "Abdul{w}"],
    ullah=["{W}ullah", "{W} Ullah"],
    double_s="short",
    overrides={
        _MUHAMMAD: ["Mohammad", "Muhammad", "Mohammed"],
        "`abd allaah": ["Abdullah"],
        "Husayn": ["Hussain", "Husain"],
        "riDaa'ii": ["Rezai", "Rezayee"],
        "daawuud": ["Dawood", "Dawud"],
    },
)


def _mrz(base: ArabicStyle) -> ArabicStyle:
    """The same office's romanisation as read back from a passport's machine-readable zone: capitals, particles run
    together, no hyphens or apostrophes."""
    style = ArabicStyle(base.name + "_mrz")
    style.__dict__.update({k: v for k, v in base.__dict__.items() if k != "name"})
    style.article = [a.replace("-", "").replace(" ", "") for a in base.article]
    style.abd = [a.replace(" ", "") for a in base.abd]
    style.upper = True
    return style


def _arabic(style: ArabicStyle) -> Renderer:
    return lambda phonemic, kind, rng: style.render(phonemic, rng)


# ------------------------------------------------------------------------------------------- per-culture systems
def _plain(fn: Callable[[str], str]) -> Renderer:
    return lambda native, kind, rng: fn(native)


def _uk_russian_form(native: str, kind: str, rng: random.Random) -> str:
    """A Ukrainian's name as a Russian-language office writes it: the Russian counterpart of the given name
    (Олександр -> Александр), the family name read with Russian letters, then a Russian romanisation."""
    if kind == "given":
        ru = UK_GIVEN_TO_RU.get(native, native)
    else:
        ru = N.UK_FAMILY_RU.get(native, native)
        ru = re.sub("ськ(ий|а)$", lambda m: "ск" + ("ий" if m.group(1) == "ий" else "ая"), ru)
    ru = ru.translate(_UK_TO_RU_LETTERS)
    return RU[rng.choice(["bgn_pcgn", "icao", "english_popular"])](ru)


def _hy_russian(native: str, kind: str, rng: random.Random) -> str:
    if native in HY_FAMILY_RU:
        return RU[rng.choice(["bgn_pcgn", "english_popular"])](HY_FAMILY_RU[native])
    return _HY_RU_LETTERS(native)


def _hy_western(native: str, kind: str, rng: random.Random) -> str:
    return N.HY_FAMILY_WEST.get(native) or HY["western"](native)


UK_GIVEN_TO_RU = {uk: ru for uk, ru in (item.split("=") for item in N.UK_MALE + N.UK_FEMALE)}
HY_FAMILY_RU = {hy: ru for hy, ru in (item.split("=") for item in N.HY_FAMILY)}

SYSTEMS: dict[str, dict[str, Renderer]] = {
    "ru": {name: _plain(fn) for name, fn in RU.items()},
    "uk": {**{name: _plain(fn) for name, fn in UK.items()}, "russian_form": _uk_russian_form},
    "ka": {name: _plain(fn) for name, fn in KA.items()},
    "hy": {
        **{name: _plain(fn) for name, fn in HY.items() if fn is not None and name != "western"},
        "western": _hy_western,
        "russian_mediated": _hy_russian,
    },
    "mn": {name: _plain(fn) for name, fn in MN.items()},
    "ne": {name: _plain(fn) for name, fn in NE.items()},
    "ar_iq": {
        "alalc": _arabic(ALALC),
        "alalc_ascii": _arabic(ALALC_ASCII),
        "english_gulf": _arabic(ENGLISH_GULF),
        "english_gulf_mrz": _arabic(_mrz(ENGLISH_GULF)),
        "english_levant": _arabic(ENGLISH_LEVANT),
    },
    "ar_sy": {
        "alalc": _arabic(ALALC),
        "alalc_ascii": _arabic(ALALC_ASCII),
        "english_levant": _arabic(ENGLISH_LEVANT),
        "english_levant_mrz": _arabic(_mrz(ENGLISH_LEVANT)),
        "french_levant": _arabic(FRENCH_LEVANT),
    },
    "ar_ma": {
        "alalc": _arabic(ALALC),
        "alalc_ascii": _arabic(ALALC_ASCII),
        "maghreb_french": _arabic(MAGHREB_FRENCH),
        "maghreb_french_mrz": _arabic(_mrz(MAGHREB_FRENCH)),
        "english_levant": _arabic(ENGLISH_LEVANT),
    },
    "fa": {
        "alalc": _arabic(ALALC),
        "persian_iran": _arabic(PERSIAN_IRAN),
        "dari_english": _arabic(DARI_ENGLISH),
        "dari_english_mrz": _arabic(_mrz(DARI_ENGLISH)),
        "english_gulf": _arabic(ENGLISH_GULF),
    },
}
