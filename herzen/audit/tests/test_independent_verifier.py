"""scripts/verify_audit_log.py, the independent verifier of an exported log (docs/audit-log-encoding.md), agrees
with `herzen audit verify`: on an intact log, and on logs edited, truncated or rewritten under a checkpoint."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from herzen.audit.models import AuditEvent, ChainHead
from herzen.audit.tests.conftest import build_events
from herzen.domain.ledger import Head, extend

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "verify_audit_log.py"


def run(*args):
    out = StringIO()
    call_command("audit", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def herzen_says_ok():
    try:
        run("verify", "--chain", "audit")
    except CommandError:
        return False
    return True


def script_says_ok(tmp_path, checkpoint_dir):
    log = tmp_path / "audit.log"
    run("export", "--chain", "audit", "--output", str(log))
    pem = run("public-key").split("\n", 1)[1]
    key = tmp_path / "key.pem"
    key.write_text(pem)
    checkpoint = max(checkpoint_dir.glob("audit-*.json"))
    result = subprocess.run(  # noqa: S603 - our own script, with paths this test made
        [sys.executable, str(SCRIPT), str(log), str(checkpoint), str(key)], capture_output=True, text=True
    )
    return result.returncode == 0, result.stdout + result.stderr


def test_the_script_is_short_and_needs_no_herzen():
    source = SCRIPT.read_text()
    assert len(source.splitlines()) < 100
    assert "herzen." not in source.replace("herzen.log.v3", "")
    imported = {
        line.split()[1].split(".")[0] for line in source.splitlines() if line.startswith(("import", "from"))
    }
    assert imported <= {"base64", "hashlib", "json", "sys", "cryptography"}


def _rewrite_from(sequence):
    """Change an entry and recompute every hash after it (and the head row), as someone with the database would."""
    AuditEvent._base_manager.filter(sequence=sequence).update(action="case.forged")
    before = AuditEvent._base_manager.get(sequence=sequence - 1)
    rows = list(AuditEvent._base_manager.filter(sequence__gte=sequence).order_by("sequence"))
    links = extend(
        "audit", Head(sequence - 1, bytes.fromhex(before.entry_hash)), [r.chain_content() for r in rows]
    )
    for row, link in zip(rows, links, strict=True):
        AuditEvent._base_manager.filter(pk=row.pk).update(entry_hash=link.hash.hex())
    ChainHead.objects.filter(name="audit").update(head_hash=link.hash.hex())


def _truncate(after):
    AuditEvent._base_manager.filter(sequence__gt=after).delete()
    last = AuditEvent._base_manager.get(sequence=after)
    ChainHead.objects.filter(name="audit").update(sequence=after, head_hash=last.entry_hash)


TAMPERING = {
    "intact": lambda: None,
    "edit": lambda: AuditEvent._base_manager.filter(sequence=7).update(target_id="forged"),
    "delete": lambda: AuditEvent._base_manager.filter(sequence=9).delete(),
    "truncate with the head rewound": lambda: _truncate(15),
    "rewrite with recomputed hashes": lambda: _rewrite_from(5),
}


@pytest.mark.parametrize("tampering", TAMPERING, ids=str)
def test_the_independent_verifier_agrees_with_herzen(caseworker_a, audit_keys, tmp_path, tampering):
    build_events(caseworker_a, 20)
    run("checkpoint")
    TAMPERING[tampering]()

    ok, said = script_says_ok(tmp_path, audit_keys)

    assert ok == herzen_says_ok(), said
    assert ok == (tampering == "intact"), said


def test_the_export_holds_the_stored_entries(caseworker_a, audit_keys, tmp_path):
    build_events(caseworker_a, 3)
    run("checkpoint")
    ok, said = script_says_ok(tmp_path, audit_keys)
    assert ok, said
    assert "3 entries verified, consistent with checkpoint #3" in said
    checkpoint = json.loads(max(audit_keys.glob("audit-*.json")).read_text())
    assert checkpoint["encoding"] == 3
