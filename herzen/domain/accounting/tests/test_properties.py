"""Property tests: whatever sequence of movements, reversals and conversions is posted, the books balance."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herzen.domain.accounting import (
    CurrencyError,
    FxRate,
    JournalEntry,
    Posting,
    UnbalancedEntry,
    apply,
    balances_of,
    conversion,
    reversal,
    sums_by_currency,
    transfer,
    verify,
)

TODAY = date(2026, 12, 7)
ACCOUNTS = ["p:funding", "p:budget", "p:committed", "p:in_transit", "p:paid", "p:returned", "p:fees", "p:fx"]
CODES = ["EUR", "GEL", "KZT", "JPY", "KWD"]

movement = st.tuples(
    st.sampled_from(ACCOUNTS), st.sampled_from(ACCOUNTS), st.integers(1, 10**12), st.sampled_from(CODES)
).filter(lambda m: m[0] != m[1])
conversion_step = st.tuples(
    st.sampled_from(CODES),
    st.sampled_from(CODES),
    st.integers(1, 10**9),
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("10000"), places=4),
).filter(lambda c: c[0] != c[1])
step = st.one_of(
    st.tuples(st.just("move"), movement),
    st.tuples(st.just("reverse"), st.integers(0, 10**6)),
    st.tuples(st.just("convert"), conversion_step),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(step, max_size=40))
def test_no_sequence_of_operations_unbalances_the_ledger_and_balances_equal_postings(
    steps: list[tuple[str, Any]],
) -> None:
    entries: list[JournalEntry] = []
    kept: dict[tuple[str, str], int] = {}
    for number, (kind, args) in enumerate(steps):
        entry_id = f"e{number}"
        if kind == "move":
            source, target, amount, code = args
            entry = transfer(
                entry_id, TODAY, "move", source=source, target=target, amount=amount, currency_code=code
            )
        elif kind == "reverse":
            originals = [e for e in entries if e.reverses is None]
            if not originals:
                continue
            entry = reversal(originals[args % len(originals)], entry_id, TODAY)
        else:
            source_code, target_code, amount, rate = args
            fx = FxRate(source_code, target_code, rate, "test quote", TODAY)
            try:
                entry = conversion(
                    entry_id, TODAY, rate=fx, source_account="p:budget", target_account="p:budget",
                    fx_account="p:fx", amount=amount,
                )  # fmt: skip
            except UnbalancedEntry:
                continue  # converts to less than one minor unit: refused, nothing posted
        entries.append(entry)
        kept = apply(kept, entry)
        assert not any(sums_by_currency(entry.postings).values())
    assert not verify(kept, balances_of(entries))
    totals: dict[str, int] = {}
    for (_, code), value in kept.items():
        totals[code] = totals.get(code, 0) + value
    assert not any(totals.values()), "every currency sums to zero across the whole ledger"


@settings(max_examples=150, deadline=None)
@given(st.lists(movement, min_size=1, max_size=20), movement)
def test_a_reversal_restores_balances_exactly(
    history: list[tuple[str, str, int, str]], extra: tuple[str, str, int, str]
) -> None:
    entries = [
        transfer(f"e{i}", TODAY, "m", source=s, target=t, amount=a, currency_code=c)
        for i, (s, t, a, c) in enumerate(history)
    ]
    before = balances_of(entries)
    source, target, amount, code = extra
    added = transfer("x", TODAY, "m", source=source, target=target, amount=amount, currency_code=code)
    after = apply(apply(before, added), reversal(added, "x-rev", TODAY))
    assert after == before


def test_unbalanced_entries_are_refused() -> None:
    with pytest.raises(UnbalancedEntry):
        JournalEntry("e", TODAY, "m", (Posting("a", 100, "EUR"), Posting("b", -99, "EUR")))
    with pytest.raises(UnbalancedEntry):  # balanced in total, not per currency
        JournalEntry("e", TODAY, "m", (Posting("a", 100, "EUR"), Posting("b", -100, "GEL")))
    with pytest.raises(CurrencyError):
        JournalEntry("e", TODAY, "m", (Posting("a", 100, "XXX"), Posting("b", -100, "XXX")))
    with pytest.raises(UnbalancedEntry):
        JournalEntry("e", TODAY, "m", (Posting("a", 0, "EUR"), Posting("b", 0, "EUR")))


def test_entries_are_immutable() -> None:
    entry = transfer("e", TODAY, "m", source="a", target="b", amount=5, currency_code="EUR")
    with pytest.raises(AttributeError):
        entry.memo = "changed"  # type: ignore[misc]


def test_a_reversal_is_not_reversed_again() -> None:
    entry = transfer("e", TODAY, "m", source="a", target="b", amount=5, currency_code="EUR")
    with pytest.raises(UnbalancedEntry):
        reversal(reversal(entry, "r", TODAY), "rr", TODAY)


def test_conversion_records_rate_source_and_date() -> None:
    rate = FxRate("EUR", "GEL", Decimal("2.9312"), "ECB reference rate", date(2026, 12, 4))
    entry = conversion(
        "fx1", TODAY, rate=rate, source_account="a", target_account="b", fx_account="fx", amount=100_00
    )
    assert "2.9312" in entry.memo
    assert "ECB reference rate" in entry.memo
    assert "2026-12-04" in entry.memo
    assert Posting("b", 293_12, "GEL") in entry.postings
