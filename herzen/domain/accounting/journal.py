"""Journal entries: postings that sum to zero per currency, immutable once made, corrected only by reversal.

Sign convention: a positive amount is a debit (money arriving in an account), a negative one a credit. An
entry's postings in each currency cancel out, so money is never created or lost, only moved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from herzen.domain.accounting.currencies import currency


class UnbalancedEntry(ValueError):
    """An entry whose postings do not sum to zero in some currency, or that is otherwise malformed."""


class AccountKind(StrEnum):
    """The accounts of a programme's money, in the order money flows through them."""

    FUNDING = "funding"  # what the funder contributed (a credit: the source of the budget)
    BUDGET = "budget"  # budget not yet committed to a grant
    COMMITTED = "committed"  # approved grants not yet sent
    IN_TRANSIT = "in_transit"  # payouts sent, not yet confirmed
    PAID = "paid"  # confirmed as received
    RETURNED = "returned"  # failed or returned payouts waiting for another channel
    FEES = "fees"  # bank and operator fees
    FX = "fx"  # currency conversion (balances per currency, not in total)


@dataclass(frozen=True)
class Posting:
    account: str  # the account's stable key, e.g. "<programme id>:committed"
    amount: int  # minor units; positive debit, negative credit
    currency: str


@dataclass(frozen=True)
class JournalEntry:
    entry_id: str
    effective: date
    memo: str
    postings: tuple[Posting, ...]
    reverses: str | None = None  # the entry this one cancels

    def __post_init__(self) -> None:
        check_balanced(self.postings)


def sums_by_currency(postings: Iterable[Posting]) -> dict[str, int]:
    sums: dict[str, int] = defaultdict(int)
    for posting in postings:
        sums[posting.currency] += posting.amount
    return dict(sums)


def check_balanced(postings: tuple[Posting, ...]) -> None:
    if len(postings) < 2:
        raise UnbalancedEntry("an entry moves money between at least two postings")
    for posting in postings:
        currency(posting.currency)  # an unknown currency is refused here
        if not isinstance(posting.amount, int) or isinstance(posting.amount, bool):
            raise UnbalancedEntry(f"amounts are whole minor units, got {posting.amount!r}")
        if posting.amount == 0:
            raise UnbalancedEntry(f"a posting to {posting.account} moves nothing")
    unbalanced = {code: total for code, total in sums_by_currency(postings).items() if total}
    if unbalanced:
        raise UnbalancedEntry(f"postings do not sum to zero: {unbalanced}")


def transfer(entry_id: str, effective: date, memo: str, *, source: str, target: str, amount: int,
             currency_code: str) -> JournalEntry:  # fmt: skip
    """Move `amount` from `source` to `target`: the commonest entry, two postings."""
    if amount <= 0:
        raise UnbalancedEntry("a transfer moves a positive amount")
    return JournalEntry(
        entry_id,
        effective,
        memo,
        (Posting(source, -amount, currency_code), Posting(target, amount, currency_code)),
    )


def reversal(entry: JournalEntry, entry_id: str, effective: date, memo: str = "") -> JournalEntry:
    """The entry that cancels `entry` exactly: every posting negated. The original stays as it was."""
    if entry.reverses is not None:
        raise UnbalancedEntry("a reversal is not itself reversed; post the movement again instead")
    postings = tuple(Posting(p.account, -p.amount, p.currency) for p in entry.postings)
    return JournalEntry(
        entry_id, effective, memo or f"reversal of {entry.entry_id}", postings, entry.entry_id
    )


Balances = Mapping[tuple[str, str], int]  # (account, currency) -> minor units


def balances_of(entries: Iterable[JournalEntry]) -> dict[tuple[str, str], int]:
    """Every account's balance per currency, summed from the postings: the truth the kept balances must match."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for entry in entries:
        for posting in entry.postings:
            totals[(posting.account, posting.currency)] += posting.amount
    return {key: value for key, value in totals.items() if value}


def apply(balances: Balances, entry: JournalEntry) -> dict[tuple[str, str], int]:
    """Kept balances after one more entry (a new mapping; the old one is untouched)."""
    updated = dict(balances)
    for posting in entry.postings:
        key = (posting.account, posting.currency)
        updated[key] = updated.get(key, 0) + posting.amount
        if not updated[key]:
            del updated[key]
    return updated


@dataclass(frozen=True)
class Discrepancy:
    account: str
    currency: str
    kept: int
    from_postings: int


def verify(kept: Balances, from_postings: Balances) -> list[Discrepancy]:
    """Every account whose kept balance differs from the sum of its postings (empty: the books agree)."""
    keys = sorted({key for key, value in kept.items() if value} | set(from_postings))
    return [
        Discrepancy(account, code, kept.get((account, code), 0), from_postings.get((account, code), 0))
        for account, code in keys
        if kept.get((account, code), 0) != from_postings.get((account, code), 0)
    ]
