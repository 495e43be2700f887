"""W3C Bitstring Status List v1.0: one bit per document, the whole list fetched by every verifier.

At least 131,072 entries (16 KB), as the specification asks, so fetching the list tells nobody which
document is being checked and a set bit says nothing about whose document it is. Index 0 is the left-most
(most significant) bit of the first byte. `encodedList` is the multibase base64url (prefix "u", no padding)
of the GZIP of the bitstring.

The list is published signed: the BitstringStatusListCredential is the payload of a flattened JWS (ES256)
by the operator's key, the one that signs the trust list, so a cache, a proxy or a copy passed from phone
to phone cannot hide a revocation or fake one. `read_status_list` refuses a list whose signature fails, or
which is the list of another purpose (a suspension list offered as the revocation list).
"""

import base64
import gzip
import io
from collections.abc import Iterable
from typing import Any

from .keys import PublicKey, SealSigner
from .trust_list import TrustListError, read_jws, sign_jws

MINIMUM_ENTRIES = 131_072
MAX_ENCODED = 200_000  # characters; a 16 KB bitstring compresses to far less even when full of noise


class StatusListError(ValueError):
    pass


class Bitstring:
    def __init__(self, size: int = MINIMUM_ENTRIES, data: bytes | None = None) -> None:
        if size < MINIMUM_ENTRIES or size % 8:
            raise StatusListError("A status list has at least 131,072 entries, a whole number of bytes.")
        self.size = size
        self._bits = bytearray(data if data is not None else size // 8)
        if len(self._bits) != size // 8:
            raise StatusListError("The bitstring does not have the stated size.")

    @classmethod
    def with_set(cls, indexes: Iterable[int], size: int = MINIMUM_ENTRIES) -> "Bitstring":
        bits = cls(size)
        for index in indexes:
            bits.set(index)
        return bits

    def _place(self, index: int) -> tuple[int, int]:
        if not 0 <= index < self.size:
            raise StatusListError("Index outside the status list.")
        return index // 8, 0x80 >> (index % 8)

    def set(self, index: int, value: bool = True) -> None:
        byte, mask = self._place(index)
        if value:
            self._bits[byte] |= mask
        else:
            self._bits[byte] &= ~mask & 0xFF

    def get(self, index: int) -> bool:
        byte, mask = self._place(index)
        return bool(self._bits[byte] & mask)

    def set_indexes(self) -> list[int]:
        return [index for index in range(self.size) if self._bits[index // 8] & (0x80 >> (index % 8))]

    def encode(self) -> str:
        # mtime=0: the same list always encodes to the same text (caches and tests can compare it).
        packed = gzip.compress(bytes(self._bits), compresslevel=9, mtime=0)
        return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")

    @classmethod
    def decode(cls, encoded: str) -> "Bitstring":
        if not encoded.startswith("u") or len(encoded) > MAX_ENCODED:
            raise StatusListError("Not a multibase base64url status list.")
        body = encoded[1:]
        try:
            packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            # A gzip bomb would only cost memory: stop reading past twice the minimum size (in bytes).
            with gzip.GzipFile(fileobj=io.BytesIO(packed)) as file:
                data = file.read(MINIMUM_ENTRIES * 2 + 1)
        except (ValueError, OSError, EOFError) as error:
            raise StatusListError("The status list does not decode.") from error
        if len(data) > MINIMUM_ENTRIES * 2:
            raise StatusListError("The status list is too large.")
        return cls(len(data) * 8, data)


def sign_status_list(credential: dict[str, Any], operator: SealSigner) -> dict[str, str]:
    return sign_jws(credential, operator)


def read_status_list(signed: object, operator_key: PublicKey, purpose: str) -> Bitstring:
    """The bitstring of a status list the operator signed for `purpose`; StatusListError otherwise."""
    try:
        credential = read_jws(signed, operator_key)
    except TrustListError as error:
        raise StatusListError(f"The {purpose} list is not signed by the operator: refused.") from error
    subject = credential.get("credentialSubject")
    if (
        "BitstringStatusListCredential" not in (credential.get("type") or [])
        or not isinstance(subject, dict)
        or subject.get("statusPurpose") != purpose
        or not isinstance(subject.get("encodedList"), str)
    ):
        raise StatusListError(f"Not a {purpose} status list.")
    return Bitstring.decode(subject["encodedList"])
