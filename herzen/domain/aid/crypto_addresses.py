"""USDT addresses on Tron (base58check) and Ethereum (EIP-55 checksum), and transaction hashes as proof.

A mistyped address loses the money for good, so both checksums are checked: Tron's double SHA-256 over the
0x41-prefixed payload, Ethereum's mixed-case Keccak-256 checksum (an all-lowercase address carries no
checksum and is refused: the wallet's own copy button gives the checksummed form).
"""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum

from Crypto.Hash import keccak

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_ETH_ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")
_TRON_TX = re.compile(r"[0-9a-fA-F]{64}")
_ETH_TX = re.compile(r"0x[0-9a-fA-F]{64}")


class Network(StrEnum):
    TRON = "tron"  # USDT TRC-20
    ETHEREUM = "ethereum"  # USDT ERC-20


class AddressError(ValueError):
    """`code` says what is wrong, for a translated message: format, checksum, lowercase."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = _BASE58.find(char)
        if index < 0:
            raise AddressError("format")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + body


def _base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    chars = ""
    while number:
        number, remainder = divmod(number, 58)
        chars = _BASE58[remainder] + chars
    return "1" * (len(data) - len(data.lstrip(b"\x00"))) + chars


def _double_sha256(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def tron_address(payload: bytes) -> str:
    """The Tron address of a 20-byte account id (for tests and fixtures)."""
    body = b"\x41" + payload
    return _base58_encode(body + _double_sha256(body)[:4])


def _keccak_hex(text: str) -> str:
    return keccak.new(digest_bits=256, data=text.encode("ascii")).hexdigest()


def eip55(address: str) -> str:
    """The checksummed spelling of an Ethereum address."""
    hex_part = address[2:].lower()
    digest = _keccak_hex(hex_part)
    return "0x" + "".join(
        c.upper() if int(d, 16) >= 8 else c for c, d in zip(hex_part, digest[:40], strict=True)
    )


def check_address(network: Network, address: str) -> str:
    """The address as it must be stored, or AddressError."""
    address = address.strip()
    if network is Network.TRON:
        if not (address.startswith("T") and 30 <= len(address) <= 36):
            raise AddressError("format")
        raw = _base58_decode(address)
        if len(raw) != 25 or raw[0] != 0x41:
            raise AddressError("format")
        if _double_sha256(raw[:21])[:4] != raw[21:]:
            raise AddressError("checksum")
        return address
    if not _ETH_ADDRESS.fullmatch(address):
        raise AddressError("format")
    body = address[2:]
    if body == body.lower() or body == body.upper():
        raise AddressError("lowercase")
    if eip55(address) != address:
        raise AddressError("checksum")
    return address


def check_transaction_hash(network: Network, tx_hash: str) -> str:
    tx_hash = tx_hash.strip()
    pattern = _TRON_TX if network is Network.TRON else _ETH_TX
    if not pattern.fullmatch(tx_hash):
        raise AddressError("format")
    return tx_hash.lower()
