"""Money as double-entry bookkeeping: integer minor units of ISO 4217 currencies, journal entries whose postings
sum to zero per currency, immutable entries corrected by reversal, recorded FX conversions, and balances that
can always be checked against the postings. Pure Python; `herzen.aid` keeps the books in the database.

    entry = transfer("e1", today, "grant approved", source=budget, target=committed, amount=50000,
                     currency_code="EUR")
    kept = apply(kept, entry)
    assert not verify(kept, balances_of(entries))
"""

from herzen.domain.accounting.currencies import (
    CURRENCIES,
    Currency,
    CurrencyError,
    currency,
    format_money,
    to_decimal,
    to_minor,
)
from herzen.domain.accounting.fx import FxRate, conversion
from herzen.domain.accounting.journal import (
    AccountKind,
    Balances,
    Discrepancy,
    JournalEntry,
    Posting,
    UnbalancedEntry,
    apply,
    balances_of,
    check_balanced,
    reversal,
    sums_by_currency,
    transfer,
    verify,
)

__all__ = [
    "CURRENCIES",
    "AccountKind",
    "Balances",
    "Currency",
    "CurrencyError",
    "Discrepancy",
    "FxRate",
    "JournalEntry",
    "Posting",
    "UnbalancedEntry",
    "apply",
    "balances_of",
    "check_balanced",
    "conversion",
    "currency",
    "format_money",
    "reversal",
    "sums_by_currency",
    "to_decimal",
    "to_minor",
    "transfer",
    "verify",
]
