"""The comparable values of a person: the same document, phone or name meets itself in every writing."""

from datetime import date

from herzen.domain.linkage import PersonRecord, feature_row
from herzen.domain.linkage.features import contact_key, document_key
from herzen.domain.linkage.model import PRIOR_MATCH, level_of_weight, level_weight, prior_for
from herzen.domain.names import FullName


def test_a_document_number_meets_itself_with_and_without_series_and_spaces() -> None:
    assert document_key("45 12 345678") == document_key("4512345678") == "4512345678"
    assert document_key("75 1234567") == document_key("751234567")


def test_a_phone_meets_itself_in_any_format_and_an_address_in_any_case() -> None:
    assert contact_key("+7 912 345-67-89") == contact_key("8 (912) 345 67 89") == contact_key("79123456789")
    assert contact_key("Yulia@Example.org") == "yulia@example.org"
    assert contact_key("@Yulia_Z") == "yulia_z"


def test_every_spelling_and_the_other_gender_meet_in_the_surname_keys() -> None:
    cyrillic = feature_row(PersonRecord("a", "Жукова", "Юлия", "Сергеевна", date_of_birth=date(1990, 3, 4)))
    latin = feature_row(
        PersonRecord("b", "Zhukov", "Yulia", other_names=[FullName("Schukowa", "Julija")], date_of_birth=None)
    )
    cyrillic_keys, latin_keys = cyrillic["surname_keys"], latin["surname_keys"]
    assert isinstance(cyrillic_keys, list)
    assert isinstance(latin_keys, list)
    assert set(cyrillic_keys) & set(latin_keys)
    assert cyrillic["surname_cyr"] == "жукова"
    assert latin["surname_cyr"] is None
    assert cyrillic["dob"] == "1990-03-04"
    assert latin["dob"] is None


def test_a_comparison_level_is_read_back_from_its_weight() -> None:
    assert level_of_weight("date_of_birth", level_weight(0.93, 0.00008)) == "date_of_birth:same"
    assert level_of_weight("surname", 0.0) is None


def _row(index: int, dob: str) -> dict[str, object]:
    return {
        "unique_id": str(index),
        "dob": dob,
        "surname_sk": "ivanov",
        "given_sk": "petr",
        "document_first": None,
    }


def test_the_prior_is_estimated_from_near_certain_pairs_and_falls_as_the_population_grows() -> None:
    strangers = [_row(i, f"19{i:06d}") for i in range(20)]
    assert prior_for(strangers[:1]) == PRIOR_MATCH
    assert prior_for(strangers) == PRIOR_MATCH  # nothing certain among few: the fixed prior holds
    twins = [_row(i, f"19{i // 2:06d}") for i in range(20_000)]  # every record twice
    many_strangers = [_row(i, f"19{i:06d}") for i in range(20_000)] + twins[:100]
    assert prior_for(twins) > prior_for(many_strangers)
    assert prior_for(many_strangers) < PRIOR_MATCH
