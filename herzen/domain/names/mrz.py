"""The machine-readable zone of the Russian internal passport, and pasted MRZ name lines of any passport.

The internal passport's MRZ spells each Cyrillic letter with one character ("модернизированный клер"),
digits included. The table is appendix 24 to MVD Order No. 773 of 16.11.2020, which replaced Order
No. 851 of 13.11.2017 (and FMS Order No. 391 of 2011 before it); published copies give Ё as "2" and
Ж as "J", Й as "Q" (e.g. ornatus.ru, "Что означают буквы и цифры внизу паспорта", citing appendix 24;
documentsearch.org's generator of the upper line). Herzen's earlier table wrote Ж as "2", and copies of
that reading still circulate, so a query accepts every reading: "2" is Ё or Ж, "J" is Ж.

It is not meant for people, yet people copy it into forms, so "IVANOVI3" must be read back as Иванович.
"""

import re
from enum import Enum

from .schemes import FullName

_ENCODE = {
    "а": "A", "б": "B", "в": "V", "г": "G", "д": "D", "е": "E", "ё": "2", "ж": "J", "з": "Z",
    "и": "I", "й": "Q", "к": "K", "л": "L", "м": "M", "н": "N", "о": "O", "п": "P", "р": "R",
    "с": "S", "т": "T", "у": "U", "ф": "F", "х": "H", "ц": "C", "ч": "3", "ш": "4", "щ": "W",
    "ъ": "X", "ы": "Y", "ь": "9", "э": "6", "ю": "7", "я": "8",
}  # fmt: skip
_DECODE = {mrz: cyrillic for cyrillic, mrz in _ENCODE.items()}
# Where sources disagree, every reading: "2" is Ё in the order's table and Ж in the other one.
_OTHER_READINGS = {"2": "ж"}

# Characters only the MRZ uses for a Russian name; any of them settles the reading.
_DIGITS = frozenset("2346789")
# Letters the MRZ uses differently from every other scheme (Ж, Й, Щ, Ъ); they could also be plain
# Latin (Julia, Qasim, Iwanow, Alexander), so alone they only make a word ambiguous.
_DOUBTFUL = frozenset("JQWX")
# A pasted upper line: document code and issuing state ("PNRUS" internal, "P<RUS" international), then
# SURNAME<<GIVEN<PATRONYMIC padded with "<" to 44 characters.
_LINE_HEADER = re.compile(r"^(?:P<|PN|P[A-Z])[A-Z<]{3}")
_FULL_LINE_LENGTH = 44


class Reading(Enum):
    LATIN = "latin"
    MRZ = "mrz"
    MRZ_OR_LATIN = "mrz_or_latin"
    LATIN_OR_MRZ = "latin_or_mrz"


def encode(word: str) -> str:
    """One lowercase Cyrillic word in MRZ characters; other characters are only upper-cased."""
    return "".join(_ENCODE.get(char, char.upper()) for char in word)


def decode(word: str) -> str:
    """MRZ characters back to lowercase Cyrillic by the order's table; others are dropped."""
    return "".join(_DECODE.get(char, "") for char in word.upper())


def decodings(word: str) -> list[str]:
    """Every Cyrillic reading of an MRZ word where the sources disagree, the order's table first."""
    readings = [decode(word)]
    upper = word.upper()
    if any(char in _OTHER_READINGS for char in upper):
        readings.append("".join(_OTHER_READINGS.get(char, _DECODE.get(char, "")) for char in upper))
    return readings


def reading_of(word: str) -> Reading:
    """How to read a Latin word: as an MRZ copy, as ordinary Latin, or both (first one preferred)."""
    upper = word.upper()
    if not any(char.isalpha() for char in word) and not _DIGITS.issuperset(upper):
        return Reading.LATIN  # A number ("1985") in a query is no MRZ name; "62" (Эж) may be.
    if _DIGITS.intersection(upper):
        return Reading.MRZ
    # The MRZ's X (Ъ) only comes before Е, so "Alexander" is not an MRZ copy.
    x_only_before_e = all(upper[i + 1 : i + 2] == "E" for i, char in enumerate(upper) if char == "X")
    if not _DOUBTFUL.intersection(upper) or not x_only_before_e:
        return Reading.LATIN
    # "J" is everyday Latin (German Jelena, Sergejewitsch): only an all-capitals word may be an MRZ copy.
    if "J" in upper and not word.isupper():
        return Reading.LATIN
    # The MRZ is always upper case; a mixed-case word is more likely German (Wolkow) or foreign.
    # A single letter is an initial, not an MRZ copy.
    return Reading.MRZ_OR_LATIN if word.isupper() and len(word) > 1 else Reading.LATIN_OR_MRZ


def parse_name_line(text: str) -> FullName | None:
    """The name in a pasted MRZ line ("PNRUS2UKOVA<<ANNA<...", or just "ZHUKOVA<<ANNA"), else None.

    Only text with the "<<" that separates surname and given names counts as a line; the parts keep
    their MRZ characters, which the skeleton reads (digits as the internal passport's letters).
    """
    line = re.sub(r"\s+", "", text).upper()
    if "<<" not in line or not re.fullmatch(r"[A-Z0-9<]+", line):
        return None
    if len(line) == _FULL_LINE_LENGTH or line.startswith(("P<", "PN")):
        line = _LINE_HEADER.sub("", line, count=1)
    surname, _, given_names = line.strip("<").partition("<<")
    words = [word for word in given_names.split("<") if word]
    surname_words = [word for word in surname.split("<") if word]
    if not surname_words:
        return None
    return FullName(
        surname=" ".join(surname_words),
        given_name=words[0] if words else "",
        patronymic=" ".join(words[1:]),
    )
