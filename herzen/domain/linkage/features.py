"""One person as one row of comparable values. Nothing here is stored: the row lives in the job's memory."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from herzen.domain.names import FullName, fold, person_name_keys, skeleton
from herzen.domain.names.families import family_readings
from herzen.domain.names.skeleton import latin_skeleton

_NOT_DIGITS = re.compile(r"\D")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


@dataclass(frozen=True)
class PersonRecord:
    """A person as the caller decrypted it. `other_names` are the stored spellings (any script)."""

    id: str
    surname: str
    given_name: str
    patronymic: str = ""
    other_names: Sequence[FullName] = ()
    sex: str = ""
    date_of_birth: date | None = None
    document_numbers: Sequence[str] = ()
    contacts: Sequence[str] = ()
    citizenships: Sequence[str] = ()
    extra: dict[str, str] = field(default_factory=dict)


def document_key(number: str) -> str:
    """A document number without series separators or spaces: "45 12 345678" and "4512345678" meet."""
    return _NOT_ALNUM.sub("", number.upper())


def contact_key(value: str) -> str:
    """An address in one form: an e-mail or handle lower-cased, a phone number as its last 9 digits (the
    country code and a trunk 0 or 8 are written in many ways; 9 digits still tell strangers apart)."""
    value = value.strip()
    if "@" in value and not value.startswith("@"):
        return value.lower()
    digits = _NOT_DIGITS.sub("", value)
    if len(digits) >= 7 and len(digits) >= len(value.replace(" ", "")) // 2:
        return digits[-9:]
    return value.lower().lstrip("@")


# Names repeat (a million persons have tens of thousands of surnames): each is keyed once per job.
@lru_cache(maxsize=200_000)
def _word_skeleton(text: str) -> str | None:
    key = skeleton(text)
    return key or None


@lru_cache(maxsize=200_000)
def _readings(text: str) -> frozenset[str]:
    """The skeletons of a Latin word as each language's practice reads it (French "Ioulia", Polish
    "Juliusz"): herzen.domain.names.families, the same readings the name search applies to a query."""
    return frozenset(latin_skeleton(reading) for reading in family_readings(text).values()) - {""}


def _word_keys(text: str) -> list[str] | None:
    if not text:
        return None
    keys = {key for key in (_word_skeleton(text),) if key} | _readings(text)
    return sorted(keys) or None


def _cyrillic(text: str) -> str | None:
    folded = fold(text)
    return folded if folded and not folded.isascii() else None


@lru_cache(maxsize=200_000)
def _keys_of_surname(surname: str) -> frozenset[str]:
    """The skeleton keys ("s:...") of a surname in every spelling, with the other gender's form."""
    return frozenset(key[2:] for key in person_name_keys([FullName(surname, "", "")]) if key.startswith("s:"))


def _surname_keys(record: PersonRecord) -> list[str]:
    # Surnames only: the whole-name keys would let two people who share a given name meet on it.
    surnames = {record.surname, *(name.surname for name in record.other_names)}
    keys: set[str] = set()
    for surname in surnames:
        if surname:
            keys |= _keys_of_surname(surname) | _readings(surname)
    return sorted(keys)


def feature_row(record: PersonRecord) -> dict[str, object]:
    """The columns the linkage model compares (herzen.domain.linkage.model). Missing values are None."""
    documents = sorted({document_key(number) for number in record.document_numbers if number.strip()})
    contacts = sorted({contact_key(value) for value in record.contacts if value.strip()})
    citizenships = sorted({code.upper() for code in record.citizenships if code})
    return {
        "unique_id": record.id,
        "surname_cyr": _cyrillic(record.surname),
        "surname_sk": _word_skeleton(record.surname),
        "surname_keys": _surname_keys(record) or None,
        "given_cyr": _cyrillic(record.given_name),
        "given_sk": _word_skeleton(record.given_name),
        "given_keys": _word_keys(record.given_name),
        "patronymic_sk": _word_skeleton(record.patronymic),
        "patronymic_keys": _word_keys(record.patronymic),
        "sex": record.sex or None,
        "dob": record.date_of_birth.isoformat() if record.date_of_birth else None,
        "documents": documents or None,
        "document_first": documents[0] if documents else None,
        "contacts": contacts or None,
        "contact_first": contacts[0] if contacts else None,
        "citizenships": citizenships or None,
    }
