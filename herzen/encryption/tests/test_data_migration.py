"""Records written in plaintext by earlier versions are encrypted by the migrations and stay searchable."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from herzen.domain.crypto import is_ciphertext
from herzen.domain.names import FullName, person_name_keys
from herzen.encryption.keys import clear_cache
from herzen.people.models import ContactPoint, EntryRefusal, IdentityDocument, Person, RiskFactor
from herzen.people.selectors import documents_with_number, person_list, persons_with_contact

BEFORE = [("people", "0002_risk_factor"), ("cases", "0001_initial"), ("encryption", "0001_initial")]


def _raw_column(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - fixed names
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
@override_settings(MIGRATION_MODULES={})  # the suite runs with --no-migrations; this test needs them
def test_plaintext_rows_are_encrypted_and_remain_searchable(caseworker_a):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest, fake=True)  # the test database was built from the models: record it as migrated
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    person = old.get_model("people", "Person").objects.create(
        organisation_id=caseworker_a.organisation.pk,
        surname="Щукина",
        given_name="Анна",
        patronymic="Сергеевна",
        sex="F",
        date_of_birth=date(1990, 5, 17),
        profession="журналистка",
    )
    old.get_model("people", "NameVariant").objects.create(
        person_id=person.pk, surname="Schtschukina", given_name="Anna", script="latin", scheme="german"
    )
    old.get_model("people", "ContactPoint").objects.create(
        person_id=person.pk, kind="phone", value="+995555000111"
    )
    old.get_model("people", "IdentityDocument").objects.create(
        person_id=person.pk,
        document_type="international_passport",
        number="751234567",
        issuing_country="RU",
        issuer="МВД 77001",
    )
    old.get_model("people", "EntryRefusal").objects.create(
        person_id=person.pk, country="AM", refused_on=date(2026, 8, 1), border_point="Баграташен"
    )
    old.get_model("people", "RiskFactor").objects.create(
        person_id=person.pk, kind="criminal_case", criminal_article="280.3", criminal_stage="accused"
    )
    keys = person_name_keys([FullName("Щукина", "Анна", "Сергеевна"), FullName("Schtschukina", "Anna", "")])
    old.get_model("people", "PersonNameKey").objects.bulk_create(
        [old.get_model("people", "PersonNameKey")(person_id=person.pk, key=key) for key in keys]
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    clear_cache()

    for column in ("surname", "given_name", "patronymic", "date_of_birth", "profession", "search_keys"):
        assert all(is_ciphertext(value) for value in _raw_column("people_person", column)), column
    assert all(is_ciphertext(v) for v in _raw_column("people_namevariant", "surname"))
    assert all(is_ciphertext(v) for v in _raw_column("people_identitydocument", "number"))
    assert not set(_raw_column("people_personnamekey", "key")) & keys
    migrated = Person.objects.get(pk=person.pk)
    assert (migrated.full_name, migrated.date_of_birth) == ("Щукина Анна Сергеевна", date(1990, 5, 17))
    assert list(person_list(actor=caseworker_a, name_query="Schtschukina")) == [migrated]
    assert list(person_list(actor=caseworker_a, name_query="Ščukina Anna")) == [migrated]
    assert documents_with_number(actor=caseworker_a, number="75 1234567") == [IdentityDocument.objects.get()]
    assert persons_with_contact(actor=caseworker_a, value="+995 555 000 111") == [migrated]
    assert ContactPoint.objects.get().value == "+995555000111"
    # Free text that earlier versions kept in plaintext (people.0009).
    for table, column in (
        ("people_identitydocument", "issuer"),
        ("people_entryrefusal", "border_point"),
        ("people_riskfactor", "criminal_article"),
    ):
        assert all(is_ciphertext(v) for v in _raw_column(table, column)), column
    assert IdentityDocument.objects.get().issuer == "МВД 77001"
    assert EntryRefusal.objects.get().border_point == "Баграташен"
    assert RiskFactor.objects.get().criminal_article == "280.3"
