"""Backups: encrypted to the operator's age key, holding the database and files but never the keys; and the
restore drill on PostgreSQL (back up, restore into an empty database, audit verify, a record reads the same,
a file opens)."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pyrage
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from herzen.cases.tests.factories import make_case
from herzen.evidence.tests.factories import make_evidence, make_upload
from herzen.operations.backup import (
    BackupError,
    create_backup,
    read_manifest,
    restore_backup,
    target_from_url,
)
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def operator_key():
    return pyrage.x25519.Identity.generate()


@pytest.fixture
def data_dirs(settings, tmp_path):
    settings.HERZEN_EVIDENCE_DIR = str(tmp_path / "evidence")
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")
    settings.HERZEN_KEY_DIR = tmp_path / "evidence" / "keys"  # even inside a backed-up directory: left out
    Path(settings.HERZEN_KEY_DIR).mkdir(parents=True)
    (Path(settings.HERZEN_KEY_DIR) / "kek.keyring").write_text("SECRET-KEK-MATERIAL")
    return tmp_path


def _record(caseworker):
    person = make_person(caseworker, surname="Щукина", given_name="Анна")
    people_services.document_add(
        actor=caseworker, person_id=person.pk, document_type="international_passport", number="75 1234567"
    )
    case = make_case(caseworker, household=make_household(caseworker, principal=person))
    evidence = make_evidence(caseworker, case, person_id=person.pk, file=make_upload())
    return person, evidence


def _decrypted_tar(path, identity, tmp_path):
    plain = tmp_path / "plain.tar.gz"
    pyrage.decrypt_file(str(path), str(plain), [identity])
    return tarfile.open(plain, "r:gz")


@pytest.mark.django_db(transaction=True)  # SQLite cannot copy itself inside an open transaction
def test_a_backup_is_encrypted_to_the_operator_and_holds_no_keys(
    data_dirs, caseworker_a, operator_key, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite copy; PostgreSQL has the restore drill below")
    _record(caseworker_a)
    call_command("audit", "checkpoint", verbosity=0)
    path = create_backup(output_dir=tmp_path / "out", recipients=[operator_key.to_public()])
    assert path.name.endswith(".tar.gz.age")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    raw = path.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1")
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(raw, [pyrage.x25519.Identity.generate()])  # another key opens nothing
    with _decrypted_tar(path, operator_key, tmp_path) as tar:
        names = tar.getnames()
        manifest = read_manifest(tar)
        blobs = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())
    assert "database.sqlite3" in names
    assert manifest["keys_included"] is False
    assert manifest["files"]["evidence"] == 1
    assert manifest["files"]["audit-checkpoints"] >= 1
    assert not [n for n in names if "keys" in n or "kek" in n or n.endswith(".pem")]
    assert b"SECRET-KEK-MATERIAL" not in blobs
    assert "Щукина".encode() not in blobs  # personal data in the dump is ciphertext


@pytest.mark.django_db(transaction=True)  # SQLite cannot copy itself inside an open transaction
def test_a_restore_refuses_a_database_that_is_not_empty_and_a_wrong_key(
    data_dirs, caseworker_a, operator_key, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite targets")
    _record(caseworker_a)
    path = create_backup(output_dir=tmp_path / "out", recipients=[operator_key.to_public()])
    with pytest.raises(BackupError, match="Cannot decrypt"):
        restore_backup(backup=path, identities=[pyrage.x25519.Identity.generate()])
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(backup=path, identities=[operator_key])  # the evidence directory holds files
    settings.HERZEN_EVIDENCE_DIR = str(tmp_path / "fresh-evidence")
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "fresh-private"
    settings.HERZEN_AUDIT_CHECKPOINT_DIR = str(tmp_path / "fresh-checkpoints")
    restored = tmp_path / "restored.sqlite3"
    restore_backup(backup=path, identities=[operator_key], target=target_from_url(f"sqlite:///{restored}"))
    assert restored.stat().st_size > 0
    assert len(list(Path(settings.HERZEN_EVIDENCE_DIR).iterdir())) == 1


@pytest.mark.django_db(transaction=True)
def test_restore_drill_on_postgresql(data_dirs, caseworker_a, operator_key, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the drill restores a pg_dump into a new PostgreSQL database")
    person, evidence = _record(caseworker_a)
    call_command("audit", "checkpoint", verbosity=0)
    expected = {
        "surname": person.surname,
        "given_name": person.given_name,
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "documents": sorted(d.number for d in person.documents.all()),
        "file_sha256": evidence.sha256,
    }
    identity_file = tmp_path / "operator.age"
    identity_file.write_text(f"{operator_key}\n")
    call_command(
        "backup", "--to", str(tmp_path / "out"), "--recipient", str(operator_key.to_public()), verbosity=0
    )
    (backup,) = (tmp_path / "out").iterdir()

    db = settings.DATABASES["default"]
    restored_name = f"{db['NAME']}_restored"
    admin_url = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    restored_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{restored_name}"
    try:
        fresh = tmp_path / "fresh"
        settings.HERZEN_EVIDENCE_DIR = str(fresh / "evidence")
        settings.HERZEN_PRIVATE_MEDIA_ROOT = fresh / "private"
        settings.HERZEN_AUDIT_CHECKPOINT_DIR = str(fresh / "checkpoints")
        call_command(
            "restore",
            str(backup),
            "--identity",
            str(identity_file),
            "--database-url",
            restored_url,
            verbosity=0,
        )
        with pytest.raises(Exception, match="not empty"):  # a second restore over it is refused
            call_command(
                "restore", str(backup), "--identity", str(identity_file), "--database-url", restored_url
            )

        result = subprocess.run(  # noqa: S603
            [
                sys.executable,
                str(Path(__file__).with_name("restore_check.py")),
                settings.HERZEN_EVIDENCE_DIR,
                settings.HERZEN_AUDIT_SIGNING_KEY_FILE,
                settings.HERZEN_AUDIT_CHECKPOINT_DIR,
                str(person.pk),
                str(evidence.pk),
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "DATABASE_URL": restored_url,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
            },
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert "entries verified" in result.stdout
        line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
        assert json.loads(line.removeprefix("RESULT ")) == expected
    finally:
        connection.close()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
