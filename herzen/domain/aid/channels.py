"""Payout channels, each with its own validation of the details a payout needs.

Details are plain dicts (stored encrypted by the app); `check_details` returns them normalised or raises
ChannelError naming the field and a code the app turns into a translated message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from herzen.domain.aid.crypto_addresses import AddressError, Network, check_address


class ChannelKind(StrEnum):
    SEPA = "sepa"  # bank transfer in euro inside SEPA, sent in a pain.001 batch
    LOCAL_BANK = "local_bank"  # a bank in Georgia, Armenia or Kazakhstan, sent in the bank's CSV format
    CASH = "cash"  # handed over against a signed receipt
    CRYPTO = "crypto"  # USDT on Tron or Ethereum
    OPERATOR = "operator"  # card or money-transfer operator (Korona, Unistream, Wise...)


class ChannelError(ValueError):
    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


# Local banks: the countries whose exiles Herzen pays, and whether the banks publish a bulk-payment template.
# Georgia and Kazakhstan use IBANs; Armenia does not (16-digit account numbers).
LOCAL_BANK_COUNTRIES = {"GE": "iban", "KZ": "iban", "AM": "account"}
_ARMENIAN_ACCOUNT = re.compile(r"\d{16}")
_PHONE = re.compile(r"\+?\d{7,15}")


def _text(details: Mapping[str, object], field: str, *, required: bool = True, limit: int = 140) -> str:
    value = str(details.get(field) or "").strip()
    if required and not value:
        raise ChannelError(field, "required")
    if len(value) > limit:
        raise ChannelError(field, "too_long")
    return value


def _iban(details: Mapping[str, object]) -> str:
    try:
        return IBAN(_text(details, "iban")).compact
    except SchwiftyException:
        raise ChannelError("iban", "invalid_iban") from None


def _check_sepa(details: Mapping[str, object]) -> dict[str, str]:
    iban = _iban(details)
    bic_text = _text(details, "bic", required=False)
    try:
        bic = str(BIC(bic_text)) if bic_text else str(IBAN(iban).bic or "")
    except SchwiftyException:
        raise ChannelError("bic", "invalid_bic") from None
    if not bic:
        raise ChannelError("bic", "required")
    return {"account_holder": _text(details, "account_holder", limit=70), "iban": iban, "bic": bic}


def _check_local_bank(details: Mapping[str, object]) -> dict[str, str]:
    country = _text(details, "country").upper()
    if country not in LOCAL_BANK_COUNTRIES:
        raise ChannelError("country", "unsupported_country")
    holder = _text(details, "account_holder", limit=70)
    bank = _text(details, "bank_name", limit=70)
    if LOCAL_BANK_COUNTRIES[country] == "iban":
        iban = _iban(details)
        if not iban.startswith(country):
            raise ChannelError("iban", "wrong_country")
        return {"country": country, "account_holder": holder, "bank_name": bank, "iban": iban}
    account = re.sub(r"[\s-]", "", _text(details, "account_number"))
    if not _ARMENIAN_ACCOUNT.fullmatch(account):
        raise ChannelError("account_number", "invalid_account")
    return {"country": country, "account_holder": holder, "bank_name": bank, "account_number": account}


def _check_cash(details: Mapping[str, object]) -> dict[str, str]:
    return {"place": _text(details, "place", required=False), "recipient": _text(details, "recipient")}


def _check_crypto(details: Mapping[str, object]) -> dict[str, str]:
    try:
        network = Network(_text(details, "network"))
    except ValueError:
        raise ChannelError("network", "unsupported_network") from None
    try:
        address = check_address(network, _text(details, "address"))
    except AddressError as error:
        raise ChannelError("address", f"address_{error.code}") from None
    return {"network": network.value, "address": address}


def _check_operator(details: Mapping[str, object]) -> dict[str, str]:
    phone = re.sub(r"[\s()-]", "", _text(details, "phone", required=False))
    if phone and not _PHONE.fullmatch(phone):
        raise ChannelError("phone", "invalid_phone")
    return {
        "operator": _text(details, "operator", limit=70),
        "recipient": _text(details, "recipient"),
        "phone": phone,
    }


_CHECKS = {
    ChannelKind.SEPA: _check_sepa,
    ChannelKind.LOCAL_BANK: _check_local_bank,
    ChannelKind.CASH: _check_cash,
    ChannelKind.CRYPTO: _check_crypto,
    ChannelKind.OPERATOR: _check_operator,
}


def check_details(kind: ChannelKind, details: Mapping[str, object]) -> dict[str, str]:
    return _CHECKS[kind](details)
