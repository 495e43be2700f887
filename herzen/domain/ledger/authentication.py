"""Each log entry is authenticated when it is written: an HMAC-SHA256 tag under an application key held
outside the database, so that whoever can write the database but not read the key cannot add an entry that the
sequencer would then place in the chain and sign.

The tag covers the entry's content (every chained field except the row id, which the database assigns on
insert), the chain's name and a random nonce stored with the tag. The nonce makes two entries of identical
content distinct, and the stored tag is unique, so a copy of a genuine entry is refused by the database.

The bytes MACed are this module's own and never change with the log's hash encoding
(herzen.domain.ledger.encoding): JSON with sorted keys and no spaces, times as UTC ISO 8601 with microseconds.
A MAC written under one log encoding is still valid after the log is re-chained under another.

    mac  = hex(nonce) hex(HMAC-SHA256(key, TAG chain 0x00 nonce json(content)))      (16 + 32 bytes)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from uuid import UUID

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_SIZE = 16
TAG_SIZE = 32
MAC_TEXT_LENGTH = 2 * (NONCE_SIZE + TAG_SIZE)
_TAG = b"herzen.ledger.entry-mac.v1\x00"
_KEY_INFO = b"herzen.audit.entry-mac"
_KEY_SALT = b"herzen.audit.entry-mac.salt.v1"
# The row id is assigned by the database after the tag is made; the chain's hash covers it.
UNMACED_FIELDS = frozenset({"id"})


def derive_mac_key(root_secret: bytes) -> bytes:
    """The MAC key, derived with HKDF-SHA256 from a root secret of the keyring (never stored anywhere)."""
    if len(root_secret) < 16:
        raise ValueError("the root secret is too short")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_KEY_SALT, info=_KEY_INFO).derive(root_secret)


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise TypeError("a time without a time zone is ambiguous")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, UUID):  # encoding v3 reads uuids as such; their text is what was authenticated
        return str(value)
    raise TypeError(f"{type(value).__name__} cannot be authenticated")


def mac_message(chain: str, nonce: bytes, content: Mapping[str, object]) -> bytes:
    fields = {name: _json_value(value) for name, value in content.items() if name not in UNMACED_FIELDS}
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return _TAG + chain.encode("ascii") + b"\x00" + nonce + body.encode("utf-8")


def entry_mac(key: bytes, chain: str, content: Mapping[str, object], nonce: bytes | None = None) -> str:
    """The stored MAC of a new entry: its nonce and tag, in hex."""
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    if len(nonce) != NONCE_SIZE:
        raise ValueError("the nonce must be 16 bytes")
    tag = hmac.new(key, mac_message(chain, nonce, content), hashlib.sha256).digest()
    return (nonce + tag).hex()


def mac_is_valid(key: bytes, chain: str, content: Mapping[str, object], stored: str | None) -> bool:
    """Does the stored MAC authenticate this content? False for a missing, malformed or wrong MAC."""
    if not stored or len(stored) != MAC_TEXT_LENGTH:
        return False
    try:
        raw = bytes.fromhex(stored)
    except ValueError:
        return False
    nonce, tag = raw[:NONCE_SIZE], raw[NONCE_SIZE:]
    try:
        expected = hmac.new(key, mac_message(chain, nonce, content), hashlib.sha256).digest()
    except (TypeError, ValueError):
        return False
    return hmac.compare_digest(expected, tag)
