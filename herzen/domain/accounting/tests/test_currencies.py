import pytest

from herzen.domain.accounting import CurrencyError, currency, format_money, to_decimal, to_minor


def test_minor_units_follow_each_currencys_exponent() -> None:
    assert to_minor("1250.50", "EUR") == 125050
    assert to_minor("1250", "JPY") == 1250
    assert to_minor("1.234", "KWD") == 1234
    assert to_minor("10,5", "GEL") == 1050
    assert currency("kzt").exponent == 2


def test_more_decimals_than_the_currency_has_is_refused() -> None:
    with pytest.raises(CurrencyError):
        to_minor("1.5", "JPY")
    with pytest.raises(CurrencyError):
        to_minor("1.005", "EUR")
    with pytest.raises(CurrencyError):
        to_minor("abc", "EUR")
    with pytest.raises(CurrencyError):
        currency("USDT")


def test_round_trip_and_format() -> None:
    assert str(to_decimal(125050, "EUR")) == "1250.50"
    assert format_money(125050, "EUR") == "1\u202f250.50 EUR"
    assert format_money(-5, "KWD") == "-0.005 KWD"
