"""The audit actions of staff accounts (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.accounts.services import ACCOUNT_FIELDS
from herzen.audit.actions import register

# allauth's kinds of second factor, as staff_authenticator_change_record names them.
_FACTORS = {
    "totp": _("authenticator app"),
    "recovery_codes": _("recovery codes"),
    "webauthn": _("security key"),
}

register(
    "account.create",
    _("Staff account created"),
    target="accounts.user",
    fields=["username", "first_name", "last_name", "email", "is_staff", "password"],
)
register("account.update", _("Staff account changed"), target="accounts.user", fields=ACCOUNT_FIELDS)
register("account.set_password", _("Password set"), target="accounts.user", fields=["password"])
register(
    "account.mfa_totp_activate",
    _("Authenticator app enrolled"),
    target="accounts.user",
    field_labels={"totp": _FACTORS["totp"]},
)
register("account.mfa_add", _("Second factor added"), target="accounts.user", field_labels=_FACTORS)
register("account.mfa_remove", _("Second factor removed"), target="accounts.user", field_labels=_FACTORS)
register("account.mfa_reset", _("Second factor renewed"), target="accounts.user", field_labels=_FACTORS)
register(
    "account.invite",
    _("Staff member invited"),
    target="accounts.user",
    fields=["username", "first_name", "last_name", "email", "is_staff"],
    field_labels={"role": _("role")},
)
register("account.invitation_accept", _("Invitation accepted"), target="accounts.user", fields=["password"])
