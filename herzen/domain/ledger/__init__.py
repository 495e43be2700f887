"""Tamper-evident logs: a SHA-256 hash chain with sequence numbers, and Ed25519-signed checkpoints of its head.

Plain Python over hashlib and pyca/cryptography; the audit app stores entries and heads, this core computes
and verifies them.
"""

from herzen.domain.ledger.chain import (
    FIRST_SEQUENCE,
    GENESIS,
    ChainVerifier,
    Content,
    Head,
    Link,
    Problem,
    StoredEntry,
    canonical,
    entry_hash,
    extend,
)
from herzen.domain.ledger.checkpoints import (
    Checkpoint,
    Ed25519KeySigner,
    Signer,
    check_against_checkpoints,
    key_id,
    public_key_from_pem,
    sign_checkpoint,
    signature_is_valid,
)

__all__ = [
    "FIRST_SEQUENCE",
    "GENESIS",
    "ChainVerifier",
    "Checkpoint",
    "Content",
    "Ed25519KeySigner",
    "Head",
    "Link",
    "Problem",
    "Signer",
    "StoredEntry",
    "canonical",
    "check_against_checkpoints",
    "entry_hash",
    "extend",
    "key_id",
    "public_key_from_pem",
    "sign_checkpoint",
    "signature_is_valid",
]
