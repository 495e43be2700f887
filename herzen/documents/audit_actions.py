"""The audit actions of sealed documents (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.documents.services import ISSUE_FIELDS, KEY_FIELDS, RETIRE_FIELDS, STATUS_FIELDS

_LABELS = {
    "case": _("case"),
    "application": _("application"),
    "decision": _("decision"),
    "payout": _("payout"),
    "person": _("person"),
    "status_changed_by": _("changed by"),
    "status_changed_at": _("status changed"),
}

register(
    "document.issue",
    _("Sealed document issued"),
    target="documents.issueddocument",
    fields=ISSUE_FIELDS,
    field_labels={name: label for name, label in _LABELS.items() if name in ISSUE_FIELDS},
)
register(
    "document.status",
    _("Status of a sealed document changed"),
    target="documents.issueddocument",
    fields=STATUS_FIELDS,
    field_labels={name: label for name, label in _LABELS.items() if name in STATUS_FIELDS},
)
register("seal_key.create", _("Seal signing key created"), target="documents.sealkey", fields=KEY_FIELDS)
register("seal_key.retire", _("Seal signing key retired"), target="documents.sealkey", fields=RETIRE_FIELDS)
