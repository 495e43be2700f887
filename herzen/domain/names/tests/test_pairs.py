"""Pair keys must find everyone the word keys find (herzen.domain.names.pairs)."""

from itertools import combinations

import pytest

from herzen.domain.names import FullName, name_keys, person_name_keys, query_keys
from herzen.domain.names.pairs import person_pair_keys, query_pair_keys

ANNA = [FullName("Щукина", "Анна", "Сергеевна")]


@pytest.mark.parametrize(
    "query",
    [
        "Щукина Анна",
        "Shchukina Anna",
        "Schtschukina Anna",
        "Anna Shchukina",  # word order does not matter
        "SHCHUKINA ANNA",
        "Щукин Сергеевна",  # the husband's surname
        "Ščukina Anna Sergeevna",
    ],
)
def test_a_query_matching_the_words_of_a_person_shares_a_pair_key_with_them(query: str) -> None:
    # Given
    keys = person_name_keys(ANNA)
    wanted = query_keys(query)
    assert all(keys & word for word in wanted)  # the word keys find her

    # When
    pair_sets = query_pair_keys(wanted)

    # Then
    assert pair_sets
    assert all(pairs & person_pair_keys(keys) for pairs in pair_sets)


def test_halves_of_a_double_surname_pair_with_each_other() -> None:
    keys = person_name_keys([FullName("Римский-Корсаков", "Николай", "Андреевич")])
    (pairs,) = query_pair_keys(query_keys("Римский Корсаков"))

    assert pairs & person_pair_keys(keys)


def test_a_pair_key_of_other_names_is_not_shared() -> None:
    (pairs,) = query_pair_keys(query_keys("Иванова Анна"))

    assert not pairs & person_pair_keys(person_name_keys(ANNA))


@pytest.mark.parametrize("query", ["Щукина", "Анна Anna", "Анна анна", "1985", ""])
def test_without_two_differently_spelt_words_there_is_no_pair(query: str) -> None:
    # A pair of one sound would need a pair key of a token with itself, which persons do not hold.
    assert query_pair_keys(query_keys(query)) == []


def test_a_number_pairs_with_a_name() -> None:
    keys = person_name_keys(ANNA) | name_keys("1985")
    (pairs,) = query_pair_keys(query_keys("Щукина 1985"))

    assert pairs & person_pair_keys(keys)


def test_a_full_name_is_read_by_the_pairs_of_the_first_word_with_each_other() -> None:
    # Surname with given name, and surname with patronymic: not the given name with the patronymic, whose
    # namesakes are many.
    surname_given, surname_patronymic = query_pair_keys(query_keys("Щукина Анна Сергеевна"))

    assert surname_given == query_pair_keys(query_keys("Щукина Анна"))[0]
    assert surname_patronymic == query_pair_keys(query_keys("Щукина Сергеевна"))[0]


def test_a_word_sounding_like_the_first_is_no_partner() -> None:
    assert query_pair_keys(query_keys("Анна Anna Щукина")) == query_pair_keys(query_keys("Анна Щукина"))


def test_pair_keys_are_unordered_and_of_two_distinct_tokens() -> None:
    pairs = person_pair_keys(person_name_keys(ANNA))

    for pair in pairs:
        first, second = pair.removeprefix("p:").split("|")
        assert first < second
    # Surname, given name and patronymic each pair with the others.
    tokens = {token for pair in pairs for token in pair.removeprefix("p:").split("|")}
    assert len(pairs) == len(list(combinations(tokens, 2)))
