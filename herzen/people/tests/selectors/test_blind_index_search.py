"""Search without plaintext: by any stored spelling, by document number and by phone, through blind indexes."""

from io import StringIO

from django.core.management import call_command

from herzen.domain.crypto import is_ciphertext
from herzen.domain.names import FullName, expected_spellings
from herzen.people import services
from herzen.people.models import PersonNameKey
from herzen.people.selectors import documents_with_number, person_list, persons_with_contact
from herzen.people.tests.factories import make_person

STORED = [
    ("Shchukina", "Anna", "icao_9303"),
    ("Schtschukina", "Anna", "german"),
    ("Ščukina", "Anna", "iso_9"),
    ("Chtchoukina", "Anna", "other"),
    ("SHCHUKINA", "ANNA", "mvd_1997"),
]


def test_a_person_is_found_by_every_stored_and_expected_spelling(caseworker_a):
    anna = make_person(caseworker_a)
    for surname, given_name, scheme in STORED:
        services.name_variant_add(
            actor=caseworker_a, person_id=anna.pk, surname=surname, given_name=given_name, scheme=scheme
        )
    make_person(caseworker_a, surname="Петрова", given_name="Ольга")
    expected = expected_spellings(FullName("Щукина", "Анна", "Сергеевна")).values()

    queries = [
        "Щукина Анна",
        *(f"{s} {g}" for s, g, _ in STORED),
        *(f"{n.surname} {n.given_name}" for n in expected),
    ]
    for query in queries:
        assert list(person_list(actor=caseworker_a, name_query=query)) == [anna], query
    assert list(person_list(actor=caseworker_a, name_query="Петрова Анна")) == []


def test_the_name_keys_table_holds_only_short_blind_index_values(caseworker_a):
    anna = make_person(caseworker_a)

    keys = set(PersonNameKey.objects.filter(person=anna).values_list("key", flat=True))
    assert keys
    # Word keys are hexadecimal; pair keys (herzen.domain.names.pairs) the same after their "p:", near-miss
    # keys (herzen.domain.names.near) after their "n:".
    assert all(len(key) <= 10 and int(key.removeprefix("p:").removeprefix("n:"), 16) >= 0 for key in keys)
    assert any(key.startswith("n:") for key in keys)
    assert any(key.startswith("p:") for key in keys)
    assert not {"щукина", "shchukina", "anna"} & keys
    sealed = type(anna).objects.filter(pk=anna.pk).values_list("search_keys", flat=True).get()
    assert is_ciphertext(sealed.ciphertext)


def test_a_document_is_found_by_its_number_however_typed(caseworker_a, caseworker_b):
    anna = make_person(caseworker_a)
    document = services.document_add(
        actor=caseworker_a, person_id=anna.pk, document_type="international_passport", number="75 1234567"
    )
    services.document_add(
        actor=caseworker_a, person_id=anna.pk, document_type="internal_passport", number="4509 123456"
    )

    assert documents_with_number(actor=caseworker_a, number="75-1234567") == [document]
    assert documents_with_number(actor=caseworker_a, number="751234568") == []
    assert documents_with_number(actor=caseworker_b, number="751234567") == []


def test_a_person_is_found_by_a_phone_number_however_typed(caseworker_a, caseworker_b):
    anna = make_person(caseworker_a)
    services.contact_point_add(actor=caseworker_a, person_id=anna.pk, kind="phone", value="+995 555 00 01 11")
    services.contact_point_add(actor=caseworker_a, person_id=anna.pk, kind="email", value="Anna@Example.org")

    assert persons_with_contact(actor=caseworker_a, value="+995555000111") == [anna]
    assert persons_with_contact(actor=caseworker_a, value="(995) 555-000-111") == [anna]
    assert persons_with_contact(actor=caseworker_a, value="anna@example.org") == [anna]
    assert persons_with_contact(actor=caseworker_a, value="+995555000112") == []
    assert persons_with_contact(actor=caseworker_b, value="+995555000111") == []


def test_reindexing_for_another_population_keeps_every_search_working(caseworker_a, settings):
    anna = make_person(caseworker_a)
    services.name_variant_add(
        actor=caseworker_a, person_id=anna.pk, surname="Schtschukina", given_name="Anna"
    )
    document = services.document_add(
        actor=caseworker_a, person_id=anna.pk, document_type="international_passport", number="751234567"
    )
    services.contact_point_add(actor=caseworker_a, person_id=anna.pk, kind="phone", value="+995555000111")
    before = set(PersonNameKey.objects.values_list("key", flat=True))

    settings.HERZEN_BLIND_INDEX_POPULATION = 500_000
    call_command("keys", "reindex", stdout=StringIO())

    assert set(PersonNameKey.objects.values_list("key", flat=True)) != before
    assert list(person_list(actor=caseworker_a, name_query="Schtschukina")) == [anna]
    assert list(person_list(actor=caseworker_a, name_query="Schtschukina Anna")) == [anna]  # by pair keys
    assert documents_with_number(actor=caseworker_a, number="751234567") == [document]
    assert persons_with_contact(actor=caseworker_a, value="+995555000111") == [anna]
