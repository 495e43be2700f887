"""ISO 4217 currencies with their minor-unit exponents, and amounts held as whole minor units.

Money is never a float: an amount is an integer count of the currency's minor unit (cents, tetri, luma),
so sums are exact and a ledger balances to the last unit. USDT is not an ISO 4217 currency; a crypto payout is
booked in the programme's currency, with the stablecoin amount and the transaction hash kept as proof.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation


class CurrencyError(ValueError):
    """Not an ISO 4217 currency Herzen knows, or an amount that does not fit its minor unit."""


@dataclass(frozen=True)
class Currency:
    code: str
    exponent: int  # digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD
    name: str


# The currencies of the countries exiles pass through and of the funders that pay them (ISO 4217, 2024).
_TABLE = (
    ("AMD", 2, "Armenian dram"), ("AZN", 2, "Azerbaijani manat"), ("BHD", 3, "Bahraini dinar"),
    ("BYN", 2, "Belarusian ruble"), ("CAD", 2, "Canadian dollar"), ("CHF", 2, "Swiss franc"),
    ("CZK", 2, "Czech koruna"), ("DKK", 2, "Danish krone"), ("EUR", 2, "Euro"), ("GBP", 2, "Pound sterling"),
    ("GEL", 2, "Georgian lari"), ("HUF", 2, "Forint"), ("ILS", 2, "New Israeli sheqel"),
    ("JPY", 0, "Yen"), ("KGS", 2, "Som"), ("KWD", 3, "Kuwaiti dinar"), ("KZT", 2, "Tenge"),
    ("MDL", 2, "Moldovan leu"), ("MNT", 2, "Tugrik"), ("NOK", 2, "Norwegian krone"), ("PLN", 2, "Zloty"),
    ("RON", 2, "Romanian leu"), ("RSD", 2, "Serbian dinar"), ("RUB", 2, "Russian ruble"),
    ("SEK", 2, "Swedish krona"), ("TJS", 2, "Somoni"), ("TRY", 2, "Turkish lira"), ("UAH", 2, "Hryvnia"),
    ("USD", 2, "US dollar"), ("UZS", 2, "Uzbekistan sum"), ("AED", 2, "UAE dirham"),
)  # fmt: skip
CURRENCIES: dict[str, Currency] = {code: Currency(code, exponent, name) for code, exponent, name in _TABLE}


def currency(code: str) -> Currency:
    try:
        return CURRENCIES[code.upper()]
    except KeyError:
        raise CurrencyError(f"{code!r} is not an ISO 4217 currency Herzen knows") from None


def to_minor(text: str | Decimal, code: str) -> int:
    """A decimal amount ("1250.50") in whole minor units; more decimals than the currency has is an error."""
    exponent = currency(code).exponent
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise CurrencyError(f"{text!r} is not an amount") from None
    if not value.is_finite():
        raise CurrencyError(f"{text!r} is not an amount")
    scaled = value.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise CurrencyError(f"{code} has {exponent} decimal places; {text!r} has more")
    return int(scaled)


def to_decimal(minor: int, code: str) -> Decimal:
    exponent = currency(code).exponent
    return Decimal(minor).scaleb(-exponent).quantize(Decimal(1).scaleb(-exponent))


def format_money(minor: int, code: str) -> str:
    """ "1 250.50 EUR": grouped with a narrow space so Russian, German and English readers all read it."""
    value = to_decimal(minor, code)
    exponent = currency(code).exponent
    whole = f"{abs(value):,.{exponent}f}".replace(",", "\u202f")
    return f"{'-' if value < 0 else ''}{whole} {code}"


def round_minor(value: Decimal) -> int:
    """Half to even, the bankers' rounding, so repeated conversions do not drift one way."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
