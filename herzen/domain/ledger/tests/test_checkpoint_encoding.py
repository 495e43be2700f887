"""Checkpoints name the encoding they sign; a v2 checkpoint (signed before the re-chain) is retired, not forged."""

from dataclasses import replace
from datetime import UTC, datetime

from herzen.domain.ledger import (
    Checkpoint,
    Ed25519KeySigner,
    Head,
    check_against_checkpoints,
    sign_checkpoint,
)

HEAD = Head(3, bytes(range(32)))
NOW = datetime(2026, 12, 7, tzinfo=UTC)


def test_a_checkpoint_signs_its_encoding_and_reads_back() -> None:
    signer = Ed25519KeySigner.generate()
    checkpoint = sign_checkpoint(signer, "audit", HEAD, NOW)
    assert checkpoint.encoding == 3
    assert checkpoint.message().endswith(b"encoding v3\n")
    assert Checkpoint.from_json(checkpoint.to_json()) == checkpoint


def test_a_v2_checkpoint_is_retired_but_a_v3_one_relabelled_v2_is_refused() -> None:
    signer = Ed25519KeySigner.generate()
    keys = [signer.public_key()]
    unsigned_v2 = Checkpoint("audit", 3, bytes(32), "2026-01-01T00:00:00Z", encoding=2)
    v2 = replace(unsigned_v2, key_id=sign_checkpoint(signer, "audit", HEAD, NOW).key_id)
    v2 = replace(v2, signature=signer.sign(v2.message()))
    assert check_against_checkpoints([v2], keys, HEAD, {3: HEAD.hash}) is None  # old hashes: not compared

    relabelled = replace(sign_checkpoint(signer, "audit", HEAD, NOW), encoding=2)
    problem = check_against_checkpoints([relabelled], keys, HEAD, {3: HEAD.hash})
    assert problem is not None
    assert "not signed" in problem.reason
