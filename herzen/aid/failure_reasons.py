"""Why a payout failed: the ISO 20022 reason codes a bank status report carries (and a caseworker chooses from
when a cash handover, a crypto transfer or an operator's order fails), in the reader's language."""

from django.utils.translation import gettext_lazy as _

FAILURE_REASONS = {
    "AC01": _("the account number is wrong"),
    "AC04": _("the account is closed"),
    "AC06": _("the account is blocked"),
    "AG01": _("the bank does not allow this transfer"),
    "MS03": _("another reason"),
}


def failure_reason_label(code: str) -> str:
    """The reason in words; a code nobody listed (from a bank's report) is shown with a neutral phrase."""
    label = FAILURE_REASONS.get(code)
    return str(label) if label is not None else str(_("the bank gave reason code %(code)s") % {"code": code})
