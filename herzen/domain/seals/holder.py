"""The holder binding: a salted hash of the holder's name and date of birth, instead of the data itself.

The paper prints the name in clear; the seal carries only `SHA-256(salt ‖ normalised name ‖ "|" ‖ date)`,
cut to 16 bytes. A checker who types the name (in Cyrillic or in its ICAO Latin spelling, in any order,
upper or lower case) and the date of birth sees whether they match. Without them the hash says nothing;
the 8-byte random salt stops one precomputed table from serving every seal.

The normalisation is written to be repeated exactly in a few lines of any language (the browser verifier,
docs/reference_verifier.py): Cyrillic to Latin by ICAO Doc 9303 (2014), upper case, letters A-Z only,
words sorted.
"""

import hashlib
import unicodedata
from datetime import date

SALT_BYTES = 8
HASH_BYTES = 16

# ICAO Doc 9303 part 3, Russian Cyrillic (what international passports use since 2014).
ICAO_CYRILLIC = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH", "З": "Z", "И": "I",
    "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T",
    "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y",
    "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
}  # fmt: skip


def normalise_name(name: str) -> str:
    words = []
    for word in name.upper().split():
        latin = "".join(ICAO_CYRILLIC.get(character, character) for character in word)
        # Accents go (Müller -> MULLER); anything that is not a letter A-Z (hyphens, apostrophes) goes.
        plain = unicodedata.normalize("NFKD", latin)
        letters = "".join(character for character in plain if "A" <= character <= "Z")
        if letters:
            words.append(letters)
    return " ".join(sorted(words))


def holder_hash(salt: bytes, name: str, date_of_birth: date | None) -> bytes:
    born = date_of_birth.isoformat() if date_of_birth else ""
    message = salt + normalise_name(name).encode() + b"|" + born.encode()
    return hashlib.sha256(message).digest()[:HASH_BYTES]
