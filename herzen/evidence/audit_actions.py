"""The audit actions of evidence, vouches and what is sent to authorities (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.evidence.services.evidence import EDITABLE_FIELDS

_FILE = ["file_name", "content_type", "file_size", "sha256", "original_sha256", "scan_status"]

register(
    "evidence.add",
    _("Evidence added"),
    target="evidence.evidenceitem",
    fields=[*EDITABLE_FIELDS, "person", "risk_factors", "channel", *_FILE],
)
register(
    "evidence.update",
    _("Evidence changed"),
    target="evidence.evidenceitem",
    fields=[*EDITABLE_FIELDS, "risk_factors"],
)
register(
    "evidence.corroborate",
    _("Public source cited"),
    target="evidence.evidenceitem",
    fields=["verification_status", "corroboration_source", "corroboration_reference"],
)
register(
    "evidence.vouch",
    _("Vouched for"),
    target="evidence.vouch",
    fields=["statement", "evidence.verification_status"],
)
register(
    "evidence.withdraw_vouch",
    _("Vouch withdrawn"),
    target="evidence.vouch",
    fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "evidence.verification_status"],
)
register(
    "evidence.flag_fraud",
    _("Flagged as falsified"),
    target="evidence.evidenceitem",
    fields=["verification_status", "fraud_reason", "flagged_by", "flagged_at"],
)
register("application.export_dossier", _("Dossier exported"), target="pathways.application")
register("application.export_list", _("Sent in a referral list"), target="pathways.application")
register("decisions.import", _("Referral list of decisions imported"), target="organisations.organisation")
