"""Lookup keys that survive romanisation: the exact fold and the coarse phonetic skeleton.

The skeleton puts every spelling through one pipeline. Cyrillic is spelled in ICAO first, MRZ
copies and ISO 9 spellings are read back into Cyrillic (both are reversible), and then the Latin
text is cut into tokens and rewritten until the variants of all schemes coincide. What forces each
rule is that two schemes give one Latin string to two different Cyrillic words: German "ch" is Х
where ICAO "ch" is Ч, so Х and Ч must share a token. The skeleton therefore merges more than any
single scheme does; that is the price of matching across schemes, and a caseworker decides.
"""

import itertools
import math
import re
import unicodedata

import iuliia

from . import iso9, mrz
from .scripts import repair_mixed_script

# A long name in upper case could otherwise be read in 2**words ways.
_MAX_READINGS = 8
_WORD_SEPARATOR = re.compile(r"[\s\-‐–—,;/]+")

# Letters of Russia's neighbours become their closest Russian letter before ICAO spells them.
_NEIGHBOUR_LETTERS = str.maketrans({"і": "и", "ї": "йи", "є": "е", "ґ": "г", "ў": "у"})
# Latin letters a mixed or hand-typed word may still carry after the ISO 9 reading was ruled out.
_DIACRITIC_LETTERS = str.maketrans(
    {"š": "sh", "č": "ch", "ž": "zh", "ŝ": "shch", "û": "iu", "â": "ia", "ł": "l", "ø": "o", "ß": "ss"}
)

# Tokens: lower-case letters keep their plain value; "S" stands for Ш and Ж, "C" for Ч and Х.
# Longer spellings come first so that "schtsch" is not read as "s" + "ch" + ...
_LATIN_TOKENS = {
    "schtsch": "SC",  # German Щ
    "shch": "SC",  # ICAO, GOST and MVD Щ
    "tsch": "C",  # German Ч
    "sch": "S",  # German Ш; ICAO writes СЧ the same way
    "zh": "S",  # Ж
    "sh": "S",  # Ш; German Ж
    "kh": "C",  # Х
    "ch": "C",  # ICAO Ч; German Х
    "h": "C",  # ISO 9 and MRZ Х
    "x": "ks",  # German КС
    "c": "ts",  # ISO 9 and MRZ Ц, read as ICAO spells it; GOST "tc" collapses to the same
    "z": "s",  # German Ц, and German "s" is З, so С, З and Ц share a token
    "w": "v",  # German В
    "y": "i",  # Ы everywhere; Й in MVD; the glide of MVD я/ю/е
    "j": "i",  # Й in ISO 9; the glide in German
    "q": "k",
}
_LATIN_TOKEN = re.compile("|".join(sorted(_LATIN_TOKENS, key=len, reverse=True)) + "|[a-z]")

# Rewrites, highest priority first; each says which spellings it reconciles. The glide rules
# come before doubles collapse, which would hide where ICAO's "ie" for Ъ ends ("ieeiu" is ЪЕЮ).
_REWRITES = (
    # ICAO "ie" for Ъ before я/ю ("Podieiachev") and MVD "ye" for Е after a sign ("yeya") look
    # alike, so Е and any glide before я/ю drop out: Андреянов meets its variant Андриянов.
    (re.compile(r"i?e+i(?=[au])"), "i"),
    (re.compile(r"i(?=e)"), ""),  # glides before Е: MVD "ye", German "je", ICAO "ie" for Ъ
    (re.compile(r"io"), "e"),  # German "jo" and other schemes' "e" for Ё
    (re.compile(r"(?<=[SC])o"), "e"),  # German "o" for Ё after hushing consonants: Gorbatschow
    (re.compile(r"(.)\1+"), r"\1"),  # German "ss" for С, ICAO "ii" for ИЙ, doubled letters
    (re.compile(r"kC"), "C"),  # ISO 9 "kh" is КХ
    (re.compile(r"ts(?=S)"), "s"),  # ICAO "tssh" is ЦШ where German has "zsch"
    (re.compile(r"sC"), "S"),  # ISO 9 "sh" is СХ; ICAO "sch" is СЧ; German "sch" is Ш
    (re.compile(r"sS"), "S"),  # ISO 9 "ssh" is ССХ, which the rule above makes С + Ш
    (re.compile(r"tS"), "C"),  # German "tsch" is Ч, but also Т + Ш
    (re.compile(r"ts"), "s"),  # ICAO "ts" is Ц
    (re.compile(r"(?<=[bdfgklmnprstvSC])iu"), "u"),  # "Ludmila" and "Liudmila" alike
)
_RENDERING = str.maketrans({"S": "sh", "C": "ch"})


def fold(text: str) -> str:
    """Exact lookup key: letters and digits only, case and diacritics removed.

    Cyrillic stays Cyrillic: ё folds to е as Russians themselves write it, while й is a letter of
    its own and is kept (Андрей is not "Андреи").
    """
    kept: list[str] = []
    for char in text:
        if char in "йЙ":
            kept.append("й")
            continue
        for part in _caseless(char):
            # Modifier letters are the ISO 9 primes for Ь and Ъ, not letters of the name.
            if part.isalnum() and unicodedata.category(part) != "Lm":
                kept.append(part)
    # Repairing last, on the whole key, keeps fold idempotent: the repair only ever strengthens
    # the majority alphabet, so a second pass finds nothing left to repair.
    return repair_mixed_script("".join(kept))


def _caseless(text: str) -> str:
    # Unicode's compatibility caseless match (D146): casefolding and decomposing once each is not
    # stable, e.g. "㎆" decomposes to the capitals "MB" only after casefolding did nothing.
    casefolded = unicodedata.normalize("NFKD", unicodedata.normalize("NFD", text).casefold()).casefold()
    return unicodedata.normalize("NFKD", casefolded)


def _tokens_of_latin(word: str) -> str:
    text = unicodedata.normalize("NFC", word).lower().translate(_DIACRITIC_LETTERS)
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if "a" <= char <= "z")
    return "".join(_LATIN_TOKENS.get(token, token) for token in _LATIN_TOKEN.findall(text))


def _tokens_of_cyrillic(word: str) -> str:
    return _tokens_of_latin(str(iuliia.ICAO_DOC_9303.translate(word.lower().translate(_NEIGHBOUR_LETTERS))))


def _reduce(tokens: str) -> str:
    # One rewrite at a time, then start again from the top, so that a higher rule always wins
    # over a lower one wherever in the word each of them applies.
    while True:
        for pattern, replacement in _REWRITES:
            rewritten = pattern.sub(replacement, tokens, count=1)
            if rewritten != tokens:
                tokens = rewritten
                break
        else:
            return tokens.translate(_RENDERING)


def _word_skeletons(word: str) -> list[str]:
    """The skeleton of one word under each plausible reading, the preferred reading first."""
    word = repair_mixed_script(word)
    # A word still mixing alphabets after the repair goes through ICAO, which keeps its Latin.
    if any(unicodedata.name(char, "").startswith("CYRILLIC") for char in word):
        return [_reduce(_tokens_of_cyrillic(word))]
    iso_reading = iso9.decode(word)
    if iso_reading is not None:
        return [_reduce(_tokens_of_cyrillic(iso_reading))]
    match mrz.reading_of(word):
        case mrz.Reading.MRZ:
            return _as_mrz(word)
        case mrz.Reading.LATIN:
            return [_as_latin(word)]
        case mrz.Reading.MRZ_OR_LATIN:
            return [*_as_mrz(word), _as_latin(word)]
        case mrz.Reading.LATIN_OR_MRZ:
            return [_as_latin(word), *_as_mrz(word)]


def _as_mrz(word: str) -> list[str]:
    # Every reading where the sources of the internal passport's table disagree (herzen.domain.names.mrz).
    readings = [_reduce(_tokens_of_cyrillic(reading)) for reading in mrz.decodings(word)]
    return list(dict.fromkeys(readings))


def latin_skeleton(word: str) -> str:
    """The skeleton of a word read as plain Latin, whatever it looks like (for family readings)."""
    return _as_latin(word)


def _as_latin(word: str) -> str:
    return _reduce(_tokens_of_latin(word))


def _words(text: str) -> list[str]:
    return [word for word in _WORD_SEPARATOR.split(text) if word]


def skeleton(text: str) -> str:
    """Coarse phonetic key, equal for a Cyrillic word and its spelling in any generated scheme."""
    return "".join(_word_skeletons(word)[0] for word in _words(text))


def alternative_skeletons(text: str) -> set[str]:
    """Skeletons of a text under every plausible reading of its words (MRZ copy or plain Latin)."""
    readings = [_word_skeletons(word) for word in _words(text)]
    if math.prod(len(options) for options in readings) > _MAX_READINGS:
        return {skeleton(text)}
    return {"".join(combination) for combination in itertools.product(*readings)}
