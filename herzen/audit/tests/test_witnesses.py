"""Witnesses: a local witness (`herzen witness serve`'s server, on 127.0.0.1, in a thread) cosigns each
checkpoint. Once it has cosigned a head, a forged append, a truncation with the head rewound and a rewrite
with recomputed hashes are all detected by `herzen audit verify` — even after the log's own checkpoint files
are deleted — and the next checkpoint refuses to sign them."""

import json
import threading

import pytest
from django.db import transaction

from herzen.audit import sequencer, verification
from herzen.audit.keys import signer
from herzen.audit.models import AuditEvent, ChainHead
from herzen.audit.tests.conftest import build_events, forge_sequenced
from herzen.audit.witness_server import Witness, load_or_create_key, make_server
from herzen.domain.ledger import Ed25519KeySigner

pytestmark = pytest.mark.django_db


@pytest.fixture
def witness(audit_keys, tmp_path, settings):
    """A witness of another organisation: its own key and state file, serving on a free local port."""
    log_key = signer().public_key()
    key = load_or_create_key(tmp_path / "witness" / "key.pem")
    state = tmp_path / "witness" / "state.json"
    server = make_server(Witness(key, [log_key], state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    public = tmp_path / "witness" / "public.pem"
    public.write_bytes(_public_pem(key))
    host, port = server.server_address[:2]
    settings.HERZEN_AUDIT_WITNESSES = [f"http://{host}:{port}={public}"]
    yield state
    server.shutdown()
    server.server_close()


def _public_pem(key: Ed25519KeySigner) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(key.public_key()).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def held_size(state_file) -> int:
    return json.loads(state_file.read_text())["herzen-audit/audit"]["size"]


def witnessed_log(caseworker_a, audit_keys, witness, count=15):
    build_events(caseworker_a, 10)
    sequencer.run_pass(audit_keys)  # first checkpoint: the witness trusts it on first use
    build_events(caseworker_a, count - 10, seed=9)
    sequencer.run_pass(audit_keys)  # extends it: cosigned after checking the proof
    assert held_size(witness) == count
    report = verification.verify("audit", [audit_keys])
    assert report.ok, report.problem
    assert (report.witnessed, report.unsigned) == (count, 0)


def forget_local_checkpoints(audit_keys):
    """Someone who controls this server also deletes the log's own checkpoint files."""
    for path in audit_keys.glob("*.json"):
        path.unlink()


def test_checkpoints_are_cosigned_and_stored_with_the_cosignature(caseworker_a, audit_keys, witness):
    witnessed_log(caseworker_a, audit_keys, witness)
    newest = json.loads(sorted(audit_keys.glob("audit-*.json"))[-1].read_text())
    assert newest["sequence"] == 15
    assert len(newest["cosignatures"]) == 1


def test_a_forged_append_with_correct_hashes_is_detected_and_never_signed(caseworker_a, audit_keys, witness):
    witnessed_log(caseworker_a, audit_keys, witness)
    head = AuditEvent.objects.get(sequence=15)
    copies = list(AuditEvent.objects.filter(sequence__lte=3).order_by("sequence"))
    for copy in copies:
        copy.mac = "cd" * 47 + f"{copy.sequence:02x}"  # without the key, no valid MAC can be made
    forge_sequenced(copies, after=head)

    report = verification.verify("audit", [audit_keys])
    assert not report.ok
    assert report.problem.sequence == 16
    assert "MAC" in report.problem.reason
    result = sequencer.run_pass(audit_keys)
    assert "MAC" in result.signing_refused["audit"]
    assert held_size(witness) == 15


def test_a_truncation_with_the_head_rewound_is_detected_by_the_witness(caseworker_a, audit_keys, witness):
    witnessed_log(caseworker_a, audit_keys, witness)
    with transaction.atomic():
        AuditEvent._base_manager.filter(sequence__gt=12).delete()
        last = AuditEvent.objects.get(sequence=12)
        ChainHead.objects.filter(name="audit").update(sequence=12, head_hash=last.entry_hash)
    forget_local_checkpoints(audit_keys)

    report = verification.verify("audit", [audit_keys])
    assert not report.ok
    assert "removed from the end" in report.problem.reason, report.problem
    assert "audit" in sequencer.run_pass(audit_keys).signing_refused
    assert held_size(witness) == 15


def test_a_rewrite_with_recomputed_hashes_is_detected_by_the_witness(caseworker_a, audit_keys, witness):
    witnessed_log(caseworker_a, audit_keys, witness)
    with transaction.atomic():
        kept = list(AuditEvent.objects.filter(sequence__gt=5).order_by("sequence"))
        kept[0], kept[1] = kept[1], kept[0]  # reordered: every MAC is still genuine
        AuditEvent._base_manager.filter(sequence__gt=5).delete()
        forge_sequenced(kept, after=AuditEvent.objects.get(sequence=5))
    forget_local_checkpoints(audit_keys)

    report = verification.verify("audit", [audit_keys])
    assert not report.ok
    assert "rewritten" in report.problem.reason, report.problem
    result = sequencer.run_pass(audit_keys)
    assert "no longer matches" in result.signing_refused["audit"]
    assert held_size(witness) == 15


def test_an_unreachable_witness_delays_nothing_but_is_reported(caseworker_a, audit_keys, settings, tmp_path):
    public = tmp_path / "nobody.pem"
    public.write_bytes(_public_pem(Ed25519KeySigner.generate()))
    settings.HERZEN_AUDIT_WITNESSES = [f"http://127.0.0.1:9={public}"]
    build_events(caseworker_a, 3)
    result = sequencer.run_pass(audit_keys)
    assert "audit" in result.signed
    report = verification.verify("audit", [audit_keys])
    assert report.ok
    assert report.witnessed == 0
    assert "not reachable" in report.notes[0]
