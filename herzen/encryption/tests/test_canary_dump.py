"""Done when: a canary in every sensitive field is absent from a full dump of the database — the SQLite file's
bytes, and pg_dump's output on PostgreSQL — audit tables included."""

import shutil
import sqlite3
import subprocess

import pytest
from django.db import connection

from herzen.audit.models import AuditEvent
from herzen.encryption.keys import clear_cache
from herzen.encryption.tests.records import CANARIES, forbidden_strings, make_canary_record
from herzen.people.selectors import person_detail


def _assert_absent(dump: bytes) -> None:
    leaked = sorted(value for value in forbidden_strings() if value.encode() in dump)
    assert leaked == [], f"plaintext in the dump: {leaked}"


def _written_and_readable(actor) -> None:
    record = make_canary_record(actor)
    clear_cache()
    person = person_detail(actor=actor, person_id=record.person.pk)
    # The services really stored the canaries (so their absence from the dump means encryption, not loss).
    assert person.surname == CANARIES["surname"]
    assert person.date_of_birth.isoformat() == CANARIES["date_of_birth"]
    assert {c.value for c in person.contact_points.all()} == {CANARIES["phone"], CANARIES["email"]}
    assert person.risk_factors.get().narrative == CANARIES["narrative"]
    assert record.case.notes.get().body == CANARIES["note"]
    assert AuditEvent.objects.count() >= 10


@pytest.mark.django_db(transaction=True)
def test_no_canary_in_the_sqlite_file(caseworker_a, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    _written_and_readable(caseworker_a)
    copy = tmp_path / "dump.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)  # every page, free pages included
    dump = copy.read_bytes()
    assert b"audit_auditevent" in dump
    assert b"people_person" in dump
    _assert_absent(dump)


@pytest.mark.django_db(transaction=True)
def test_no_canary_in_pg_dump(caseworker_a):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.skip("pg_dump is not installed")
    _written_and_readable(caseworker_a)
    db = connection.settings_dict
    command = [pg_dump, "--no-owner", "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"] or "postgres"]
    if db["PORT"]:
        command += ["-p", str(db["PORT"])]
    result = subprocess.run([*command, db["NAME"]], capture_output=True, check=True, timeout=120)  # noqa: S603
    dump = result.stdout
    assert b"audit_auditevent" in dump
    assert b"people_person" in dump
    _assert_absent(dump)
