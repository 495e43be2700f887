"""Witnesses: parties outside the log's operator who keep their own copy of the latest head of each chain and
cosign a new checkpoint only if it extends that head (the C2SP tlog-witness / Sigsum witness model).

A witness is configured with the log's public key. The log sends it a signed checkpoint, the size it believes
the witness holds (`old_size`) and a consistency proof. For a hash chain the proof is the canonical content
of each entry between the two heads: the witness recomputes the chain from its own head and accepts only if
it arrives at the new head. A log that rewrote, cut or reordered its history cannot produce such a proof, so it
can never again get a cosignature — and a verifier that trusts the witnesses' cosignatures sees the log's
history as the witnesses saw it, whatever is later done to the database or the log's own checkpoint files.

As in tlog-witness, a witness that knows nothing of a chain accepts its first checkpoint with `old_size` 0 and
an empty proof (trust on first use); from then on every checkpoint must extend the last one it cosigned.

A cosignature signs, with the witness's Ed25519 key, the tlog-cosignature message: a header line with the
time, then the checkpoint's own signed message.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from herzen.domain.ledger.chain import HASH_SIZE, Head, entry_hash
from herzen.domain.ledger.checkpoints import Checkpoint, Signer, key_id, signature_is_valid


class WitnessRefusal(Exception):
    """The witness refuses to cosign. `status` is the HTTP status it answers with (tlog-witness): 403 for a
    checkpoint not signed by the log's key, 409 when `old_size` is not what the witness holds (`size` and
    `head` then say what it holds), 422 for a proof that fails, 400 for a malformed request."""

    def __init__(self, status: int, reason: str, held: Head | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.held = held


@dataclass(frozen=True)
class Cosignature:
    key_id: str
    timestamp: int  # seconds since the Unix epoch
    signature: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "key_id": self.key_id,
            "timestamp": self.timestamp,
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cosignature:
        try:
            return cls(
                key_id=str(data["key_id"]),
                timestamp=int(data["timestamp"]),
                signature=base64.b64decode(data["signature"], validate=True),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"malformed cosignature: {error}") from error


def cosignature_message(checkpoint: Checkpoint, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode("ascii") + checkpoint.message()


def cosign(signer: Signer, checkpoint: Checkpoint, timestamp: int) -> Cosignature:
    return Cosignature(
        key_id(signer.public_key()), timestamp, signer.sign(cosignature_message(checkpoint, timestamp))
    )


def cosignature_is_valid(cosignature: Cosignature, checkpoint: Checkpoint, witness_key: bytes) -> bool:
    if key_id(witness_key) != cosignature.key_id:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(witness_key).verify(
            cosignature.signature, cosignature_message(checkpoint, cosignature.timestamp)
        )
    except InvalidSignature:
        return False
    return True


def chain_consistent(chain: str, old: Head, new: Head, contents: Sequence[bytes]) -> bool:
    """The consistency proof of a hash chain: do the entries' canonical contents, appended after `old`, lead
    exactly to `new`?"""
    if new.sequence - old.sequence != len(contents):
        return False
    previous = old.hash
    for offset, content in enumerate(contents, start=1):
        previous = entry_hash(chain, previous, old.sequence + offset, content)
    return previous == new.hash


@dataclass
class WitnessState:
    """What a witness holds: the latest cosigned head of each chain (by the checkpoint's origin)."""

    heads: dict[str, Head] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            origin: {"size": head.sequence, "head": base64.b64encode(head.hash).decode("ascii")}
            for origin, head in sorted(self.heads.items())
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WitnessState:
        heads = {}
        for origin, held in data.items():
            head = base64.b64decode(held["head"], validate=True)
            if len(head) != HASH_SIZE:
                raise ValueError(f"{origin}: the stored head is not a SHA-256 hash")
            heads[str(origin)] = Head(int(held["size"]), head)
        return cls(heads)


def add_checkpoint(
    state: WitnessState,
    log_keys: Iterable[bytes],
    checkpoint: Checkpoint,
    old_size: int,
    proof: Sequence[bytes],
) -> Head:
    """Check that `checkpoint` extends what the witness holds; return the new head to hold (the caller
    cosigns and stores it, in that order reversed: stored first, so a crash never cosigns twice differently).
    Raises WitnessRefusal."""
    if not signature_is_valid(checkpoint, list(log_keys)):
        raise WitnessRefusal(403, "the checkpoint is not signed by the log's key")
    held = state.heads.get(checkpoint.origin, Head.empty())
    if old_size != held.sequence:
        raise WitnessRefusal(409, f"the witness holds size {held.sequence}, not {old_size}", held)
    new = Head(checkpoint.sequence, checkpoint.head)
    if checkpoint.sequence < held.sequence:
        raise WitnessRefusal(409, "the checkpoint is older than the head the witness holds", held)
    if held.sequence == 0:
        if proof:
            raise WitnessRefusal(400, "a first checkpoint comes with an empty proof")
        return new
    if not chain_consistent(checkpoint.chain, held, new, proof):
        raise WitnessRefusal(422, "the checkpoint does not extend the head the witness holds")
    return new
