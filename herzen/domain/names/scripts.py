"""Which alphabet a name is written in, and repair of words that mix two alphabets by accident."""

import unicodedata

# Apostrophes and the ISO 9 primes stand for the soft and hard signs, so they belong to a name.
_SIGN_MARKS = frozenset("'’ʼʹʺ")
_SEPARATORS = frozenset(" -‐") | _SIGN_MARKS

# Letters that look alike in both alphabets. Keyboards switch layouts mid-word, and copy-paste from
# scanned documents mixes them, so "Ивaнов" with a Latin "a" must still be found as "Иванов".
_LATIN_LOOKALIKES_OF_CYRILLIC = {
    "а": "a", "е": "e", "ё": "ë", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "А": "A", "В": "B", "Е": "E", "Ё": "Ë", "К": "K", "М": "M", "Н": "H", "О": "O",
    "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X",
}  # fmt: skip
_CYRILLIC_LOOKALIKES_OF_LATIN = {latin: cyrillic for cyrillic, latin in _LATIN_LOOKALIKES_OF_CYRILLIC.items()}


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return "other"


def _is_written_in(text: str, script: str) -> bool:
    has_letter = False
    for char in text:
        if char in _SEPARATORS or unicodedata.category(char) == "Mn":
            continue
        if not char.isalpha() or _script(char) != script:
            return False
        has_letter = True
    return has_letter


def is_cyrillic(text: str) -> bool:
    """True when every letter is Cyrillic; spaces, hyphens and apostrophes may separate them."""
    return _is_written_in(text, "cyrillic")


def is_latin(text: str) -> bool:
    """True when every letter is Latin (diacritics included); spaces, hyphens, apostrophes allowed."""
    return _is_written_in(text, "latin")


def repair_mixed_script(word: str) -> str:
    """Rewrite look-alike letters of the minority alphabet into the majority one.

    Words in a single alphabet come back unchanged; ties are read as Cyrillic, since the
    canonical name is Cyrillic.
    """
    scripts = [_script(char) for char in word if char.isalpha()]
    cyrillic, latin = scripts.count("cyrillic"), scripts.count("latin")
    if not cyrillic or not latin:
        return word
    lookalikes = _CYRILLIC_LOOKALIKES_OF_LATIN if cyrillic >= latin else _LATIN_LOOKALIKES_OF_CYRILLIC
    return "".join(lookalikes.get(char, char) for char in word)
