"""The ranked people search (issue 16): spellings of every family, identifiers, ranking, reasons, scope, and
the strictness of the new readings against strangers over the demo population."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from herzen.people import services
from herzen.people.models import IdentityDocument, Person, PersonNameKey
from herzen.people.search import MatchReason, person_search
from herzen.people.tests.factories import make_person


def _found(actor, query, **options):
    return [
        (hit.person.surname, hit.rank, hit.reasons)
        for hit in person_search(actor=actor, query=query, **options)
    ]


@pytest.fixture
def zhukovs(caseworker_a):
    yuri = make_person(
        caseworker_a,
        surname="Жуков",
        given_name="Юрий",
        patronymic="Сергеевич",
        sex="M",
        date_of_birth=date(1979, 4, 2),
    )
    olga = make_person(caseworker_a, surname="Кузнецова", given_name="Ольга", patronymic="Петровна")
    return yuri, olga


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("Iouri Joukov", MatchReason.FRENCH),
        ("Jurij Żukow", MatchReason.POLISH),
        ("Hennadii Zhukov Yurii", None),  # a stranger word: nobody
        ("Kuzněcovová Olga", MatchReason.CZECH),
        ("Olha Kuznetsova", MatchReason.UKRAINIAN),
        ("Jukov Iurii", MatchReason.EXACT),  # Kazakh "j" is also the MRZ's Ж, and the fold of its spelling
    ],
)
def test_each_family_finds_the_person_and_says_how(caseworker_a, zhukovs, query, reason):
    hits = person_search(actor=caseworker_a, query=query, near=False)

    if reason is None:
        assert hits == []
    else:
        assert len(hits) == 1
        assert reason in hits[0].reasons


def test_a_pasted_mrz_line_is_found_as_exact(caseworker_a, zhukovs):
    line = "PNRUSJUKOV<<7RIQ<SERGEEVI3<<<<<<<<<<<<<<<<<<<<"

    assert _found(caseworker_a, line) == [("Жуков", 0, (MatchReason.MRZ,))]
    assert _found(caseworker_a, "2UKOV<<7RIQ") == [("Жуков", 0, (MatchReason.MRZ,))]  # the older table


def test_results_are_ranked_exact_then_phonetic_then_near(caseworker_a):
    exact = make_person(caseworker_a, surname="Морозова", given_name="Анна")
    phonetic = make_person(caseworker_a, surname="Морозова", given_name="Ганна")  # "Hanna" reads Ганна
    near = make_person(caseworker_a, surname="Марозова", given_name="Анна")
    make_person(caseworker_a, surname="Петрова", given_name="Анна")

    hits = person_search(actor=caseworker_a, query="Morozova Anna")

    assert [hit.person for hit in hits] == [exact, near]
    assert [hit.rank for hit in hits] == [0, 2]
    assert hits[1].reasons[-1] == MatchReason.NEAR
    assert [hit.person for hit in person_search(actor=caseworker_a, query="Morozova Hanna")][:1] == [phonetic]
    assert person_search(actor=caseworker_a, query="Morozova Anna", near=False)[0].person == exact
    assert len(person_search(actor=caseworker_a, query="Morozova Anna", near=False)) == 1


def test_a_typo_is_found_only_as_a_near_miss(caseworker_a, zhukovs):
    assert _found(caseworker_a, "Zhukv Yuri", near=False) == []
    [(surname, rank, reasons)] = _found(caseworker_a, "Zhukv Yuri")
    assert (surname, rank) == ("Жуков", 2)
    assert MatchReason.NEAR in reasons


def test_identifiers(caseworker_a, zhukovs):
    yuri, _ = zhukovs
    services.document_add(
        actor=caseworker_a, person_id=yuri.pk, document_type="internal_passport", number="4510 123456"
    )
    services.contact_point_add(
        actor=caseworker_a, person_id=yuri.pk, kind="phone", value="+7 (912) 345-67-89"
    )
    services.contact_point_add(
        actor=caseworker_a, person_id=yuri.pk, kind="email", value="Y.Zhukov@Example.org"
    )
    services.contact_point_add(actor=caseworker_a, person_id=yuri.pk, kind="telegram", value="@Yura_Zh")

    for query in ("4510123456", "4510 123456", "45 10 123456", "123456", "123 456"):
        assert _found(caseworker_a, query) == [("Жуков", 0, (MatchReason.DOCUMENT,))], query
    for query in ("89123456789", "8 (912) 345 67 89", "+79123456789", "007 912 345 67 89"):
        assert _found(caseworker_a, query) == [("Жуков", 0, (MatchReason.CONTACT,))], query
    for query in ("y.zhukov@example.org", "mailto:Y.ZHUKOV@example.org", "@yura_zh", "t.me/Yura_Zh"):
        assert _found(caseworker_a, query) == [("Жуков", 0, (MatchReason.CONTACT,))], query
    assert _found(caseworker_a, "02.04.1979") == [("Жуков", 0, (MatchReason.DATE_OF_BIRTH,))]
    assert _found(caseworker_a, "1979-04-02") == [("Жуков", 0, (MatchReason.DATE_OF_BIRTH,))]
    assert _found(caseworker_a, "Joukov 02.04.1979")[0][2][-1] == MatchReason.DATE_OF_BIRTH
    assert _found(caseworker_a, "Joukov 03.04.1979") == []


def test_a_changed_date_of_birth_is_found_by_its_new_value(caseworker_a, zhukovs):
    yuri, _ = zhukovs
    services.person_update(actor=caseworker_a, person_id=yuri.pk, date_of_birth=date(1980, 1, 1))

    assert _found(caseworker_a, "01.01.1980") == [("Жуков", 0, (MatchReason.DATE_OF_BIRTH,))]
    assert _found(caseworker_a, "02.04.1979") == []


def test_the_search_is_scoped_to_the_organisation(caseworker_a, caseworker_b, zhukovs):
    yuri, _ = zhukovs
    services.contact_point_add(actor=caseworker_a, person_id=yuri.pk, kind="phone", value="+79123456789")

    for query in ("Iouri Joukov", "Zhukv Yuri", "+79123456789", "02.04.1979", "JUKOV<<7RIQ"):
        assert person_search(actor=caseworker_b, query=query) == [], query


def test_no_plaintext_name_is_stored_in_the_key_table(caseworker_a, zhukovs):
    values = set(PersonNameKey.objects.values_list("key", flat=True))

    assert all(len(value) <= 10 for value in values)
    assert not {"жуков", "zhukov", "shukov", "d:shukov"} & values


def test_the_migration_backfills_what_the_services_write(caseworker_a, zhukovs):
    migration = importlib.import_module("herzen.people.migrations.0013_person_identifier_blind_indexes")
    yuri, _ = zhukovs
    services.contact_point_add(actor=caseworker_a, person_id=yuri.pk, kind="phone", value="8 912 345 67 89")
    near_rows = PersonNameKey.objects.filter(key__startswith="n:")
    written = set(near_rows.values_list("person_id", "key"))
    near_rows.delete()
    Person.objects.update(date_of_birth_index="")
    assert _found(caseworker_a, "02.04.1979") == []

    migration.backfill(apps, None)

    assert set(near_rows.values_list("person_id", "key")) == written
    assert _found(caseworker_a, "02.04.1979") == [("Жуков", 0, (MatchReason.DATE_OF_BIRTH,))]
    assert _found(caseworker_a, "+79123456789") == [("Жуков", 0, (MatchReason.CONTACT,))]


def test_the_migration_backfills_numbers_without_series(caseworker_a, zhukovs):
    migration = importlib.import_module("herzen.people.migrations.0014_document_number_without_series")
    yuri, _ = zhukovs
    services.document_add(
        actor=caseworker_a, person_id=yuri.pk, document_type="international_passport", number="75 1234567"
    )
    IdentityDocument.objects.update(number_tail_index="")
    assert _found(caseworker_a, "1234567") == []

    migration.backfill(apps, None)

    assert _found(caseworker_a, "1234567") == [("Жуков", 0, (MatchReason.DOCUMENT,))]
