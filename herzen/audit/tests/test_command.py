import json
import os
import stat
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from herzen.audit.models import AuditEvent, ChainHead
from herzen.audit.tests.conftest import build_events
from herzen.domain.ledger import Checkpoint, Ed25519KeySigner, Head, sign_checkpoint


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("audit", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_checkpoint_signs_each_chain_and_verify_accepts_the_log(caseworker_a, audit_keys, settings):
    build_events(caseworker_a, 20)

    output = run("checkpoint")

    files = sorted(p.name for p in audit_keys.iterdir())
    assert files == ["access-000000000000.json", "audit-000000000020.json"]  # an empty chain is signed too
    checkpoint = Checkpoint.from_json(json.loads((audit_keys / files[1]).read_text()))
    assert checkpoint.sequence == 20
    assert checkpoint.head.hex() == AuditEvent.objects.get(sequence=20).entry_hash
    assert "signed" in output
    key_file = settings.HERZEN_AUDIT_SIGNING_KEY_FILE
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert "nothing new" in run("checkpoint")  # idempotent on a schedule
    assert "20 entries verified" in run("verify")


def test_verify_names_the_first_bad_entry_and_fails(caseworker_a, audit_keys):
    events = build_events(caseworker_a, 20)
    run("checkpoint")
    AuditEvent._base_manager.filter(pk=events[6].pk).update(action="case.forged")

    with pytest.raises(CommandError, match=rf"entry #7 \(id {events[6].pk}\)"):
        run("verify")


def test_verify_fails_on_truncation_against_the_last_checkpoint(caseworker_a, audit_keys):
    build_events(caseworker_a, 20)
    run("checkpoint")
    AuditEvent._base_manager.filter(sequence__gt=15).delete()
    last = AuditEvent.objects.get(sequence=15)
    ChainHead.objects.filter(name="audit").update(sequence=15, head_hash=last.entry_hash)

    with pytest.raises(CommandError, match="removed from the end"):
        run("verify")
    with pytest.raises(CommandError, match="Refusing to sign"):
        run("checkpoint")


def test_checkpoints_by_another_key_are_not_trusted(caseworker_a, audit_keys):
    build_events(caseworker_a, 5)
    run("checkpoint")
    forged = Checkpoint.from_json(json.loads((audit_keys / "audit-000000000005.json").read_text()))
    impostor = Ed25519KeySigner.generate()

    fake = sign_checkpoint(
        impostor,
        "audit",
        Head(forged.sequence, forged.head),
        __import__("datetime").datetime.now(__import__("datetime").UTC),
    )
    (audit_keys / "audit-000000000005.json").write_text(fake.dumps())

    with pytest.raises(CommandError, match="not signed by a trusted key"):
        run("verify")


def test_public_key_is_printed_for_witnesses(audit_keys):
    assert "BEGIN PUBLIC KEY" in run("public-key")


def test_without_a_key_file_production_refuses_to_sign(caseworker_a, audit_keys, settings):
    settings.HERZEN_AUDIT_GENERATE_KEY = False
    build_events(caseworker_a, 2)
    with pytest.raises(Exception, match="No audit signing key"):
        run("checkpoint")


def test_after_a_key_rotation_old_checkpoints_verify_with_the_old_public_key(
    caseworker_a, audit_keys, settings, tmp_path
):
    build_events(caseworker_a, 5)
    run("checkpoint")
    old_public = tmp_path / "old-public.pem"
    old_public.write_text(run("public-key").split("\n", 1)[1])
    settings.HERZEN_AUDIT_SIGNING_KEY_FILE = str(tmp_path / "keys" / "rotated.pem")  # a new key is generated

    with pytest.raises(CommandError, match="not signed by a trusted key"):
        run("verify")
    settings.HERZEN_AUDIT_TRUSTED_KEYS = [str(old_public)]
    build_events(caseworker_a, 3, seed=8)
    assert "signed" in run("checkpoint")  # the new key extends what the old one signed
    assert "8 entries verified" in run("verify")
