"""Reading ISO 9:1995 back into Cyrillic.

ISO 9 gives each Cyrillic letter exactly one Latin letter, so a word that carries its diacritics
can be read back without guessing; the skeleton does that rather than guess at "c" (Ц) or "h" (Х).
"""

import unicodedata

_DECODE = {
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "ë": "ё", "ž": "ж", "z": "з",
    "i": "и", "j": "й", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
    "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х", "c": "ц", "č": "ч", "š": "ш", "ŝ": "щ",
    "ʺ": "ъ", "y": "ы", "ʹ": "ь", "è": "э", "û": "ю", "â": "я",
    # Keyboards lack the primes, so people type apostrophes and quotes for the signs.
    "'": "ь", "’": "ь", "ʼ": "ь", '"': "ъ",
}  # fmt: skip
_SIGNATURE = frozenset("ëžčšŝʺʹèûâ")


def decode(word: str) -> str | None:
    """The Cyrillic word an ISO 9 spelling stands for, or None when the word is not ISO 9.

    Only words with an ISO 9 diacritic or prime qualify: without one, "Ivanov" is equally ICAO.
    """
    letters = unicodedata.normalize("NFC", word).lower()
    if not _SIGNATURE.intersection(letters):
        return None
    if any(char not in _DECODE for char in letters):
        return None
    return "".join(_DECODE[char] for char in letters)
