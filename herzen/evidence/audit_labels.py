"""How the audit events of evidence read in a page's history (herzen.web.history shows them)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "evidence.add": _("Evidence added"),
    "evidence.update": _("Evidence changed"),
    "evidence.corroborate": _("Public source cited"),
    "evidence.vouch": _("Vouched for"),
    "evidence.withdraw_vouch": _("Vouch withdrawn"),
    "evidence.flag_fraud": _("Flagged as falsified"),
    "application.export_dossier": _("Dossier exported"),
    "application.export_list": _("Sent in a referral list"),
}
