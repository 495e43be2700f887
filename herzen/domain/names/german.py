"""German transcription of Russian (Duden rules), which iuliia does not ship.

German spells Russian as it sounds to a German reader: В is "w", Ц is "z", Ч is "tsch", and
the glide before я/ю/е/ё is a "j". Older German documents and the German press use it, so a
refugee's German papers may carry it. For Ж we use "sh", Duden's second variant, because it keeps
Ж apart from Ш ("sch"); Duden's first variant "sch" still matches through the skeleton.
"""

VOWELS = frozenset("аеёиоуыэюя")
_HUSHING = frozenset("жчшщ")
# Letters whose own spelling already starts with "j", so a preceding й adds nothing: Майя -> Maja.
_IOTATED = frozenset("яюё")
_HARD_OR_SOFT_I = frozenset("иы")
_SIGNS = frozenset("ьъ")
_GLIDING_AFTER_SOFT_SIGN = frozenset("ио")

_PLAIN_LETTERS = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sh", "з": "s", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y",
    "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip


def _ye(previous: str) -> str:
    # Е is "je" where Russians pronounce the glide: word start, after a vowel or a sign (Jelzin).
    return "je" if previous == "" or previous in VOWELS or previous in _SIGNS else "e"


def _yo(previous: str) -> str:
    # After hushing consonants ё has no glide: Горбачёв -> Gorbatschow.
    return "o" if previous in _HUSHING else "jo"


def _short_i(previous: str, following: str) -> str:
    if following in _IOTATED:
        return ""
    if following in VOWELS:
        return "j"
    if previous in _HARD_OR_SOFT_I:
        # Duden drops й after и/ы at the end (Горький -> Gorki) but keeps it before a consonant.
        return "j" if following else ""
    return "i"


def _soft_sign(following: str) -> str:
    # A soft sign before и/о is heard as a glide (Ильич -> Iljitsch); before я/ю/е/ё the vowel has it.
    return "j" if following in _GLIDING_AFTER_SOFT_SIGN else ""


def _s(previous: str, following: str) -> str:
    # A single German "s" between vowels is voiced, so voiceless С doubles there: Wassiljew.
    return "ss" if previous in VOWELS and following in VOWELS else "s"


def to_german(word: str) -> str:
    """Transcribe one lowercase Cyrillic word; other characters pass through unchanged."""
    out: list[str] = []
    index = 0
    while index < len(word):
        letter = word[index]
        previous = word[index - 1] if index else ""
        following = word[index + 1] if index + 1 < len(word) else ""
        if letter == "к" and following == "с":
            out.append("x")  # Duden writes кс as x in every word: Алексей -> Alexei.
            index += 2
            continue
        if letter == "е":
            out.append(_ye(previous))
        elif letter == "ё":
            out.append(_yo(previous))
        elif letter == "й":
            out.append(_short_i(previous, following))
        elif letter == "ь":
            out.append(_soft_sign(following))
        elif letter == "с":
            out.append(_s(previous, following))
        else:
            out.append(_PLAIN_LETTERS.get(letter, letter))
        index += 1
    return "".join(out)
