"""Generating the spellings a Cyrillic name receives under each romanisation scheme.

iuliia implements ICAO Doc 9303, GOST R 52535.1, MVD 310 and ISO 9 (as GOST 7.79-2000, its
Russian edition); German transcription and the internal-passport MRZ are ours.
"""

import re
from collections.abc import Callable

import iuliia

from . import german, mrz
from .schemes import GENERATED_SCHEMES, FullName, Scheme
from .scripts import is_cyrillic

_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _mvd_1997(word: str) -> str:
    # Order 310 prints Ь and Ъ as apostrophe and quote, but passports never carried them
    # (the MRZ has no such characters), so Наталья became NATALYA, not NATAL'YA.
    return str(iuliia.MVD_310.translate(word)).replace("'", "").replace('"', "")


def _iso_9(word: str) -> str:
    # iuliia 0.13 leaves Ё as Cyrillic "ё" in GOST 7.79; ISO 9 writes Latin "ë".
    return str(iuliia.GOST_779.translate(word)).replace("ё", "ë")


_CONVERTERS: dict[Scheme, Callable[[str], str]] = {
    Scheme.ICAO_9303: lambda word: str(iuliia.ICAO_DOC_9303.translate(word)),
    Scheme.GOST_52535: lambda word: str(iuliia.GOST_52535.translate(word)),
    Scheme.MVD_1997: _mvd_1997,
    Scheme.ISO_9: _iso_9,
    Scheme.GERMAN: german.to_german,
    Scheme.MRZ_INTERNAL: mrz.encode,
}


def _in_case_of(original: str, converted: str) -> str:
    """Give the converted word the case pattern of the original: ЩУКИНА -> SHCHUKINA, not ShchUKINA."""
    if len(original) > 1 and original.isupper():
        return converted.upper()
    if original[:1].isupper():
        return converted[:1].upper() + converted[1:]
    return converted


def transliterate(text: str, scheme: Scheme) -> str:
    """Spell Cyrillic text in a scheme, word by word; non-Cyrillic characters pass through.

    Title case stays title case and upper case stays upper case; the MRZ is always upper case.
    Raises ValueError for Scheme.OTHER, which stands for spellings no rule produces.
    """
    if scheme is Scheme.OTHER:
        raise ValueError("Scheme.OTHER spellings come from documents and cannot be generated")
    convert = _CONVERTERS[scheme]
    if scheme is Scheme.MRZ_INTERNAL:
        return _LETTER_RUN.sub(lambda match: convert(match.group().lower()), text)
    return _LETTER_RUN.sub(lambda match: _in_case_of(match.group(), convert(match.group().lower())), text)


def expected_spellings(name: FullName) -> dict[Scheme, FullName]:
    """The spelling of a Cyrillic name under every scheme that can be generated.

    Raises ValueError when a part of the name is not Cyrillic: there is nothing to transliterate.
    """
    if not all(is_cyrillic(part) for part in name.parts if part):
        raise ValueError(f"expected a Cyrillic name, got {name!r}")
    return {
        scheme: FullName(*(transliterate(part, scheme) for part in name.parts))
        for scheme in GENERATED_SCHEMES
    }
