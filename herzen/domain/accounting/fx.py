"""Currency conversion as a journal entry that records its rate, where the rate came from, and its date.

A conversion moves money out of one account in one currency and into another account in another; the FX
account takes both legs, so each currency still sums to zero and the FX account's balances show the spread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from herzen.domain.accounting.currencies import currency, round_minor
from herzen.domain.accounting.journal import JournalEntry, Posting, UnbalancedEntry


@dataclass(frozen=True)
class FxRate:
    source_currency: str
    target_currency: str
    rate: Decimal  # units of target per unit of source
    source: str  # who quoted it: "ECB reference rate", "TBC Bank counter rate"
    quoted_on: date

    def __post_init__(self) -> None:
        if self.rate <= 0:
            raise UnbalancedEntry("an exchange rate is positive")
        if not self.source.strip():
            raise UnbalancedEntry("an exchange rate says where it came from")
        if self.source_currency == self.target_currency:
            raise UnbalancedEntry("a conversion changes currency")

    def convert(self, minor: int) -> int:
        """`minor` units of the source currency in minor units of the target, rounded half to even."""
        source_exp = currency(self.source_currency).exponent
        target_exp = currency(self.target_currency).exponent
        return round_minor(Decimal(minor) * self.rate * Decimal(10) ** (target_exp - source_exp))


def conversion(entry_id: str, effective: date, *, rate: FxRate, source_account: str, target_account: str,
               fx_account: str, amount: int) -> JournalEntry:  # fmt: skip
    converted = rate.convert(amount)
    if amount <= 0 or converted <= 0:
        raise UnbalancedEntry("a conversion moves a positive amount")
    memo = (
        f"FX {rate.source_currency}->{rate.target_currency} at {rate.rate} "
        f"({rate.source}, {rate.quoted_on.isoformat()})"
    )
    postings = (
        Posting(source_account, -amount, rate.source_currency),
        Posting(fx_account, amount, rate.source_currency),
        Posting(fx_account, -converted, rate.target_currency),
        Posting(target_account, converted, rate.target_currency),
    )
    return JournalEntry(entry_id, effective, memo, postings)
