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

import numpy as np
from bitarray import bitarray
from pprl_core.common import destructure_digest, tokenize

from herzen.domain.names.skeleton import skeleton

FILTER_BITS = 1024

# How well the linkage finds the persons two organisations share, measured by bench/statistics.py on
# synthetic persons each organisation spells differently (ICAO passports against MVD-310, press, German and
# Cyrillic spellings, 5 % with a typo), 100k × 100k: bench/results/2026-12-08-statistics.json. Real records
# may differ.
MEASURED_RECALL = 0.996
MEASURED_PRECISION = 0.994
NAME_HASHES = 20
DATE_HASHES = 30
WHOLE_DATE_HASHES = 60


_STEPS = np.arange(1, max(NAME_HASHES, DATE_HASHES, WHOLE_DATE_HASHES) + 1, dtype=np.int64)
_CUBIC = (_STEPS**3 - _STEPS) // 6


def enhanced_double_hash_indices(h1: int, h2: int, hashes: int, bits: int) -> np.ndarray:
    """The bits pprl-core's `enhanced_double_hash(ba, hashes, h1, h2)` sets, computed at once with numpy
    (h1 + i·h2 + (i³ − i)/6 for i = 1..hashes, a negative value's bits flipped, modulo the filter's size):
    the same filter, without a Python loop per bit (tests compare the two)."""
    values = h1 + _STEPS[:hashes] * h2 + _CUBIC[:hashes]
    values = np.where(values < 0, ~values, values)
    return values % bits


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
        self._blocks: dict[str, str] = {}
        # Names and dates repeat (a coalition has thousands of Ivans): each spelling's filter is made once.
        self._part_filters: dict[tuple[str, str], bitarray] = {}

    def _empty(self) -> bitarray:
        empty = bitarray(self._bits)
        empty.setall(0)
        return empty

    def _filter_of(self, token: str, hashes: int) -> bitarray:
        cached = self._token_filters.get(token)
        if cached is None:
            digest = hmac.new(self._secret, token.encode(), hashlib.sha256).digest()
            h1, h2, _h3, _h4 = destructure_digest(digest)
            bits = np.zeros(self._bits, dtype=np.uint8)
            bits[enhanced_double_hash_indices(h1, h2, hashes, self._bits)] = 1
            cached = bitarray()
            cached.frombytes(np.packbits(bits).tobytes())
            self._token_filters[token] = cached
        return cached

    def _name_filter(self, field: str, value: str) -> bitarray:
        cached = self._part_filters.get((field, value))
        if cached is None:
            cached = self._empty()
            for token in tokenize(skeleton(value).lower()):
                cached |= self._filter_of(f"{field}:{token}", NAME_HASHES)
            self._part_filters[(field, value)] = cached
        return cached

    def _date_filter(self, birth_date: str) -> bitarray:
        cached = self._part_filters.get(("b", birth_date))
        if cached is None:
            cached = self._empty()
            if birth_date:
                # Year, month and day each (a typo in one keeps the others), and the whole date, which
                # tells apart two people of one name born in the same year.
                for part, value in zip("ymd", birth_date.split("-"), strict=False):
                    cached |= self._filter_of(f"{part}:{value}", DATE_HASHES)
                cached |= self._filter_of(f"b:{birth_date}", WHOLE_DATE_HASHES)
            self._part_filters[("b", birth_date)] = cached
        return cached

    def encode(self, person: LinkagePerson) -> LinkageKey:
        clk = self._name_filter("g", person.given_name) | self._name_filter("f", person.family_name)
        clk |= self._date_filter(person.birth_date)
        return LinkageKey(clk, self._block(person.birth_date[:4]))

    def _block(self, year: str) -> str:
        block = self._blocks.get(year)
        if block is None:
            block = (
                hmac.new(self._secret, f"block:{year}".encode(), hashlib.sha256).hexdigest()[:16]
                if year
                else ""
            )
            self._blocks[year] = block
        return block


def linkage_error_share(recall: float = MEASURED_RECALL, precision: float = MEASURED_PRECISION) -> float:
    """The most a linked count can be off, as a share of the figure, besides the noise: missed matches count
    a shared person twice ((1 - recall) of the shared persons), wrong ones count two persons as one ((1 -
    precision) of the matches); both are at most the figure itself, so the error is within this share of it."""
    return max(1.0 - recall, 1.0 - precision)


def distinct_persons(sizes: tuple[int, ...], matched_pairs: int) -> int:
    """Persons across organisations after linkage: every record, less one per matched pair (a greedy
    one-to-one solution never matches a record twice)."""
    if matched_pairs < 0 or matched_pairs > min(sizes, default=0) * max(len(sizes) - 1, 0):
        raise ValueError("more matches than records")
    return sum(sizes) - matched_pairs
