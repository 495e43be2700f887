"""Channel validation codes (herzen.domain.aid.channels) in the reader's language."""

from django.utils.translation import gettext as _

from herzen.domain.aid.channels import ChannelError


def channel_error_message(error: ChannelError) -> str:
    messages = {
        "required": _("This is required."),
        "too_long": _("This is too long."),
        "invalid_iban": _("This IBAN is not valid: check the country code, the length and the check digits."),
        "invalid_bic": _("This BIC is not valid."),
        "wrong_country": _("The IBAN belongs to another country than the one chosen."),
        "unsupported_country": _("Local bank files are for Georgia, Armenia and Kazakhstan."),
        "invalid_account": _("An Armenian account number has 16 digits."),
        "unsupported_network": _("Choose Tron or Ethereum."),
        "address_format": _("This is not a wallet address of the chosen network."),
        "address_checksum": _(
            "The address's checksum does not match: it was probably mistyped. Copy it again."
        ),
        "address_lowercase": _("Paste the address with its mixed capital letters (the checksummed form)."),
        "invalid_phone": _("Enter the phone number with its country code."),
    }
    return messages.get(error.code, _("This value is not valid."))
