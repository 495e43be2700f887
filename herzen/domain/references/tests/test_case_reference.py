import re
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.references import looks_like_reference, new_reference, normalise_reference
from herzen.domain.references.case_reference import ALPHABET

CANONICAL = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}")
VALID = "K7QM-4F9X-TBF"
SAMPLE_BITS = [0, 1, 2**50 - 1, 0x2AAAAAAAAAAAA, 0x123456789ABCD, 0x3141592653589]

fifty_bit_numbers = st.integers(min_value=0, max_value=2**50 - 1)


def reference_from(bits: int) -> str:
    return new_reference(randbits=lambda _: bits)


def symbols_of(reference: str) -> str:
    return reference.replace("-", "")


def with_symbols(symbols: str) -> str:
    return f"{symbols[:4]}-{symbols[4:8]}-{symbols[8:]}"


def single_substitutions(reference: str) -> Iterator[str]:
    symbols = symbols_of(reference)
    for position, original in enumerate(symbols):
        for replacement in ALPHABET:
            if replacement != original:
                yield with_symbols(symbols[:position] + replacement + symbols[position + 1 :])


def transpositions(reference: str, distance: int) -> Iterator[str]:
    symbols = list(symbols_of(reference))
    for first in range(len(symbols) - distance):
        second = first + distance
        if symbols[first] != symbols[second]:
            swapped = symbols.copy()
            swapped[first], swapped[second] = swapped[second], swapped[first]
            yield with_symbols("".join(swapped))


def test_new_reference_has_the_canonical_shape() -> None:
    # when
    reference = new_reference()

    # then
    assert CANONICAL.fullmatch(reference)


def test_new_reference_uses_all_fifty_random_bits() -> None:
    # when
    smallest, largest = reference_from(0), reference_from(2**50 - 1)

    # then
    assert smallest == "0000-0000-000"
    assert symbols_of(largest)[:10] == "ZZZZZZZZZZ"


def test_new_reference_rejects_a_random_source_out_of_range() -> None:
    # when / then
    with pytest.raises(ValueError, match="outside"):
        reference_from(2**50)


@given(bits=fifty_bit_numbers)
def test_generated_reference_round_trips(bits: int) -> None:
    # given
    reference = reference_from(bits)

    # when / then
    assert normalise_reference(reference) == reference
    assert looks_like_reference(reference)


def test_ten_thousand_references_are_distinct() -> None:
    # when
    references = {new_reference() for _ in range(10_000)}

    # then
    assert len(references) == 10_000


@pytest.mark.parametrize("bits", SAMPLE_BITS)
def test_every_single_symbol_substitution_is_rejected(bits: int) -> None:
    # given
    reference = reference_from(bits)

    # when
    accepted = [typo for typo in single_substitutions(reference) if normalise_reference(typo) is not None]

    # then
    assert accepted == []


@pytest.mark.parametrize("bits", SAMPLE_BITS)
def test_every_adjacent_transposition_is_rejected(bits: int) -> None:
    # given
    reference = reference_from(bits)

    # when
    accepted = [typo for typo in transpositions(reference, 1) if normalise_reference(typo) is not None]

    # then
    assert accepted == []


@given(bits=fifty_bit_numbers, position=st.integers(0, 10), replacement=st.sampled_from(ALPHABET))
def test_random_single_substitution_is_rejected(bits: int, position: int, replacement: str) -> None:
    # given
    symbols = symbols_of(reference_from(bits))
    typo = with_symbols(symbols[:position] + replacement + symbols[position + 1 :])

    # when
    result = normalise_reference(typo)

    # then
    assert result is None if replacement != symbols[position] else result == typo


@given(bits=fifty_bit_numbers, distance=st.integers(1, 10))
def test_transposition_at_any_distance_is_rejected(bits: int, distance: int) -> None:
    # when
    accepted = [typo for typo in transpositions(reference_from(bits), distance) if looks_like_reference(typo)]

    # then
    assert accepted == []


@pytest.mark.parametrize(
    "sloppy",
    [
        "K7QM-4F9X-TBF",
        "k7qm-4f9x-tbf",
        "K7QM4F9XTBF",
        " k7qm 4f9x tbf ",
        "K7QM\u20134F9X\u2014TBF",  # dashes a phone keyboard substitutes for hyphens
        "\N{CYRILLIC CAPITAL LETTER KA}7Q\N{CYRILLIC SMALL LETTER EM}-4F9X-\N{CYRILLIC CAPITAL LETTER TE}BF",
        "\uff2b\uff17QM-4F9X-TBF",  # full-width letters from some phone keyboards
    ],
)
def test_sloppy_input_is_normalised(sloppy: str) -> None:
    # when / then
    assert normalise_reference(sloppy) == VALID


def test_crockford_lookalike_letters_are_read_as_digits() -> None:
    # given a reference containing 0 and 1
    reference = next(r for bits in range(10_000) if "0" in (r := reference_from(bits)) and "1" in r)

    # when
    typed = reference.replace("0", "o").replace("1", "l", 1).replace("1", "I")

    # then
    assert normalise_reference(typed) == reference


@pytest.mark.parametrize(
    "malformed",
    [
        "",
        "K7QM-4F9X-TB",  # too short
        "K7QM-4F9X-TBFZ",  # too long
        "K7QM-4F9X-TB3",  # wrong check symbol
        "K7QM-4F9X-TBU",  # U is not a Crockford symbol
        "K7QM_4F9X_TBF",
        "K7QM-4F9X-TBF!",
        "HZ-K7QM-4F9X-TBF",  # no prefix in this scheme
    ],
)
def test_malformed_input_is_rejected(malformed: str) -> None:
    # when / then
    assert normalise_reference(malformed) is None
    assert not looks_like_reference(malformed)
