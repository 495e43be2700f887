import pytest

from herzen.domain.names import (
    FullName,
    fold,
    is_cyrillic,
    is_latin,
    name_keys,
    person_name_keys,
    query_keys,
    skeleton,
)


def test_all_spellings_of_shchukina_share_a_key() -> None:
    # Given; "Ščukina" is the older scientific spelling, ISO 9:1995 itself writes "Ŝukina"
    spellings = ["Щукина", "Shchukina", "Schtschukina", "Ščukina", "Ŝukina", "SHCHUKINA", "WUKINA"]

    # When
    shared = frozenset.intersection(*(name_keys(spelling) for spelling in spellings))

    # Then
    assert shared == {"s:shchukina"}


def test_all_spellings_of_yuliya_share_a_key() -> None:
    # Given
    spellings = ["Юлия", "Iuliia", "Yuliya", "Ûliâ", "Julija", "7LI8", "Julia", "Yulia", "YULIYA"]

    # When
    shared = frozenset.intersection(*(name_keys(spelling) for spelling in spellings))

    # Then
    assert shared == {"s:iulia"}


@pytest.mark.parametrize(
    ("spelling", "cyrillic"),
    [
        ("IVANOVI3", "Иванович"),
        ("Wassiljew", "Васильев"),
        ("IWANOW", "Иванов"),  # German in capitals reads as an MRZ copy too; both readings are keys
        ("Wukina", "Щукина"),  # an MRZ copy typed in title case
        ("Fjodorow", "Фёдоров"),
        ("Gorbatschow", "Горбачёв"),
        ("Vahtel'", "Вахтель"),
        ("Chruschtschow", "Хрущёв"),
        ("Podyachev", "Подъячев"),
        ("Ludmila", "Людмила"),
        ("Ivanоv", "Иванов"),  # the second "о" is Cyrillic: a keyboard layout slip
    ],
)
def test_variant_spellings_meet_their_cyrillic_name(spelling: str, cyrillic: str) -> None:
    assert name_keys(spelling) & name_keys(cyrillic)


def test_keys_are_prefixed_by_kind() -> None:
    # When
    keys = name_keys("Щукина")

    # Then
    assert keys == {"f:щукина", "s:shchukina"}


def test_empty_word_has_no_keys() -> None:
    assert name_keys("") == frozenset()
    assert name_keys(" - ") == frozenset()


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ивaнов", "иванов"),  # a Latin "a" inside a Cyrillic word
        ("Ščukina", "scukina"),
        ("Ûliâ", "ulia"),
        ("Vahtelʹ", "vahtel"),
        ("Фёдоров", "федоров"),
        ("Андрей", "андрей"),
        ("O'Brien-Smith", "obriensmith"),
        ("𝑨𝒏𝒏𝒂 ㎆", "annamb"),  # compatibility letters fold like plain ones
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_person_is_found_by_the_other_gender_of_the_surname() -> None:
    # Given
    anna = FullName("Щукина", "Анна", "Сергеевна")

    # When
    keys = person_name_keys([anna])

    # Then
    assert name_keys("Shchukin") <= keys
    assert name_keys("Щукин") <= keys
    assert name_keys("Schtschukin") <= keys
    assert name_keys("Shchukina") <= keys
    assert name_keys("Sergeevna") <= keys


@pytest.mark.parametrize(
    ("known_as", "searched_as"),
    [
        (FullName("Достоевская", "Анна"), "Dostoevskii"),
        (FullName("Трубецкой", "Сергей"), "Трубецкая"),
        (FullName("Ivanova", "Maria"), "Ivanov"),
        (FullName("Wolkowa", "Jelena"), "Волков"),
        (FullName("Римская-Корсакова", "Надежда"), "Rimskii-Korsakov"),
    ],
)
def test_counterpart_surnames(known_as: FullName, searched_as: str) -> None:
    assert name_keys(searched_as) & person_name_keys([known_as])


def test_person_keys_cover_every_name_and_both_halves_of_a_double_surname() -> None:
    # Given a person known by a Cyrillic name and by a spelling from a German document
    names = [FullName("Римский-Корсаков", "Николай", "Андреевич"), FullName("Rimski-Korsakow", "Nikolai")]

    # When
    keys = person_name_keys(names)

    # Then
    assert name_keys("Korsakov") <= keys
    assert name_keys("Rimski-Korsakow") <= keys
    # An MRZ copy meets the person through its MRZ reading; its reading as plain Latin is no key of theirs.
    assert name_keys("RIMSKIQ-KORSAKOV") & keys


def test_query_is_split_into_words() -> None:
    # When
    keys = query_keys(" Щукина,  Анна-Мария ;; Сергеевна ")

    # Then
    assert keys == [name_keys("Щукина"), name_keys("Анна-Мария"), name_keys("Сергеевна")]


def test_numbers_in_a_query_are_not_read_as_mrz() -> None:
    assert query_keys("Ivanov 1985") == [name_keys("Ivanov"), frozenset({"f:1985"})]


def test_query_without_words_has_no_keys() -> None:
    assert query_keys(" , - ") == []


@pytest.mark.parametrize("text", ["Щукина", "Римский-Корсаков", "Д'Артаньянов", "Анна Мария"])
def test_is_cyrillic(text: str) -> None:
    assert is_cyrillic(text)
    assert not is_latin(text)


@pytest.mark.parametrize("text", ["Shchukina", "Ûliâ", "Ščukina", "Vahtelʹ", "O'Brien-Smith"])
def test_is_latin(text: str) -> None:
    assert is_latin(text)
    assert not is_cyrillic(text)


@pytest.mark.parametrize("text", ["", " - ", "Ivanоv", "IVANOVI3", "Щукина2"])
def test_neither_script(text: str) -> None:
    assert not is_latin(text)
    assert not is_cyrillic(text)


def test_skeleton_is_the_same_for_all_common_spellings() -> None:
    spellings = ["Хрущёв", "Khrushchev", "Chruschtschow", "Hruŝëv", "HRUWEV", "Khrushchyov"]
    assert {skeleton(spelling) for spelling in spellings} == {"chrushchev"}
