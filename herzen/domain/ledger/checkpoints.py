"""Signed checkpoints of a chain: (chain, sequence, head hash, time), signed with Ed25519.

The signed message follows the shape of a C2SP tlog checkpoint note — an origin line, the size (here the
last sequence number), the base64 head hash — plus the issue time, each on its own line. The key that signs
is held outside the database, so whoever can rewrite the database cannot sign a rewritten history; witnesses
who keep the exported checkpoints can show that the log no longer extends what it once signed.

Signing goes through the `Signer` protocol, so a KMS, Vault transit engine or HSM can hold the key: it only
needs to return the raw Ed25519 public key and sign bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from herzen.domain.ledger.chain import HASH_SIZE, Head, Problem, check_chain_name
from herzen.domain.ledger.encoding import ENCODING

ORIGIN_PREFIX = "herzen-audit"


class Signer(Protocol):
    """Whatever holds the checkpoint signing key: a key file, a KMS, an HSM."""

    def public_key(self) -> bytes:
        """The raw 32-byte Ed25519 public key."""
        ...

    def sign(self, message: bytes) -> bytes:
        """An Ed25519 signature of `message`."""
        ...


class Ed25519KeySigner:
    """A Signer over a private key held in this process (loaded from a PEM key file)."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key

    @classmethod
    def generate(cls) -> Ed25519KeySigner:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_pem(cls, pem: bytes) -> Ed25519KeySigner:
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the checkpoint signing key must be an Ed25519 private key")
        return cls(key)

    def to_pem(self) -> bytes:
        return self._key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def public_key(self) -> bytes:
        return self._key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


def key_id(public_key: bytes) -> str:
    """A short name for a public key: the first 8 bytes of its SHA-256, in hex."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def public_key_from_pem(pem: bytes) -> bytes:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("checkpoint times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Checkpoint:
    chain: str
    sequence: int
    head: bytes
    issued_at: str  # UTC, "YYYY-MM-DDTHH:MM:SSZ"
    key_id: str = ""
    signature: bytes = b""
    # The log encoding whose head this signs (herzen.domain.ledger.encoding); files without one are v2.
    encoding: int = ENCODING

    @property
    def origin(self) -> str:
        return f"{ORIGIN_PREFIX}/{self.chain}"

    def message(self) -> bytes:
        """The exact bytes that are signed."""
        check_chain_name(self.chain)
        head = base64.b64encode(self.head).decode("ascii")
        note = f"{self.origin}\n{self.sequence}\n{head}\n{self.issued_at}\n"
        if self.encoding >= 3:  # v2 checkpoints were signed before the encoding was named
            note += f"encoding v{self.encoding}\n"
        return note.encode("ascii")

    def to_json(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "chain": self.chain,
            "sequence": self.sequence,
            "head": base64.b64encode(self.head).decode("ascii"),
            "issued_at": self.issued_at,
            "key_id": self.key_id,
            "signature": base64.b64encode(self.signature).decode("ascii"),
            "encoding": self.encoding,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checkpoint:
        try:
            checkpoint = cls(
                chain=str(data["chain"]),
                sequence=int(data["sequence"]),
                head=base64.b64decode(data["head"], validate=True),
                issued_at=str(data["issued_at"]),
                key_id=str(data["key_id"]),
                signature=base64.b64decode(data["signature"], validate=True),
                encoding=int(data.get("encoding", 2)),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"malformed checkpoint: {error}") from error
        if len(checkpoint.head) != HASH_SIZE or checkpoint.sequence < 0:
            raise ValueError("malformed checkpoint: bad head or sequence")
        if data.get("origin", checkpoint.origin) != checkpoint.origin:
            raise ValueError("malformed checkpoint: origin does not match the chain")
        return checkpoint

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, sort_keys=True) + "\n"


def sign_checkpoint(signer: Signer, chain: str, head: Head, issued_at: datetime) -> Checkpoint:
    unsigned = Checkpoint(chain=chain, sequence=head.sequence, head=head.hash, issued_at=_utc_text(issued_at))
    public = signer.public_key()
    return Checkpoint(
        chain=unsigned.chain,
        sequence=unsigned.sequence,
        head=unsigned.head,
        issued_at=unsigned.issued_at,
        key_id=key_id(public),
        signature=signer.sign(unsigned.message()),
    )


def signature_is_valid(checkpoint: Checkpoint, trusted_keys: Iterable[bytes]) -> bool:
    """True if one of the trusted public keys (raw bytes) signed this checkpoint."""
    for public in trusted_keys:
        if key_id(public) != checkpoint.key_id:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(checkpoint.signature, checkpoint.message())
        except InvalidSignature:
            return False
        return True
    return False


def check_against_checkpoints(
    checkpoints: Iterable[Checkpoint],
    trusted_keys: Iterable[bytes],
    end: Head,
    hashes: dict[int, bytes],
) -> Problem | None:
    """Does the verified chain (ending at `end`, with recomputed `hashes` at the checkpoints' sequence
    numbers) still contain every signed checkpoint? Checked from the newest checkpoint down."""
    keys = list(trusted_keys)
    for checkpoint in sorted(checkpoints, key=lambda c: c.sequence, reverse=True):
        label = f"checkpoint #{checkpoint.sequence} of {checkpoint.issued_at}"
        if not signature_is_valid(checkpoint, keys):
            return Problem(None, None, f"{label} is not signed by a trusted key")
        if checkpoint.encoding != ENCODING:
            continue  # signed over another encoding's hashes: retired when the log was re-chained (ADR 0085)
        if checkpoint.sequence > end.sequence:
            return Problem(
                end.sequence + 1,
                None,
                f"the log ends at #{end.sequence} but {label} covers #{checkpoint.sequence}: "
                "entries were removed from the end",
            )
        if hashes.get(checkpoint.sequence) != checkpoint.head:
            return Problem(
                checkpoint.sequence,
                None,
                f"the log no longer matches {label}: history up to this entry was rewritten",
            )
    return None
