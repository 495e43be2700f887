"""The linkage job finds the planted duplicates, proposes nothing decided again, and writes no file."""

import os
from datetime import date

import pytest

from herzen.domain.linkage.engine import in_memory_duckdb
from herzen.identity import services
from herzen.identity.finding import start_finding
from herzen.identity.models import DuplicatePair, PairStatus
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.testing import run_queued
from herzen.people import services as people
from herzen.people.choices import ContactKind, DocumentType
from herzen.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _population(actor):
    """Strangers, and three persons recorded twice: by another spelling, with a married surname and a
    shared phone, and with a document number written with spaces and no date of birth."""
    make_person(
        actor,
        surname="Иванов",
        given_name="Пётр",
        patronymic="Ильич",
        sex="M",
        date_of_birth=date(1970, 1, 2),
    )
    make_person(
        actor, surname="Смирнова", given_name="Ольга", patronymic="Ивановна", date_of_birth=date(1988, 3, 9)
    )
    make_person(
        actor,
        surname="Кузнецов",
        given_name="Артём",
        patronymic="Олегович",
        sex="M",
        date_of_birth=date(1999, 7, 1),
    )
    make_person(
        actor, surname="Щукина", given_name="Анна", patronymic="Сергеевна", date_of_birth=date(1975, 11, 30)
    )
    yulia = make_person(
        actor, surname="Жукова", given_name="Юлия", patronymic="Сергеевна", date_of_birth=date(1990, 3, 4)
    )
    yulia_latin = make_person(
        actor, surname="Жукова", given_name="Юля", patronymic="Сергеевна", date_of_birth=date(1990, 3, 4)
    )
    people.name_variant_add(actor=actor, person_id=yulia_latin.pk, surname="Zhukova", given_name="Yulia")
    maria = make_person(
        actor, surname="Орлова", given_name="Мария", patronymic="Андреевна", date_of_birth=date(1985, 5, 5)
    )
    maria_married = make_person(
        actor, surname="Соколова", given_name="Мария", patronymic="Андреевна", date_of_birth=date(1985, 5, 5)
    )
    for person, phone in ((maria, "+7 912 345-67-89"), (maria_married, "8 (912) 345 67 89")):
        people.contact_point_add(actor=actor, person_id=person.pk, kind=ContactKind.PHONE, value=phone)
    oleg = make_person(
        actor,
        surname="Волков",
        given_name="Олег",
        patronymic="Петрович",
        sex="M",
        date_of_birth=date(1980, 1, 1),
    )
    oleg_again = make_person(
        actor, surname="Вольков", given_name="Олег", patronymic="", sex="M", date_of_birth=None
    )
    for person, number in ((oleg, "4512 345678"), (oleg_again, "4512345678")):
        people.document_add(
            actor=actor, person_id=person.pk, document_type=DocumentType.INTERNAL_PASSPORT, number=number
        )
    return {
        frozenset({str(a.pk), str(b.pk)})
        for a, b in ((yulia, yulia_latin), (maria, maria_married), (oleg, oleg_again))
    }


def _found(actor):
    pairs = DuplicatePair.objects.filter(organisation_id=actor.organisation_id, status=PairStatus.OPEN)
    return {frozenset({str(pair.first_id), str(pair.second_id)}): pair for pair in pairs}


def _run(actor):
    job = start_finding(actor=actor)
    run_queued()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.last_error
    return job


def test_the_job_finds_the_planted_duplicates_and_no_strangers(caseworker_a, caseworker_b):
    planted = _population(caseworker_a)
    _population(caseworker_b)  # another organisation's twins are never paired with these
    job = _run(caseworker_a)
    found = _found(caseworker_a)
    assert set(found) == planted
    assert job.outcome == {"message": "duplicate_pairs", "count": 3}
    assert job.progress_done == job.progress_total
    married = next(pair for key, pair in found.items() if len(pair.levels) and "contacts:same" in pair.levels)
    assert "surname:married" in married.levels
    assert "date_of_birth:same" in married.levels


def test_a_pair_marked_not_the_same_is_never_proposed_again(caseworker_a):
    _population(caseworker_a)
    _run(caseworker_a)
    refused = next(iter(_found(caseworker_a).values()))
    services.pair_not_same(actor=caseworker_a, pair_id=refused.pk)
    _run(caseworker_a)
    assert frozenset({str(refused.first_id), str(refused.second_id)}) not in _found(caseworker_a)
    assert DuplicatePair.objects.get(pk=refused.pk).status == PairStatus.NOT_SAME
    assert len(_found(caseworker_a)) == 2


def test_a_merged_record_is_left_out_of_the_next_run(caseworker_a):
    _population(caseworker_a)
    _run(caseworker_a)
    pair = next(iter(_found(caseworker_a).values()))
    services.pair_merge(actor=caseworker_a, pair_id=pair.pk, survivor_id=pair.first_id)
    _run(caseworker_a)
    assert len(_found(caseworker_a)) == 2


def test_the_decrypted_values_never_reach_a_file(caseworker_a, tmp_path, monkeypatch):
    _population(caseworker_a)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    _run(caseworker_a)
    assert os.listdir(tmp_path) == []


def test_duckdb_may_not_spill_to_disk():
    connection = in_memory_duckdb(memory_limit="64MB")
    settings = dict(
        connection.sql("select name, value from duckdb_settings() where name like '%temp%'").fetchall()
    )
    assert settings["temp_directory"] == ""
    # More than fits in memory: an error, where DuckDB would otherwise have written the excess to a file.
    with pytest.raises(Exception, match=r"(?i)memory"):
        connection.sql("create table t as select md5(range::varchar) as s from range(3000000)")
    connection.close()


def test_a_role_that_cannot_decide_cannot_start_it(auditor_a):
    from herzen.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        start_finding(actor=auditor_a)
    assert not Job.objects.exists()
