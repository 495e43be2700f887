"""Envelope encryption and blind indexes for personal data at rest.

Plain Python on pyca/cryptography: no Django, no other Herzen package. The Django side
(herzen.encryption) decides which key belongs to which record and where keys are stored; this package
only knows how to seal and open bytes, wrap and unwrap data keys, and compute truncated blind indexes.

- `envelope`: AES-256-GCM ciphertexts in a versioned, self-describing text format whose associated data
  binds each ciphertext to its table, field, row and data-key version.
- `kek`: the `KeyEncryptionKey` interface (wrap/unwrap, key id), a local AES-GCM implementation and the
  `Keyring` that holds the primary KEK and the older ones still needed to unwrap.
- `blind_index`: per-index keys derived from one root secret, truncated HMAC-SHA256 index values, and the
  CipherSweet-style planner that sizes the truncation from the expected population.
"""

from .blind_index import IndexPlan, blind_index, derive_index_key, plan_index_bits
from .envelope import (
    CIPHERTEXT_PREFIX,
    DATA_KEY_BYTES,
    DecryptionFailed,
    FieldContext,
    Sealer,
    is_ciphertext,
    new_data_key,
    open_bytes,
    open_text,
    seal_bytes,
    seal_text,
)
from .kek import (
    KeyEncryptionKey,
    Keyring,
    LocalKeyEncryptionKey,
    UnknownKeyEncryptionKey,
    format_keyring_entry,
    parse_keyring,
)

__all__ = [
    "CIPHERTEXT_PREFIX",
    "DATA_KEY_BYTES",
    "DecryptionFailed",
    "FieldContext",
    "IndexPlan",
    "KeyEncryptionKey",
    "Keyring",
    "LocalKeyEncryptionKey",
    "Sealer",
    "UnknownKeyEncryptionKey",
    "blind_index",
    "derive_index_key",
    "format_keyring_entry",
    "is_ciphertext",
    "new_data_key",
    "open_bytes",
    "open_text",
    "parse_keyring",
    "plan_index_bits",
    "seal_bytes",
    "seal_text",
]
