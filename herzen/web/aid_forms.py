"""Forms of the aid pages: proposing a grant, a payout's channel and its details, proof, failure, bank files.
Parsing only: the channel's rules (IBAN, BIC, wallet checksum) live in herzen.domain.aid.channels, reached
through the payout services, whose errors are put back beside these fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from herzen.aid.failure_reasons import FAILURE_REASONS
from herzen.aid.models import CHANNEL_CHOICES, Programme
from herzen.people.models import Person

# The details each channel asks for, in the order the page shows them (field names as the channel checks them).
CHANNEL_FIELDS = {
    "sepa": ("account_holder", "iban", "bic"),
    "local_bank": ("country", "bank_name", "account_holder", "iban", "account_number"),
    "cash": ("recipient", "place"),
    "crypto": ("network", "address"),
    "operator": ("operator", "recipient", "phone"),
}


DETAIL_GROUPS = (
    (
        _("Bank transfer: SEPA, or a local bank in Georgia, Armenia or Kazakhstan"),
        ("account_holder", "iban", "bic", "country", "bank_name", "account_number"),
    ),
    (_("Cash, or a card or money-transfer operator"), ("recipient", "place", "operator", "phone")),
    (_("USDT"), ("network", "address")),
)


class GrantStartForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    case_reference = forms.CharField(label=_("Case reference number"), max_length=40)

    def __init__(self, *args: Any, programmes: Iterable[Programme] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", "—"), *((str(p.pk), p.title) for p in programmes)]


class GrantProposeForm(forms.Form):
    payee = forms.ChoiceField(label=_("Paid to"), help_text=_("A member of the case's household."))

    def __init__(self, *args: Any, payees: Iterable[Person] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payee"].choices = [(str(p.pk), p.full_name) for p in payees]


def _text(label: Any, **extra: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=140, **extra)


class PayoutForm(forms.Form):
    """One form for every channel: the chosen channel's service checks only its own details."""

    mark_optional = False  # which details are needed depends on the channel (each group says so)
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", "—"), *CHANNEL_CHOICES])
    account_holder = _text(_("Account holder"))
    iban = _text(_("IBAN"))
    bic = _text(_("BIC"), help_text=_("Can be left empty when the IBAN names the bank."))
    country = forms.ChoiceField(
        label=_("Country of the bank"),
        required=False,
        choices=[("", "—"), ("GE", _("Georgia")), ("AM", _("Armenia")), ("KZ", _("Kazakhstan"))],
    )
    bank_name = _text(_("Bank"))
    account_number = _text(_("Account number"), help_text=_("Armenian banks: 16 digits instead of an IBAN."))
    recipient = _text(_("Recipient"))
    place = _text(_("Where the cash is handed over"))
    network = forms.ChoiceField(
        label=_("Network"),
        required=False,
        choices=[("", "—"), ("tron", _("Tron (USDT TRC-20)")), ("ethereum", _("Ethereum (USDT ERC-20)"))],
    )
    address = _text(_("Wallet address"))
    operator = _text(_("Operator"), help_text=_("For example Korona, Unistream or a card issuer."))
    phone = _text(_("Recipient's phone"))
    rerouted_from = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def details(self) -> dict[str, str]:
        channel = self.cleaned_data.get("channel", "")
        return {name: self.cleaned_data.get(name) or "" for name in CHANNEL_FIELDS.get(channel, ())}

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The details, grouped as the channels use them (each field once)."""
        return [(label, [self[name] for name in names]) for label, names in DETAIL_GROUPS]


class PayoutConfirmForm(forms.Form):
    proof = forms.CharField(
        label=_("Transaction hash or operator's reference"), required=False, max_length=200
    )
    receipt = forms.FileField(label=_("Signed receipt (a scan or a photo)"), required=False)


class PayoutFailForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why it failed"),
        choices=[("", "—"), *((code, label) for code, label in FAILURE_REASONS.items())],
    )


class StatusReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of report"),
        choices=[
            ("pain.002", _("payment status report (pain.002)")),
            ("camt.054", _("debit/credit notification (camt.054)")),
        ],
    )
    file = forms.FileField(label=_("File from the bank"))
