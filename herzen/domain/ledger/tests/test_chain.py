import dataclasses
from datetime import UTC, datetime

import pytest

from herzen.domain.ledger import (
    GENESIS,
    ChainVerifier,
    Checkpoint,
    Ed25519KeySigner,
    Head,
    Problem,
    StoredEntry,
    canonical,
    check_against_checkpoints,
    entry_hash,
    extend,
    sign_checkpoint,
    signature_is_valid,
)


def contents(n: int) -> list[dict[str, object]]:
    return [
        {"action": "person.update", "target_id": f"t{i}", "changed_fields": ["a", "b"], "n": i}
        for i in range(n)
    ]


def stored_chain(n: int, chain: str = "audit") -> list[StoredEntry]:
    items = contents(n)
    links = list(extend(chain, Head.empty(), items))  # type: ignore[arg-type]
    return [
        StoredEntry(key=str(100 + i), sequence=link.sequence, hash=link.hash, content=item)  # type: ignore[arg-type]
        for i, (item, link) in enumerate(zip(items, links, strict=True))
    ]


def verify(entries: list[StoredEntry], chain: str = "audit") -> ChainVerifier:
    verifier = ChainVerifier(chain)
    for start in range(0, len(entries), 7):  # in batches, as the database reader feeds it
        verifier.feed(entries[start : start + 7])
    return verifier


@pytest.mark.parametrize("value", [1.5, datetime(2026, 1, 1), b"bytes", [1, 2], {"nested": "dict"}])
def test_canonical_form_refuses_values_with_several_spellings(value: object) -> None:
    with pytest.raises(TypeError):
        canonical({"a": value})  # type: ignore[dict-item]


def test_the_hash_binds_chain_sequence_previous_hash_and_content() -> None:
    content = canonical({"a": "x"})
    base = entry_hash("audit", GENESIS, 1, content)
    assert entry_hash("access", GENESIS, 1, content) != base
    assert entry_hash("audit", GENESIS, 2, content) != base
    assert entry_hash("audit", b"\x01" * 32, 1, content) != base
    assert entry_hash("audit", GENESIS, 1, canonical({"a": "y"})) != base


def test_an_intact_chain_verifies() -> None:
    entries = stored_chain(50)
    verifier = verify(entries)
    assert verifier.problem is None
    assert verifier.head == Head(50, entries[-1].hash)
    assert verifier.entries == 50


def test_verification_can_start_from_a_trusted_head() -> None:
    entries = stored_chain(20)
    verifier = ChainVerifier("audit", start=Head(10, entries[9].hash))
    verifier.feed(entries[10:])
    assert verifier.problem is None
    assert verifier.head.sequence == 20


def test_an_edited_field_is_named() -> None:
    entries = stored_chain(30)
    edited = dict(entries[12].content, changed_fields=["a"])
    entries[12] = dataclasses.replace(entries[12], content=edited)
    problem = verify(entries).problem
    assert problem is not None
    assert (problem.sequence, problem.key) == (13, "112")
    assert "hash does not match" in problem.reason


def test_a_deleted_entry_is_named_by_the_gap_it_leaves() -> None:
    entries = stored_chain(30)
    del entries[5]
    problem = verify(entries).problem
    assert problem is not None
    assert problem.sequence == 7
    assert "#6 are missing" in problem.reason


def test_reordered_entries_are_found() -> None:
    entries = stored_chain(30)
    a, b = entries[3], entries[4]
    entries[3] = dataclasses.replace(b, sequence=a.sequence)
    entries[4] = dataclasses.replace(a, sequence=b.sequence)
    problem = verify(entries).problem
    assert problem is not None
    assert problem.sequence == 4


def test_an_entry_of_another_chain_does_not_verify() -> None:
    problem = verify(stored_chain(3, chain="access"), chain="audit").problem
    assert problem is not None
    assert problem.sequence == 1


def test_an_unsequenced_entry_is_reported() -> None:
    entries = stored_chain(3)
    entries.append(StoredEntry(key="999", sequence=None, hash=b"", content={}))
    problem = verify(entries).problem
    assert problem is not None
    assert problem.key == "999"


def checkpoint_over(entries: list[StoredEntry], signer: Ed25519KeySigner, size: int) -> Checkpoint:
    head = Head(size, entries[size - 1].hash)
    return sign_checkpoint(signer, "audit", head, datetime(2026, 11, 23, 12, tzinfo=UTC))


def check(entries: list[StoredEntry], checkpoints: list[Checkpoint], keys: list[bytes]) -> Problem | None:
    verifier = ChainVerifier("audit", hashes_at=[c.sequence for c in checkpoints])
    verifier.feed(entries)
    assert verifier.problem is None
    return check_against_checkpoints(checkpoints, keys, verifier.head, verifier.hashes)


def test_checkpoints_round_trip_and_verify() -> None:
    signer = Ed25519KeySigner.generate()
    entries = stored_chain(10)
    checkpoint = Checkpoint.from_json(checkpoint_over(entries, signer, 10).to_json())
    assert signature_is_valid(checkpoint, [signer.public_key()])
    assert check(entries, [checkpoint], [signer.public_key()]) is None


def test_tail_truncation_is_caught_by_the_last_checkpoint() -> None:
    signer = Ed25519KeySigner.generate()
    entries = stored_chain(10)
    checkpoint = checkpoint_over(entries, signer, 10)
    problem = check(entries[:9], [checkpoint], [signer.public_key()])
    assert problem is not None
    assert problem.sequence == 10
    assert "removed from the end" in problem.reason


def test_a_rewritten_history_fails_against_the_checkpoint() -> None:
    signer = Ed25519KeySigner.generate()
    entries = stored_chain(10)
    checkpoint = checkpoint_over(entries, signer, 8)
    # Someone with write access rebuilds the whole chain with one entry changed: it verifies on its own.
    items = [dict(e.content) for e in entries]
    items[2]["target_id"] = "forged"
    rebuilt = [
        StoredEntry(key=e.key, sequence=link.sequence, hash=link.hash, content=item)
        for e, item, link in zip(entries, items, extend("audit", Head.empty(), items), strict=True)
    ]
    problem = check(rebuilt, [checkpoint], [signer.public_key()])
    assert problem is not None
    assert problem.sequence == 8
    assert "rewritten" in problem.reason


def test_checkpoints_signed_by_an_unknown_key_or_altered_are_refused() -> None:
    signer, stranger = Ed25519KeySigner.generate(), Ed25519KeySigner.generate()
    entries = stored_chain(5)
    checkpoint = checkpoint_over(entries, signer, 5)
    assert not signature_is_valid(checkpoint, [stranger.public_key()])
    altered = dataclasses.replace(checkpoint, sequence=4, head=entries[3].hash)
    assert not signature_is_valid(altered, [signer.public_key()])
    assert check(entries, [altered], [signer.public_key()]) is not None


def test_a_signing_key_survives_a_pem_round_trip() -> None:
    signer = Ed25519KeySigner.generate()
    again = Ed25519KeySigner.from_pem(signer.to_pem())
    assert again.public_key() == signer.public_key()
