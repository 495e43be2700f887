from datetime import UTC, datetime

import pytest

from herzen.domain.ledger import (
    Checkpoint,
    Content,
    Ed25519KeySigner,
    Head,
    canonical,
    extend,
    sign_checkpoint,
)
from herzen.domain.ledger.authentication import derive_mac_key, entry_mac, mac_is_valid
from herzen.domain.ledger.witness import (
    WitnessRefusal,
    WitnessState,
    add_checkpoint,
    chain_consistent,
    cosign,
    cosignature_is_valid,
)

NOW = datetime(2026, 12, 7, 21, 0, tzinfo=UTC)
LOG = Ed25519KeySigner.generate()


def contents(start: int, count: int) -> list[Content]:
    return [{"action": "case.open", "target_id": f"t{i}", "n": i} for i in range(start, start + count)]


def heads(count: int) -> list[Head]:
    """The head after each of `count` entries (index 0: the empty chain)."""
    found = [Head.empty()]
    for link in extend("audit", Head.empty(), contents(0, count)):
        found.append(Head(link.sequence, link.hash))
    return found


def checkpoint_at(head: Head, signer: Ed25519KeySigner = LOG) -> Checkpoint:
    return sign_checkpoint(signer, "audit", head, NOW)


def proof(old: int, new: int) -> list[bytes]:
    return [canonical(content) for content in contents(old, new - old)]


def test_a_witness_cosigns_what_extends_its_head_and_nothing_else() -> None:
    state, chain = WitnessState(), heads(10)
    state.heads["herzen-audit/audit"] = add_checkpoint(
        state, [LOG.public_key()], checkpoint_at(chain[4]), 0, []
    )
    new = add_checkpoint(state, [LOG.public_key()], checkpoint_at(chain[10]), 4, proof(4, 10))
    assert new == chain[10]

    other = list(extend("audit", chain[4], [{"action": "forged"}] * 6))
    rewritten = Head(other[-1].sequence, other[-1].hash)
    with pytest.raises(WitnessRefusal) as refused:
        add_checkpoint(state, [LOG.public_key()], checkpoint_at(rewritten), 4, proof(4, 10))
    assert refused.value.status == 422


def test_a_witness_answers_409_with_its_head_when_the_log_guesses_wrong_and_403_to_strangers() -> None:
    state, chain = WitnessState({"herzen-audit/audit": heads(5)[5]}), heads(8)
    with pytest.raises(WitnessRefusal) as refused:
        add_checkpoint(state, [LOG.public_key()], checkpoint_at(chain[8]), 3, proof(3, 8))
    assert (refused.value.status, refused.value.held) == (409, chain[5])
    with pytest.raises(WitnessRefusal) as refused:
        add_checkpoint(state, [LOG.public_key()], checkpoint_at(chain[8], Ed25519KeySigner.generate()), 5, [])
    assert refused.value.status == 403


def test_a_truncated_log_cannot_prove_it_extends_a_longer_head() -> None:
    state, chain = WitnessState({"herzen-audit/audit": heads(9)[9]}), heads(9)
    with pytest.raises(WitnessRefusal):
        add_checkpoint(state, [LOG.public_key()], checkpoint_at(chain[6]), 9, [])
    assert not chain_consistent("audit", chain[9], chain[6], [])


def test_cosignatures_verify_only_under_the_witness_key_and_for_that_checkpoint() -> None:
    witness = Ed25519KeySigner.generate()
    checkpoint = checkpoint_at(heads(3)[3])
    cosignature = cosign(witness, checkpoint, 1_800_000_000)
    assert cosignature_is_valid(cosignature, checkpoint, witness.public_key())
    assert not cosignature_is_valid(cosignature, checkpoint_at(heads(2)[2]), witness.public_key())
    assert not cosignature_is_valid(cosignature, checkpoint, Ed25519KeySigner.generate().public_key())
    state = WitnessState({"herzen-audit/audit": heads(3)[3]})
    assert WitnessState.from_json(state.to_json()) == state


def test_a_mac_authenticates_the_content_and_nothing_else() -> None:
    key = derive_mac_key(b"k" * 32)
    content: dict[str, object] = {
        "id": 7,
        "occurred_at": NOW,
        "action": "case.open",
        "changed_fields": ["a"],
        "actor": None,
    }
    mac = entry_mac(key, "audit", content)
    assert mac_is_valid(key, "audit", content, mac)
    assert mac_is_valid(key, "audit", {**content, "id": 8}, mac)  # the database assigns the id later
    assert not mac_is_valid(key, "audit", {**content, "action": "case.close"}, mac)
    assert not mac_is_valid(key, "access", content, mac)
    assert not mac_is_valid(derive_mac_key(b"x" * 32), "audit", content, mac)
    assert not mac_is_valid(key, "audit", content, None)
    assert not mac_is_valid(key, "audit", content, "zz" * 48)
    assert entry_mac(key, "audit", content) != mac  # a fresh nonce each time: copies are told apart
