import pytest

from herzen.domain.names import SCHEME_LABELS, FullName, Scheme, expected_spellings, transliterate


def test_every_scheme_has_a_label() -> None:
    assert set(SCHEME_LABELS) == set(Scheme)


def test_shchukina_is_spelled_by_every_scheme() -> None:
    # Given
    name = FullName("Щукина", "Анна", "Сергеевна")

    # When
    spellings = expected_spellings(name)

    # Then
    assert spellings[Scheme.ICAO_9303] == FullName("Shchukina", "Anna", "Sergeevna")
    assert spellings[Scheme.GOST_52535].surname == "Shchukina"
    assert spellings[Scheme.MVD_1997].surname == "Shchukina"
    assert spellings[Scheme.ISO_9].surname == "Ŝukina"  # ISO 9:1995 has one letter for Щ
    assert spellings[Scheme.GERMAN].surname == "Schtschukina"
    assert spellings[Scheme.MRZ_INTERNAL] == FullName("WUKINA", "ANNA", "SERGEEVNA")
    assert Scheme.OTHER not in spellings


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        (Scheme.ICAO_9303, "Iuliia"),
        (Scheme.GOST_52535, "Iuliia"),
        (Scheme.MVD_1997, "Yuliya"),
        (Scheme.ISO_9, "Ûliâ"),
        (Scheme.GERMAN, "Julija"),
        (Scheme.MRZ_INTERNAL, "7LI8"),
    ],
)
def test_yuliya_in_each_scheme(scheme: Scheme, expected: str) -> None:
    assert transliterate("Юлия", scheme) == expected


@pytest.mark.parametrize(
    ("cyrillic", "scheme", "expected"),
    [
        ("Андрей", Scheme.ICAO_9303, "Andrei"),
        ("Андрей", Scheme.MVD_1997, "Andrey"),
        ("Дмитрий", Scheme.ICAO_9303, "Dmitrii"),
        ("Наталья", Scheme.ICAO_9303, "Natalia"),
        ("Наталья", Scheme.MVD_1997, "Natalya"),  # passports dropped the apostrophe of Order 310
        ("Анастасия", Scheme.ICAO_9303, "Anastasiia"),
        ("Зюзин Илья", Scheme.ICAO_9303, "Ziuzin Ilia"),
        ("Щербаков", Scheme.GERMAN, "Schtscherbakow"),
        ("Юрий", Scheme.GERMAN, "Juri"),
        ("Горбачёв", Scheme.GERMAN, "Gorbatschow"),
        ("Васильев", Scheme.GERMAN, "Wassiljew"),
        ("Алексей", Scheme.GERMAN, "Alexei"),
        ("Майя", Scheme.GERMAN, "Maja"),
        ("Ильич", Scheme.GERMAN, "Iljitsch"),
        ("Жуков", Scheme.GERMAN, "Shukow"),
        # iuliia writes the ISO 9 soft sign as U+02B9 MODIFIER LETTER PRIME, not an apostrophe.
        ("Вахтель", Scheme.ISO_9, "Vahtel\u02b9"),
        ("Фёдоров", Scheme.ISO_9, "Fëdorov"),  # Latin ë: iuliia itself leaves a Cyrillic ё here
        ("Иванович", Scheme.MRZ_INTERNAL, "IVANOVI3"),
        ("Фёдоров", Scheme.MRZ_INTERNAL, "F2DOROV"),  # MVD order 773, appendix 24: Ё is "2"
        ("Жуков", Scheme.MRZ_INTERNAL, "JUKOV"),  # ...and Ж is "J"
        ("Цветков", Scheme.GOST_52535, "Tcvetkov"),
        ("Цветков", Scheme.ICAO_9303, "Tsvetkov"),
    ],
)
def test_known_spellings(cyrillic: str, scheme: Scheme, expected: str) -> None:
    assert transliterate(cyrillic, scheme) == expected


def test_case_pattern_is_kept_word_by_word() -> None:
    # Given an upper-case surname next to a title-case given name
    text = "ЩУКИНА Юлия-Мария"

    # When
    spelled = transliterate(text, Scheme.ICAO_9303)

    # Then iuliia's own casing ("ShchUKINA") is not what comes out
    assert spelled == "SHCHUKINA Iuliia-Mariia"


def test_mrz_is_always_upper_case() -> None:
    assert transliterate("щукина анна", Scheme.MRZ_INTERNAL) == "WUKINA ANNA"


def test_latin_text_passes_through() -> None:
    assert transliterate("Anna Щукина", Scheme.GERMAN) == "Anna Schtschukina"


def test_other_scheme_cannot_be_generated() -> None:
    with pytest.raises(ValueError, match="OTHER"):
        transliterate("Щукина", Scheme.OTHER)


def test_expected_spellings_need_a_cyrillic_name() -> None:
    with pytest.raises(ValueError, match="Cyrillic"):
        expected_spellings(FullName("Shchukina", "Anna"))


def test_empty_patronymic_stays_empty() -> None:
    # When
    spellings = expected_spellings(FullName("Вахтель", "Юлия"))

    # Then
    assert {spelling.patronymic for spelling in spellings.values()} == {""}
