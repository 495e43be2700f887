"""Key-encryption keys: the keys that wrap every data key, held outside the database.

`KeyEncryptionKey` is the whole interface a key store must offer. The local implementation keeps a
256-bit key in memory (read from a key file or an environment secret); a KMS or Vault implementation
wraps by calling its service (e.g. Vault transit `encrypt`/`decrypt` with the context as associated
data, or AWS KMS `Encrypt`/`Decrypt` with an encryption context) and never exposes its key.

Wrapped data keys are bound to their owner by the context (associated data), so a wrapped key copied to
another person's key row does not unwrap there.
"""

import base64
import binascii
import os
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .envelope import NONCE_BYTES, DecryptionFailed

WRAP_FORMAT = b"\x01"


@runtime_checkable
class KeyEncryptionKey(Protocol):
    """Wraps and unwraps data keys. `key_id` is stored beside each wrapped key, to find the KEK again."""

    @property
    def key_id(self) -> str: ...

    def wrap(self, data_key: bytes, context: bytes) -> bytes: ...

    def unwrap(self, wrapped: bytes, context: bytes) -> bytes: ...


class LocalKeyEncryptionKey:
    """AES-256-GCM key wrapping with a key held by this process (key file or environment secret)."""

    def __init__(self, key_id: str, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("A key-encryption key has 256 bits.")
        if not key_id or any(c.isspace() or c == ":" for c in key_id):
            raise ValueError("A key id is a non-empty word without spaces or colons.")
        self._key_id = key_id
        self._aead = AESGCM(key)

    @classmethod
    def generate(cls, key_id: str) -> "LocalKeyEncryptionKey":
        return cls(key_id, AESGCM.generate_key(bit_length=256))

    @property
    def key_id(self) -> str:
        return self._key_id

    def wrap(self, data_key: bytes, context: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return WRAP_FORMAT + nonce + self._aead.encrypt(nonce, data_key, self._associated(context))

    def unwrap(self, wrapped: bytes, context: bytes) -> bytes:
        if not wrapped.startswith(WRAP_FORMAT):
            raise DecryptionFailed("Unknown wrapped-key format.")
        nonce = wrapped[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, wrapped[1 + NONCE_BYTES :], self._associated(context))
        except InvalidTag as error:
            raise DecryptionFailed("The wrapped data key does not unwrap with this KEK here.") from error

    def _associated(self, context: bytes) -> bytes:
        return b"herzen-dek/v1\x00" + self._key_id.encode() + b"\x00" + context


class UnknownKeyEncryptionKey(LookupError):
    """A wrapped key names a KEK this process does not hold (retired too early, or a wrong key file)."""


class Keyring:
    """The primary KEK (wraps new keys and rotations) and older KEKs kept only to unwrap."""

    def __init__(self, keys: Iterable[KeyEncryptionKey]) -> None:
        ordered = list(keys)
        if not ordered:
            raise ValueError("A keyring needs at least one key-encryption key.")
        self._by_id: dict[str, KeyEncryptionKey] = {}
        for kek in ordered:
            if kek.key_id in self._by_id:
                raise ValueError(f"Duplicate key id {kek.key_id!r}.")
            self._by_id[kek.key_id] = kek
        self.primary = ordered[0]

    @property
    def key_ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, key_id: str) -> KeyEncryptionKey:
        try:
            return self._by_id[key_id]
        except KeyError:
            raise UnknownKeyEncryptionKey(key_id) from None

    def wrap(self, data_key: bytes, context: bytes) -> tuple[str, bytes]:
        return self.primary.key_id, self.primary.wrap(data_key, context)

    def unwrap(self, key_id: str, wrapped: bytes, context: bytes) -> bytes:
        return self.get(key_id).unwrap(wrapped, context)


def parse_keyring(text: str) -> list[LocalKeyEncryptionKey]:
    """Keys from the keyring text format: one `key-id base64-key` per line (or comma-separated in an
    environment variable), the primary first; `#` starts a comment."""
    keys = []
    entries = [entry for line in text.splitlines() for entry in line.split("#", 1)[0].split(",")]
    for raw in entries:
        line = raw.strip()
        if not line:
            continue
        parts = line.replace(":", " ", 1).split()
        if len(parts) != 2:
            raise ValueError("Each keyring entry is `key-id base64-key`.")
        key_id, encoded = parts
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error as error:
            raise ValueError(f"Key {key_id!r} is not valid base64.") from error
        keys.append(LocalKeyEncryptionKey(key_id, key))
    return keys


def format_keyring_entry(key_id: str, key: bytes) -> str:
    return f"{key_id} {base64.b64encode(key).decode('ascii')}"
