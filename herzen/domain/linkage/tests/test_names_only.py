"""Namesakes: a pair that only its names support is never proposed as high-confidence (issue 16)."""

from datetime import date
from typing import Any

from herzen.domain.linkage import (
    DEFAULT_THRESHOLD,
    NAMES_ONLY,
    CandidatePair,
    PersonRecord,
    feature_row,
    link_duckdb,
)
from herzen.domain.linkage.model import NAMES_ONLY_CEILING


def _link(*records: PersonRecord) -> list[CandidatePair]:
    return link_duckdb([feature_row(record) for record in records], threshold=DEFAULT_THRESHOLD, threads=1)


def _anna(record_id: str, **extra: Any) -> PersonRecord:
    values = {"surname": "Щукина", "given_name": "Анна", "patronymic": "Сергеевна", "sex": "F", **extra}
    return PersonRecord(record_id, citizenships=["RU"], **values)


def test_full_namesakes_without_a_date_or_identifier_wait_at_the_ceiling_and_say_why() -> None:
    (pair,) = _link(_anna("1", date_of_birth=date(1990, 5, 17)), _anna("2"))
    assert pair.probability == NAMES_ONLY_CEILING
    assert NAMES_ONLY in pair.levels


def test_a_shared_date_of_birth_or_document_lifts_the_ceiling() -> None:
    (pair,) = _link(
        _anna("1", document_numbers=["45 12 345678"]), _anna("2", document_numbers=["4512345678"])
    )
    assert pair.probability > NAMES_ONLY_CEILING
    assert NAMES_ONLY not in pair.levels
    (pair,) = _link(_anna("1", date_of_birth=date(1990, 5, 17)), _anna("2", date_of_birth=date(1990, 5, 17)))
    assert pair.probability > NAMES_ONLY_CEILING


def test_namesakes_whose_contacts_differ_or_names_are_a_letter_apart_are_not_proposed() -> None:
    assert _link(_anna("1", contacts=["+995 555 123 456"]), _anna("2", contacts=["+7 912 345 67 89"])) == []
    assert _link(_anna("1"), _anna("2", given_name="Инна")) == []


def test_a_french_given_name_meets_its_cyrillic_form() -> None:
    french = PersonRecord(
        "2", "Joukova", "Ioulia", "Sergueïevna", sex="F", date_of_birth=date(1990, 3, 4), citizenships=["RU"]
    )
    cyrillic = PersonRecord(
        "1", "Жукова", "Юлия", "Сергеевна", sex="F", date_of_birth=date(1990, 3, 4), citizenships=["RU"]
    )
    (pair,) = _link(cyrillic, french)
    assert "given_name:phonetic" in pair.levels
    assert "surname:phonetic" in pair.levels
