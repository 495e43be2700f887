"""Writes of the evidence app: evidence and vouches, and the audited exports and imports of referrals."""

from herzen.evidence.services.decisions import ImportResult, decisions_import
from herzen.evidence.services.evidence import (
    evidence_add,
    evidence_corroborate,
    evidence_flag_fraud,
    evidence_update,
    evidence_vouch,
    vouch_withdraw,
)
from herzen.evidence.services.exports import ExportFile, dossier_export, referral_list_export

__all__ = [
    "ExportFile",
    "ImportResult",
    "decisions_import",
    "dossier_export",
    "evidence_add",
    "evidence_corroborate",
    "evidence_flag_fraud",
    "evidence_update",
    "evidence_vouch",
    "referral_list_export",
    "vouch_withdraw",
]
