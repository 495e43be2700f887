"""Encrypted fields: plaintext in Python, ciphertext bound to its place in the database."""

import pytest
from django.core.exceptions import FieldError
from django.db import connection, transaction

from herzen.domain.crypto import DecryptionFailed, is_ciphertext
from herzen.encryption.keys import clear_cache
from herzen.people import services
from herzen.people.models import NameVariant, Person
from herzen.people.tests.factories import make_person


def _raw(table: str, column: str, row_id) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE id = %s",  # noqa: S608 - fixed names from the tests
            [row_id.hex if connection.vendor == "sqlite" else row_id],
        )
        return cursor.fetchone()[0]


def _write_raw(table: str, column: str, row_id, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608
            [value, row_id.hex if connection.vendor == "sqlite" else row_id],
        )


def _fresh(model, pk):
    clear_cache()
    return model.objects.get(pk=pk)


def test_the_database_holds_ciphertext_and_the_attribute_plaintext(caseworker_a):
    person = make_person(caseworker_a, surname="Щукина")

    stored = _raw("people_person", "surname", person.pk)
    assert is_ciphertext(stored)
    assert "Щукина" not in stored
    assert _fresh(Person, person.pk).surname == "Щукина"


def test_a_ciphertext_moved_to_another_persons_row_does_not_decrypt(caseworker_a):
    anna, boris = (
        make_person(caseworker_a),
        make_person(caseworker_a, surname="Петров", given_name="Борис", sex="M"),
    )

    _write_raw("people_person", "surname", boris.pk, _raw("people_person", "surname", anna.pk))

    with pytest.raises(DecryptionFailed):
        _ = _fresh(Person, boris.pk).surname


def test_a_ciphertext_moved_to_another_field_of_the_same_row_does_not_decrypt(caseworker_a):
    anna = make_person(caseworker_a)

    _write_raw("people_person", "given_name", anna.pk, _raw("people_person", "surname", anna.pk))

    with pytest.raises(DecryptionFailed):
        _ = _fresh(Person, anna.pk).given_name


def test_a_ciphertext_moved_between_rows_under_the_same_key_does_not_decrypt(caseworker_a):
    # Both spellings belong to one person, so one data key: only the row binding stops the swap.
    anna = make_person(caseworker_a)
    first = services.name_variant_add(
        actor=caseworker_a, person_id=anna.pk, surname="Shchukina", given_name="Anna"
    )
    second = services.name_variant_add(
        actor=caseworker_a, person_id=anna.pk, surname="Ščukina", given_name="Anna"
    )

    _write_raw("people_namevariant", "surname", second.pk, _raw("people_namevariant", "surname", first.pk))

    with pytest.raises(DecryptionFailed):
        _ = _fresh(NameVariant, second.pk).surname
    assert _fresh(NameVariant, first.pk).surname == "Shchukina"


def test_sql_lookups_and_plaintext_updates_on_encrypted_columns_are_refused(caseworker_a):
    make_person(caseworker_a)

    assert Person.objects.filter(date_of_birth__isnull=False).count() == 1
    with pytest.raises(FieldError):
        list(Person.objects.filter(surname="Щукина"))
    with pytest.raises(FieldError), transaction.atomic():
        Person.objects.update(surname="Щукина")


def test_saving_other_fields_keeps_the_ciphertext_unread_and_unchanged(caseworker_a):
    anna = make_person(caseworker_a)
    before = _raw("people_person", "surname", anna.pk)

    person = _fresh(Person, anna.pk)
    person.sex = "X"
    person.save()

    assert _raw("people_person", "surname", anna.pk) == before
    assert _fresh(Person, anna.pk).surname == "Щукина"


def test_a_key_created_in_a_rolled_back_transaction_is_never_used_again(caseworker_a):
    from herzen.encryption.keys import Owner, data_key
    from herzen.encryption.models import DataKey

    owner = Owner.of("household", "00000000-0000-0000-0000-000000000001")

    lost = []

    def create_then_fail() -> None:
        with transaction.atomic():
            lost.append(data_key(owner, create=True))
            raise RolledBackError

    with pytest.raises(RolledBackError):
        create_then_fail()
    (lost,) = lost
    assert not DataKey.objects.filter(owner_id=owner.id).exists()

    kept = data_key(owner, create=True)

    assert kept.key != lost.key
    assert DataKey.objects.filter(owner_id=owner.id).count() == 1
    clear_cache()
    assert data_key(owner).key == kept.key


class RolledBackError(Exception):
    pass
