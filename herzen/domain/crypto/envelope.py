"""AES-256-GCM ciphertexts bound to where they are stored.

Binary layout (version 1), carried in text columns as ``hz1:`` + URL-safe base64:

    0      1 byte   format version (1)
    1..4   4 bytes  data-key version, big-endian (the DEK that sealed it; DEK rotation bumps it)
    5..16  12 bytes random nonce (96 bits; a fresh one per message, never reused with a key)
    17..   n bytes  AES-GCM ciphertext followed by its 16-byte tag

The associated data is ``herzen/v1 NUL table NUL field NUL row id NUL key version``, or, once the row has been
changed, ``herzen/v2 NUL table NUL field NUL row id NUL key version NUL row version``: it is authenticated but
not stored, so a ciphertext copied into another row, another field or another table, or whose header has
been edited, fails to open (`DecryptionFailed`) even under the right key. The row version is a counter the row
carries and every change of its encrypted fields raises (all of them are sealed again under the new value), so
an older ciphertext of the same cell — a rollback — no longer opens next to the row's current version (see
docs/adr/0001-ciphertext-rollback.md). Version 0 is a row never changed since it was inserted, and keeps
the v1 associated data, so ciphertexts written before the counter existed still open. Random nonces keep one data key
safe for about 2^32 messages (NIST SP 800-38D); one key per person stays many orders below that.
"""

import base64
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT_VERSION = 1
CIPHERTEXT_PREFIX = "hz1:"
DATA_KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12
_HEADER = struct.Struct(">BI")


class DecryptionFailed(Exception):
    """The ciphertext is not valid for this key and place: tampered, moved, truncated or foreign."""


@dataclass(frozen=True)
class FieldContext:
    """Where a ciphertext lives. Its associated data; a ciphertext opens only in the same place."""

    table: str
    field: str
    row_id: str
    row_version: int = 0

    def associated_data(self, key_version: int) -> bytes:
        parts: tuple[str, ...] = ("herzen/v1", self.table, self.field, self.row_id, str(key_version))
        if self.row_version:
            parts = ("herzen/v2", *parts[1:], str(self.row_version))
        for part in parts:
            if "\x00" in part:
                raise ValueError("A ciphertext context cannot contain NUL.")
        return "\x00".join(parts).encode()


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=DATA_KEY_BYTES * 8)


def seal_bytes(data_key: bytes, key_version: int, context: FieldContext, plaintext: bytes) -> bytes:
    return Sealer(data_key, key_version).seal_bytes(context, plaintext)


class Sealer:
    """Seals many values with one data key: the AES-GCM context is built once (building it costs about as
    much as sealing a short field). The same ciphertexts as `seal_bytes` / `seal_text`."""

    def __init__(self, data_key: bytes, key_version: int) -> None:
        self._aead = AESGCM(data_key)
        self._version = key_version
        self._header = _HEADER.pack(FORMAT_VERSION, key_version)

    def seal_bytes(self, context: FieldContext, plaintext: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return (
            self._header
            + nonce
            + self._aead.encrypt(nonce, plaintext, context.associated_data(self._version))
        )

    def seal_text(self, context: FieldContext, plaintext: str) -> str:
        blob = self.seal_bytes(context, plaintext.encode())
        return CIPHERTEXT_PREFIX + base64.urlsafe_b64encode(blob).decode("ascii")


def key_version_of(blob: bytes) -> int:
    """The data-key version a binary ciphertext names (without opening it)."""
    if len(blob) < _HEADER.size + NONCE_BYTES + 16:
        raise DecryptionFailed("Ciphertext too short.")
    version, key_version = _HEADER.unpack_from(blob)
    if version != FORMAT_VERSION:
        raise DecryptionFailed(f"Unknown ciphertext format {version}.")
    return int(key_version)


def open_bytes(data_key: bytes, context: FieldContext, blob: bytes) -> bytes:
    key_version = key_version_of(blob)
    nonce = blob[_HEADER.size : _HEADER.size + NONCE_BYTES]
    try:
        return AESGCM(data_key).decrypt(
            nonce, blob[_HEADER.size + NONCE_BYTES :], context.associated_data(key_version)
        )
    except InvalidTag as error:
        raise DecryptionFailed("The ciphertext does not open here.") from error


def is_ciphertext(value: object) -> bool:
    return isinstance(value, str) and value.startswith(CIPHERTEXT_PREFIX)


def seal_text(data_key: bytes, key_version: int, context: FieldContext, plaintext: str) -> str:
    return Sealer(data_key, key_version).seal_text(context, plaintext)


def decode_text(ciphertext: str) -> bytes:
    if not is_ciphertext(ciphertext):
        raise DecryptionFailed("Not a Herzen ciphertext.")
    try:
        return base64.urlsafe_b64decode(ciphertext[len(CIPHERTEXT_PREFIX) :].encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise DecryptionFailed("Malformed ciphertext.") from error


def open_text(data_key: bytes, context: FieldContext, ciphertext: str) -> str:
    return open_bytes(data_key, context, decode_text(ciphertext)).decode()
