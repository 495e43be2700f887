"""Case reference numbers: short, easy to read over a phone, and unguessable.

Canonical form: ``K7QM-4F9X-TB3`` -- eleven Crockford base32 symbols in groups of 4-4-3.
The first ten carry 50 random bits from `secrets`; the eleventh is a check symbol.

There is no prefix such as "HZ-": it would lengthen every phone call while carrying no
information, because the screens and letters that show a reference already label it.

Why this check symbol: Crockford's own mod-37 check needs five extra symbols (``*~$=U``)
that are awkward to say aloud and to type on a phone keyboard. A plain weighted sum mod 32
cannot do the job either: 32 is not prime, and weights that catch every substitution (odd
weights) differ by even numbers, so some adjacent transpositions slip through. Instead the
symbols are treated as elements of the finite field GF(32) and the check makes

    s1*a^10 + s2*a^9 + ... + s10*a + check = 0      (a = x, modulo x^5 + x^2 + 1)

A field has no zero divisors, so a single wrong symbol changes the sum by a^j * e != 0.
Swapping two different symbols j and j+t apart changes it by (s - s') * a^j * (a^t - 1),
which is non-zero because `a` has multiplicative order 31 and t <= 10. So every single
substitution and every transposition, adjacent or not, is detected; a random string passes
with probability 1/32.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Callable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
RANDOM_SYMBOLS = 10
_BITS_PER_SYMBOL = 5
_RANDOM_BITS = RANDOM_SYMBOLS * _BITS_PER_SYMBOL
_GROUP_SIZES = (4, 4, 3)
_FIELD_MODULUS = 0b100101  # x^5 + x^2 + 1, irreducible over GF(2)
_SYMBOL_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}

# Crockford decoding rules, plus Cyrillic capitals that look exactly like Latin ones:
# people typing on a Russian keyboard layout produce them without noticing.
_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "I": "1",
        "L": "1",
        "\N{CYRILLIC CAPITAL LETTER A}": "A",
        "\N{CYRILLIC CAPITAL LETTER VE}": "B",
        "\N{CYRILLIC CAPITAL LETTER IE}": "E",
        "\N{CYRILLIC CAPITAL LETTER KA}": "K",
        "\N{CYRILLIC CAPITAL LETTER EM}": "M",
        "\N{CYRILLIC CAPITAL LETTER EN}": "H",
        "\N{CYRILLIC CAPITAL LETTER O}": "0",
        "\N{CYRILLIC CAPITAL LETTER ER}": "P",
        "\N{CYRILLIC CAPITAL LETTER ES}": "C",
        "\N{CYRILLIC CAPITAL LETTER TE}": "T",
        "\N{CYRILLIC CAPITAL LETTER HA}": "X",
    }
)
# Spaces and the dashes phones substitute for a typed hyphen.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def _times_x(value: int) -> int:
    value <<= 1
    return value ^ _FIELD_MODULUS if value & 0b100000 else value


def _check_value(values: list[int]) -> int:
    """The symbol that brings the weighted GF(32) sum of `values` plus itself to zero."""
    total = 0
    for value in values:
        total = _times_x(total) ^ value  # Horner's rule; addition in GF(2^5) is XOR
    return _times_x(total)


def _formatted(symbols: str) -> str:
    groups = []
    start = 0
    for size in _GROUP_SIZES:
        groups.append(symbols[start : start + size])
        start += size
    return "-".join(groups)


def new_reference(randbits: Callable[[int], int] = secrets.randbits) -> str:
    """A fresh random reference in canonical form; `randbits` is replaceable for tests."""
    bits = randbits(_RANDOM_BITS)
    if not 0 <= bits < 1 << _RANDOM_BITS:
        raise ValueError(f"randbits({_RANDOM_BITS}) returned {bits}, outside 0..2**{_RANDOM_BITS}-1")
    values = [(bits >> (_BITS_PER_SYMBOL * position)) & 0b11111 for position in range(RANDOM_SYMBOLS)]
    values.append(_check_value(values))
    return _formatted("".join(ALPHABET[value] for value in values))


def normalise_reference(text: str) -> str | None:
    """The canonical form of a reference typed sloppily, or None if it is not a valid one.

    Accepts any letter case, spaces or missing hyphens, O for 0 and I or L for 1.
    """
    cleaned = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper().translate(_LOOKALIKES)
    if len(cleaned) != RANDOM_SYMBOLS + 1 or any(symbol not in _SYMBOL_VALUES for symbol in cleaned):
        return None
    values = [_SYMBOL_VALUES[symbol] for symbol in cleaned]
    if _check_value(values[:-1]) != values[-1]:
        return None
    return _formatted(cleaned)


def looks_like_reference(text: str) -> bool:
    return normalise_reference(text) is not None
