"""Bloom-filter linkage keys (CLKs): how an organisation encodes its persons so that a coalition can count
distinct people without any organisation, or the operator, seeing another's names.

Each organisation runs this on its own side with the coalition's secret (which the operator never holds).
A person's name parts are first reduced to their romanisation-proof skeleton (herzen.domain.names.skeleton,
so "Iuliia", "Yuliya" and "Julija" coincide), cut into bigrams (pprl-core's `tokenize`), and each token —
and the year, month and day of birth — sets `k` bits chosen by an HMAC-SHA256 of the token under the
secret (pprl-core's enhanced double hashing). Similar names give similar filters; the Dice coefficient of
two filters (anonlink) estimates how alike the names are without revealing them. A token's bits are
computed once per secret and then OR-ed, which is what makes 100k persons a matter of seconds.

The blocking key (a keyed hash of the year of birth) lets the linkage compare only persons born in the same
year; it tells the operator which records share a year, and nothing about which year.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from bitarray import bitarray
from pprl_core.bits import enhanced_double_hash
from pprl_core.common import destructure_digest, tokenize

from herzen.domain.names.skeleton import skeleton

FILTER_BITS = 1024
NAME_HASHES = 20
DATE_HASHES = 30


@dataclass(frozen=True)
class LinkagePerson:
    given_name: str
    family_name: str
    birth_date: str  # ISO "1990-05-17", or "" when unknown


@dataclass(frozen=True)
class LinkageKey:
    clk: bitarray
    block: str  # keyed hash of the year of birth ("" when unknown: compared with every block)


class ClkEncoder:
    def __init__(self, secret: bytes, *, bits: int = FILTER_BITS) -> None:
        if len(secret) < 16:
            raise ValueError("the coalition secret is at least 16 bytes")
        self._secret = secret
        self._bits = bits
        self._token_filters: dict[str, bitarray] = {}
        # Names repeat (a coalition has thousands of Ivans): each spelling is reduced to its skeleton once.
        self._skeletons: dict[str, str] = {}

    def _filter_of(self, token: str, hashes: int) -> bitarray:
        cached = self._token_filters.get(token)
        if cached is None:
            digest = hmac.new(self._secret, token.encode(), hashlib.sha256).digest()
            h1, h2, _h3, _h4 = destructure_digest(digest)
            cached = bitarray(self._bits)
            cached.setall(0)
            enhanced_double_hash(cached, hashes, h1, h2)
            self._token_filters[token] = cached
        return cached

    def encode(self, person: LinkagePerson) -> LinkageKey:
        clk = bitarray(self._bits)
        clk.setall(0)
        for field, value in (("g", person.given_name), ("f", person.family_name)):
            reduced = self._skeletons.get(value)
            if reduced is None:
                reduced = self._skeletons[value] = skeleton(value).lower()
            for token in tokenize(reduced):
                clk |= self._filter_of(f"{field}:{token}", NAME_HASHES)
        year = person.birth_date[:4]
        if person.birth_date:
            for part, value in zip("ymd", person.birth_date.split("-"), strict=False):
                clk |= self._filter_of(f"{part}:{value}", DATE_HASHES)
        block = (
            hmac.new(self._secret, f"block:{year}".encode(), hashlib.sha256).hexdigest()[:16] if year else ""
        )
        return LinkageKey(clk, block)


def distinct_persons(sizes: tuple[int, ...], matched_pairs: int) -> int:
    """Persons across organisations after linkage: every record, less one per matched pair (a greedy
    one-to-one solution never matches a record twice)."""
    if matched_pairs < 0 or matched_pairs > min(sizes, default=0) * max(len(sizes) - 1, 0):
        raise ValueError("more matches than records")
    return sum(sizes) - matched_pairs
