"""Tamper-evident logs: a SHA-256 hash chain with sequence numbers, and Ed25519-signed checkpoints of its head.

Plain Python over hashlib and pyca/cryptography; the audit app stores entries and heads, this core computes
and verifies them: `encoding` defines an entry's canonical bytes, `chain` the hashes and the reference
verifier, `records` a fast verifier over rows as the database sends them, `checkpoints` the signed heads.
"""

from herzen.domain.ledger.chain import (
    FIRST_SEQUENCE,
    GENESIS,
    ChainVerifier,
    Head,
    Link,
    Problem,
    StoredEntry,
    entry_hash,
    extend,
    prefix,
    sequence_field,
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
from herzen.domain.ledger.encoding import Content, Layout, canonical, encode, header
from herzen.domain.ledger.records import RecordVerifier, row

__all__ = [
    "FIRST_SEQUENCE",
    "GENESIS",
    "ChainVerifier",
    "Checkpoint",
    "Content",
    "Ed25519KeySigner",
    "Head",
    "Layout",
    "Link",
    "Problem",
    "RecordVerifier",
    "Signer",
    "StoredEntry",
    "canonical",
    "check_against_checkpoints",
    "encode",
    "entry_hash",
    "extend",
    "header",
    "key_id",
    "prefix",
    "public_key_from_pem",
    "row",
    "sequence_field",
    "sign_checkpoint",
    "signature_is_valid",
]
