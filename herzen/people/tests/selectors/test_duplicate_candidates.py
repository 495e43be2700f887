from datetime import date

from herzen.people import services
from herzen.people.selectors import person_duplicate_candidates
from herzen.people.tests.factories import make_person


def test_a_record_filed_under_another_spelling_is_a_candidate(caseworker_a):
    anna = make_person(caseworker_a, surname="Щукина", given_name="Анна", date_of_birth=date(1990, 5, 17))
    # Filed again by a colleague from a German document, with the name typed in Cyrillic as heard.
    again = make_person(
        caseworker_a, surname="Щукина", given_name="Анна", patronymic="", date_of_birth=date(1990, 5, 17)
    )
    unknown_birth = make_person(caseworker_a, surname="Щукина", given_name="Анна", date_of_birth=None)

    assert set(person_duplicate_candidates(actor=caseworker_a, person=anna)) == {again, unknown_birth}


def test_a_latin_spelling_stored_on_one_record_meets_the_cyrillic_of_another(caseworker_a):
    yulia = make_person(caseworker_a, surname="Юдина", given_name="Юлия", date_of_birth=date(1985, 1, 2))
    other = make_person(caseworker_a, surname="Петрова", given_name="Юлия", date_of_birth=date(1985, 1, 2))
    # The second record carries the ICAO spelling of Yulia's surname from a passport.
    services.name_variant_add(
        actor=caseworker_a, person_id=other.pk, surname="Iudina", given_name="Iuliia", scheme="icao_9303"
    )

    assert person_duplicate_candidates(actor=caseworker_a, person=yulia) == [other]


def test_different_birth_dates_or_given_names_are_not_candidates(caseworker_a):
    anna = make_person(caseworker_a, surname="Щукина", given_name="Анна", date_of_birth=date(1990, 5, 17))
    make_person(caseworker_a, surname="Щукина", given_name="Анна", date_of_birth=date(1991, 5, 17))
    make_person(caseworker_a, surname="Щукина", given_name="Мария", date_of_birth=date(1990, 5, 17))
    make_person(caseworker_a, surname="Петрова", given_name="Анна", date_of_birth=date(1990, 5, 17))

    assert person_duplicate_candidates(actor=caseworker_a, person=anna) == []


def test_another_organisations_records_are_never_candidates(caseworker_a, caseworker_b):
    anna = make_person(caseworker_a, surname="Щукина", given_name="Анна")
    make_person(caseworker_b, surname="Щукина", given_name="Анна")

    assert person_duplicate_candidates(actor=caseworker_a, person=anna) == []
