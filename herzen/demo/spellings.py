"""Russian names as other languages' papers write them, for the search recall benchmark and tests.

Written forward, Cyrillic to each language, from each language's own conventions (French press and the
French variant of MVD order 310, Polish PWN transcription with Czech feminine surnames, the Ukrainian
national romanisation of 2010, Kazakh practice, German Duden, English press), independently of the rules
by which the search reads them back (herzen.domain.names.families): a benchmark that rendered names with
the search's own rules would measure nothing.
"""

import random
from collections.abc import Callable

import iuliia

from herzen.domain.names import FullName
from herzen.domain.names.german import to_german
from herzen.domain.names.mrz import encode as mrz_encode

VOWELS = "аеёиоуыэюя"
HUSHING = "жчшщц"

FAMILIES = ("english", "french", "polish", "czech", "ukrainian", "kazakh", "german", "mrz")


def _by_letter(word: str, letter: Callable[[str, str, str], str]) -> str:
    out = []
    for index, char in enumerate(word):
        previous = word[index - 1] if index else ""
        following = word[index + 1] if index + 1 < len(word) else ""
        out.append(letter(char, previous, following))
    return "".join(out)


_FRENCH = {
    "а": "a", "б": "b", "в": "v", "д": "d", "ж": "j", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch",
    "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia",
}  # fmt: skip


def _french_letter(char: str, previous: str, following: str) -> str:
    if char == "г":
        return "gu" if following and following in "еиыё" else "g"
    if char == "е":
        return "ie" if previous in VOWELS + "ьъ" and previous else "e"
    if char == "ё":
        return "o" if previous and previous in HUSHING else "io"
    if char in "ий":
        return "ï" if previous in VOWELS and previous else "i"
    if char == "с":
        return "ss" if previous in VOWELS and following in VOWELS and previous and following else "s"
    return _FRENCH.get(char, char)


def french(word: str, rng: random.Random) -> str:
    if word.endswith("ий"):
        word = word[:-2] + "и"  # Юрий -> Iouri, Геннадий -> Guennadi
    text = _by_letter(word, _french_letter)
    if word.endswith(("ин", "ын")):
        text += "e"  # Васин -> Vassine
    if text.endswith(("ov", "ev")) and rng.random() < 0.3:
        text = text[:-1] + "ff"  # émigré spelling: Smirnoff
    return text


_POLISH = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "з": "z", "к": "k", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz",
    "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y", "ь": "", "э": "e", "й": "j",
}  # fmt: skip
_SOFTENED = "еёюя"


def _polish_letter(char: str, previous: str, following: str) -> str:
    after_consonant = bool(previous) and previous not in VOWELS + "ьъ"
    if char == "л":
        return "l" if following and following in "иеёюяь" else "ł"
    if char in _SOFTENED:
        plain = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[char]
        if previous and (previous in HUSHING or previous == "л"):
            return plain
        return ("i" if after_consonant else "j") + plain
    if char == "и":
        return "y" if previous and previous in "жшц" else "i"
    return _POLISH.get(char, char)


def polish(word: str, rng: random.Random) -> str:
    for ending, replacement in (("ский", "ski"), ("ская", "ska"), ("цкий", "cki"), ("цкая", "cka")):
        if word.endswith(ending):
            return _by_letter(word[: -len(ending)], _polish_letter) + replacement
    if word.endswith("ий"):
        return _by_letter(word[:-2], _polish_letter) + "ij"
    return _by_letter(word, _polish_letter)


_CZECH = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "ž", "з": "z", "и": "i", "й": "j", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ъ": "", "ы": "y", "ь": "", "э": "e",
}  # fmt: skip


def _czech_letter(char: str, previous: str, following: str) -> str:
    if char in "еёюя":
        plain = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[char]
        if char == "е" and previous in "дтн" and previous:
            return "ě"
        if previous in HUSHING and previous:
            return plain
        if char == "е" and previous and previous not in VOWELS + "ьъ":
            return "e"
        return "j" + plain
    return _CZECH.get(char, char)


def czech(word: str, rng: random.Random, *, surname: bool = False) -> str:
    if surname:
        for ending, replacement in (("ская", "ská"), ("цкая", "cká"), ("ский", "skij"), ("цкий", "ckij")):
            if word.endswith(ending):
                return _by_letter(word[: -len(ending)], _czech_letter) + replacement
        for ending in ("ова", "ева", "ёва", "ина", "ына"):
            if word.endswith(ending):  # Жукова -> Žukovová: -ová added to the man's surname
                return _by_letter(word[:-1], _czech_letter) + "ová"
    return _by_letter(word, _czech_letter)


_UKRAINIAN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
}  # fmt: skip


def _ukrainian_letter(char: str, previous: str, following: str) -> str:
    initial = not previous
    if char in "ёюя":
        plain = {"ё": "o", "ю": "u", "я": "a"}[char]
        return ("y" if initial else "i") + plain
    if char == "й":
        return "y" if initial else "i"
    return _UKRAINIAN.get(char, char)


def ukrainian(word: str, rng: random.Random) -> str:
    return _by_letter(word, _ukrainian_letter)


def _kazakh_letter(char: str, previous: str, following: str) -> str:
    if char == "ж":
        return "j"
    if char == "к" and following in "аоуы" and following:
        return "q"
    if char == "х":
        return "h"
    return str(iuliia.ICAO_DOC_9303.translate(char))


def kazakh(word: str, rng: random.Random) -> str:
    return (
        _by_letter(word, _kazakh_letter) if rng.random() < 0.7 else str(iuliia.ICAO_DOC_9303.translate(word))
    )


def german(word: str, rng: random.Random) -> str:
    text = to_german(word)
    return text.replace("ü", "ue")


def english(word: str, rng: random.Random) -> str:
    scheme = iuliia.WIKIPEDIA if rng.random() < 0.5 else iuliia.BGN_PCGN
    return str(scheme.translate(word)).replace("'", "").replace("ʼ", "")


def _title(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(name: FullName, family: str, rng: random.Random) -> str:
    """The name as `family` writes it: "Surname Given Patronymic" (a whole MRZ upper line for "mrz")."""
    surname, given, patronymic = (part.lower() for part in name.parts)
    if family == "mrz":
        parts = [mrz_encode(surname), mrz_encode(given), mrz_encode(patronymic)]
        line = f"{parts[0]}<<{parts[1]}" + (f"<{parts[2]}" if parts[2] else "")
        return ("PNRUS" + line + "<" * 44)[:44] if rng.random() < 0.5 else line
    if family == "czech":
        words = [czech(surname, rng, surname=True), czech(given, rng), czech(patronymic, rng)]
    else:
        convert = {
            "english": english,
            "french": french,
            "polish": polish,
            "ukrainian": ukrainian,
            "kazakh": kazakh,
            "german": german,
        }[family]
        words = [convert(part, rng) if part else "" for part in (surname, given, patronymic)]
    if rng.random() < 0.5:
        words = words[:2]  # papers abroad rarely carry the patronymic
    return " ".join(_title(word) for word in words if word)


def with_typo(query: str, rng: random.Random) -> str:
    """One slip in the longest word: a letter dropped, doubled, swapped with its neighbour or replaced."""
    words = query.split()
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    if len(word) < 5:
        return query
    position = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "replace"))
    if kind == "drop":
        word = word[:position] + word[position + 1 :]
    elif kind == "swap":
        word = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    else:
        word = word[:position] + rng.choice("aeioukstrnl") + word[position + 1 :]
    words[index] = word
    return " ".join(words)
