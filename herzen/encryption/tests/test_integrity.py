"""What an intruder writes into encrypted columns is refused, loudly, naming the cell (ADR 0001)."""

import logging

import pytest
from django.db import connection

from herzen.domain.crypto import is_ciphertext
from herzen.encryption.fields import CellIntegrityError
from herzen.encryption.keys import DataKeyMissing, clear_cache
from herzen.encryption.tests.test_fields import _fresh, _raw, _write_raw
from herzen.people import services
from herzen.people.models import Person, RiskFactor
from herzen.people.tests.factories import make_person


def test_plaintext_in_an_encrypted_column_is_refused_and_logged_with_its_cell(caseworker_a, caplog):
    anna = make_person(caseworker_a)
    _write_raw("people_person", "surname", anna.pk, "Подменова")
    caplog.set_level(logging.ERROR, logger="herzen.encryption.integrity")

    person = _fresh(Person, anna.pk)
    with pytest.raises(CellIntegrityError) as refused:
        _ = person.surname

    assert (refused.value.table, refused.value.column, refused.value.row_id) == (
        "people_person",
        "surname",
        str(anna.pk),
    )
    (record,) = caplog.records
    assert "people_person" in record.getMessage()
    assert str(anna.pk) in record.getMessage()
    assert "surname" in record.getMessage()
    assert "Подменова" not in record.getMessage()
    assert "Подменова" not in str(refused.value)


def test_a_save_does_not_write_back_a_value_that_failed(caseworker_a):
    anna = make_person(caseworker_a)
    _write_raw("people_person", "surname", anna.pk, "Подменова")
    person = _fresh(Person, anna.pk)
    person.profession = "врач"

    with pytest.raises(CellIntegrityError):
        person.save()


def test_a_change_raises_the_row_version_and_reseals_every_field(caseworker_a):
    anna = make_person(caseworker_a)
    before = {c: _raw("people_person", c, anna.pk) for c in ("surname", "given_name", "seal_version")}

    services.person_update(actor=caseworker_a, person_id=anna.pk, profession="врач")

    assert _raw("people_person", "seal_version", anna.pk) == before["seal_version"] + 1
    assert _raw("people_person", "given_name", anna.pk) != before["given_name"]  # sealed again
    person = _fresh(Person, anna.pk)
    assert (person.surname, person.given_name, person.profession) == ("Щукина", "Анна", "врач")


def test_a_save_without_a_change_of_an_encrypted_field_keeps_the_version(caseworker_a):
    anna = make_person(caseworker_a)
    version = _raw("people_person", "seal_version", anna.pk)
    person = _fresh(Person, anna.pk)
    person.sex = "X"
    person.save()
    person.save(update_fields=["sex"])
    assert _raw("people_person", "seal_version", anna.pk) == version


def test_an_older_ciphertext_of_the_same_cell_is_refused(caseworker_a):
    anna = make_person(caseworker_a)
    factor = services.risk_factor_record(
        actor=caseworker_a,
        person_id=anna.pk,
        kind="criminal_case",
        criminal_article="207.3",
        criminal_stage="accused",
        narrative="обвинение снято",
    )
    older = _raw("people_riskfactor", "criminal_article", factor.pk)
    services.risk_factor_update(actor=caseworker_a, risk_factor_id=factor.pk, criminal_article="280.3")
    assert RiskFactor.objects.get(pk=factor.pk).criminal_article == "280.3"

    _write_raw("people_riskfactor", "criminal_article", factor.pk, older)

    with pytest.raises(CellIntegrityError):
        _ = _fresh(RiskFactor, factor.pk).criminal_article


def test_a_deleted_data_key_is_an_integrity_error_not_an_erasure(caseworker_a):
    anna = make_person(caseworker_a)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM encryption_datakey WHERE owner_id = %s", [str(anna.pk)])
    clear_cache()

    with pytest.raises(CellIntegrityError) as refused:
        _ = Person.objects.get(pk=anna.pk).surname
    assert isinstance(refused.value.__cause__, DataKeyMissing)


def test_a_shredded_key_reads_as_erased_only_with_the_erasure_on_record(caseworker_a, supervisor_a):
    anna, boris = make_person(caseworker_a), make_person(caseworker_a, surname="Петров", given_name="Борис")
    services.person_erase(actor=supervisor_a, person_id=anna.pk)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE encryption_datakey SET wrapped = NULL WHERE owner_id = %s", [str(boris.pk)])
    clear_cache()

    assert Person.objects.get(pk=anna.pk).surname == "[erased]"
    with pytest.raises(CellIntegrityError):
        _ = Person.objects.get(pk=boris.pk).surname


def test_an_empty_value_stays_empty_and_plain(caseworker_a):
    anna = make_person(caseworker_a, patronymic="")
    assert _raw("people_person", "patronymic", anna.pk) == ""
    assert _fresh(Person, anna.pk).patronymic == ""
    assert is_ciphertext(_raw("people_person", "surname", anna.pk))
