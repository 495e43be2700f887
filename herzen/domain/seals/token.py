"""The seal: a CWT in a COSE_Sign1 (RFC 9052/8392), zlib-compressed, Base45-encoded, prefixed "HZ1:".

The shape is the EU Digital COVID Certificate's (so its tooling and reviewers' habits apply), with far less
inside: the document's id, type and validity, its index in the status list, and a salted hash of the
holder's name and date of birth. Protected header: {1: alg, 4: kid}. Claims: {7: cti (16-byte document
id), 6: iat, 4: exp, -65537: {1: type, 2: status index, 3: salt, 4: holder hash}}.

`parse` is the first code an attacker's input reaches: it bounds the text, the inflated size, the CBOR
depth and every field, and anything else is `NotASeal` — never another exception.
"""

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import cbor2

from . import base45
from .holder import HASH_BYTES, SALT_BYTES
from .keys import EDDSA, ES256, KID_BYTES, SealSigner, key_id

PREFIX = "HZ1:"
MAX_TEXT = 1200  # characters of Base45 (a version-25 QR holds ~1,850; a Herzen seal is under 300)
MAX_COMPRESSED = 800
MAX_INFLATED = 1024
MAX_CBOR_DEPTH = 4
COSE_SIGN1_TAG = 18
HERZEN_CLAIM = -65537  # a private-use CWT claim (RFC 8392 §9.1: below -65536)
MAX_TYPE = 32
STATUS_LIST_SIZE = 131_072


class NotASeal(ValueError):
    """Not a valid Herzen seal (what a person is told, whatever was wrong)."""


@dataclass(frozen=True)
class SealClaims:
    document_id: bytes  # 16 bytes (a UUID)
    document_type: str
    issued_at: datetime
    expires_at: datetime
    status_index: int
    salt: bytes
    holder_hash: bytes


@dataclass(frozen=True)
class ParsedSeal:
    claims: SealClaims
    kid: bytes
    algorithm: int
    signed_bytes: bytes  # the COSE Sig_structure the signature covers
    signature: bytes


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def seal(claims: SealClaims, signer: SealSigner) -> str:
    protected = cbor2.dumps({1: signer.algorithm, 4: key_id(signer.certificate_der)})
    payload = cbor2.dumps(
        {
            7: claims.document_id,
            6: _seconds(claims.issued_at),
            4: _seconds(claims.expires_at),
            HERZEN_CLAIM: {
                1: claims.document_type,
                2: claims.status_index,
                3: claims.salt,
                4: claims.holder_hash,
            },
        }
    )
    signature = signer.sign(_sig_structure(protected, payload))
    cose = cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))
    return PREFIX + base45.encode(zlib.compress(cose, 9))


def _loads(data: bytes) -> Any:
    try:
        return cbor2.loads(data, max_depth=MAX_CBOR_DEPTH, allow_indefinite=False, allow_duplicate_keys=False)
    except Exception as error:  # cbor2 raises several types on hostile input; all mean the same here
        raise NotASeal("CBOR") from error


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_INFLATED + 1)
    except zlib.error as error:
        raise NotASeal("zlib") from error
    if len(out) > MAX_INFLATED or inflater.unconsumed_tail or not inflater.eof:
        raise NotASeal("inflated size")
    return out


def _typed(value: object, kind: type, low: int = 0, high: int = 1 << 40) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise NotASeal("field type")
    if isinstance(value, int) and not low <= value <= high:
        raise NotASeal("field range")
    if isinstance(value, bytes | str) and not low <= len(value) <= high:
        raise NotASeal("field length")
    return value


def _claims(payload: bytes) -> SealClaims:
    claims = _typed(_loads(payload), Mapping)
    herzen = _typed(claims.get(HERZEN_CLAIM), Mapping)
    issued = _typed(claims.get(6), int, 0, 1 << 34)
    expires = _typed(claims.get(4), int, 0, 1 << 34)
    return SealClaims(
        document_id=_typed(claims.get(7), bytes, 16, 16),
        document_type=_typed(herzen.get(1), str, 1, MAX_TYPE),
        issued_at=datetime.fromtimestamp(issued, UTC),
        expires_at=datetime.fromtimestamp(expires, UTC),
        status_index=_typed(herzen.get(2), int, 0, STATUS_LIST_SIZE - 1),
        salt=_typed(herzen.get(3), bytes, SALT_BYTES, SALT_BYTES),
        holder_hash=_typed(herzen.get(4), bytes, HASH_BYTES, HASH_BYTES),
    )


def parse(text: str) -> ParsedSeal:
    """The seal's parts, unverified. Raises NotASeal for anything that is not a well-formed Herzen seal."""
    if not isinstance(text, str):
        raise NotASeal("not text")
    text = text.strip()
    if not text.startswith(PREFIX) or len(text) > MAX_TEXT:
        raise NotASeal("prefix or length")
    try:
        compressed = base45.decode(text[len(PREFIX) :], max_length=MAX_TEXT)
    except base45.Base45Error as error:
        raise NotASeal("base45") from error
    if len(compressed) > MAX_COMPRESSED:
        raise NotASeal("compressed size")
    cose = _loads(_inflate(compressed))
    if not isinstance(cose, cbor2.CBORTag) or cose.tag != COSE_SIGN1_TAG:
        raise NotASeal("not COSE_Sign1")
    parts = cose.value
    if not isinstance(parts, list | tuple) or len(parts) != 4:
        raise NotASeal("COSE_Sign1 shape")
    protected_bytes = _typed(parts[0], bytes, 1, 64)
    _typed(parts[1], Mapping)
    payload = _typed(parts[2], bytes, 1, MAX_INFLATED)
    signature = _typed(parts[3], bytes, 64, 64)
    protected = _typed(_loads(protected_bytes), Mapping)
    algorithm = protected.get(1)
    if algorithm not in (ES256, EDDSA) or isinstance(algorithm, bool):
        raise NotASeal("algorithm")
    kid = _typed(protected.get(4), bytes, KID_BYTES, KID_BYTES)
    return ParsedSeal(
        claims=_claims(payload),
        kid=kid,
        algorithm=algorithm,
        signed_bytes=_sig_structure(protected_bytes, payload),
        signature=signature,
    )
