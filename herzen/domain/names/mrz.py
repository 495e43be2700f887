"""The machine-readable zone of the Russian internal passport (MVD Order 773 of 2020).

The MRZ alphabet has one character per Cyrillic letter, digits included (Ч is "3"). It is not meant
for people, yet people copy it into forms, so "IVANOVI3" must be read back as Иванович.
"""

from enum import Enum

_ENCODE = {
    "а": "A", "б": "B", "в": "V", "г": "G", "д": "D", "е": "E", "ё": "E", "ж": "2", "з": "Z",
    "и": "I", "й": "Q", "к": "K", "л": "L", "м": "M", "н": "N", "о": "O", "п": "P", "р": "R",
    "с": "S", "т": "T", "у": "U", "ф": "F", "х": "H", "ц": "C", "ч": "3", "ш": "4", "щ": "W",
    "ъ": "X", "ы": "Y", "ь": "9", "э": "6", "ю": "7", "я": "8",
}  # fmt: skip
# Ё and Е share "E"; decoding picks Е, which is how Russian is usually written anyway.
_DECODE = {mrz: cyrillic for cyrillic, mrz in _ENCODE.items() if cyrillic != "ё"}

# Characters only the MRZ uses for a Russian name; any of them settles the reading.
_DIGITS = frozenset("2346789")
# Letters the MRZ uses differently from every other scheme (Й, Щ, Ъ); they could also be plain
# Latin (Qasim, Iwanow, Alexander), so alone they only make a word ambiguous.
_DOUBTFUL = frozenset("QWX")


class Reading(Enum):
    LATIN = "latin"
    MRZ = "mrz"
    MRZ_OR_LATIN = "mrz_or_latin"
    LATIN_OR_MRZ = "latin_or_mrz"


def encode(word: str) -> str:
    """One lowercase Cyrillic word in MRZ characters; other characters are only upper-cased."""
    return "".join(_ENCODE.get(char, char.upper()) for char in word)


def decode(word: str) -> str:
    """MRZ characters back to lowercase Cyrillic; characters outside the MRZ alphabet are dropped."""
    return "".join(_DECODE.get(char, "") for char in word.upper())


def reading_of(word: str) -> Reading:
    """How to read a Latin word: as an MRZ copy, as ordinary Latin, or both (first one preferred)."""
    upper = word.upper()
    if not any(char.isalpha() for char in word) and not _DIGITS.issuperset(upper):
        return Reading.LATIN  # A number ("1985") in a query is no MRZ name; "62" (Эж) may be.
    if _DIGITS.intersection(upper):
        return Reading.MRZ
    # The MRZ has no J, and its X (Ъ) only comes before Е, so "Alexander" is not an MRZ copy.
    x_only_before_e = all(upper[i + 1 : i + 2] == "E" for i, char in enumerate(upper) if char == "X")
    if "J" in upper or not _DOUBTFUL.intersection(upper) or not x_only_before_e:
        return Reading.LATIN
    # The MRZ is always upper case; a mixed-case word is more likely German (Wolkow) or foreign.
    # A single letter is an initial, not an MRZ copy.
    return Reading.MRZ_OR_LATIN if word.isupper() and len(word) > 1 else Reading.LATIN_OR_MRZ
