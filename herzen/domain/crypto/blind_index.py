"""Blind indexes: truncated keyed hashes that let the database find candidates without holding plaintext.

Each index has its own key, derived with HKDF-SHA256 from one root secret and the index name (so the
index of document numbers says nothing about the index of phone numbers, and neither needs the KEK).
An index value is HMAC-SHA256(index key, normalised value) truncated to a few bits: deliberately so short
that unrelated values share it. A lookup returns every record in the bucket; the caller decrypts those
candidates and keeps the real matches. Someone holding the database sees only buckets of several records.

Sizing follows CipherSweet's planner (paragonie/ciphersweet src/Planner/FieldIndexPlanner.php): with R
distinct indexed values and L bits, the expected number of values sharing an index value is C = R / 2^L,
and a safe L keeps 2 <= C <= sqrt(R). "On average 2" still leaves many buckets with a single value, so
Herzen adds a stricter rule: treating bucket sizes as Poisson(C), the expected number of buckets that
hold fewer than `min_matches` values must stay below `tolerance`. `plan_index_bits` takes the largest L
that satisfies both; docs/encryption.md lists the numbers at the demo's population.
"""

import hashlib
import hmac
import math
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAX_BITS = 32
_SALT = b"herzen-blind-index/v1"


def derive_index_key(root_secret: bytes, index_name: str) -> bytes:
    if len(root_secret) < 32:
        raise ValueError("The blind-index root secret has at least 256 bits.")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=index_name.encode()).derive(
        root_secret
    )


def blind_index(index_key: bytes, normalised_value: str, bits: int) -> str:
    """The truncated index value, as hexadecimal (ceil(bits / 4) digits)."""
    if not 1 <= bits <= MAX_BITS:
        raise ValueError(f"A blind index has 1 to {MAX_BITS} bits.")
    digest = hmac.new(index_key, normalised_value.encode(), hashlib.sha256).digest()
    value = int.from_bytes(digest[:4], "big") >> (MAX_BITS - bits)
    return format(value, f"0{math.ceil(bits / 4)}x")


@dataclass(frozen=True)
class IndexPlan:
    population: int  # distinct values expected in the index
    bits: int
    ciphersweet_min_bits: int  # C <= sqrt(R)
    ciphersweet_max_bits: int  # C >= min_matches
    expected_per_value: float  # C at the chosen bits
    expected_lonely_values: float  # buckets holding 1..min_matches-1 values (Poisson estimate)


def _lonely_buckets(population: int, bits: int, min_matches: int) -> float:
    buckets = 1 << bits
    mean = population / buckets
    # log-space Poisson terms: mean^k e^-mean / k!
    lonely = 0.0
    for k in range(1, min_matches):
        lonely += math.exp(k * math.log(mean) - mean - math.lgamma(k + 1))
    return buckets * lonely


def plan_index_bits(population: int, *, min_matches: int = 2, tolerance: float = 0.01) -> IndexPlan:
    """The largest truncation (bits) at which every index value still matches >= min_matches values."""
    if population < 2 * min_matches:
        raise ValueError("Too few values for a blind index to hide anything: do not index them.")
    cs_min = max(1, math.ceil(math.log2(population) / 2))
    cs_max = max(1, math.floor(math.log2(population / min_matches)))
    bits = 1
    for candidate in range(1, min(cs_max, MAX_BITS) + 1):
        if _lonely_buckets(population, candidate, min_matches) <= tolerance:
            bits = candidate
    return IndexPlan(
        population=population,
        bits=bits,
        ciphersweet_min_bits=cs_min,
        ciphersweet_max_bits=cs_max,
        expected_per_value=population / (1 << bits),
        expected_lonely_values=_lonely_buckets(population, bits, min_matches),
    )
