"""The audit actions of sharing consents (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.sharing.services import CONSENT_FIELDS, REVOKE_FIELDS

# Relations without a verbose name of their own.
_LABELS = {"person": _("person"), "granted_by": _("granted by"), "revoked_by": _("revoked by")}

register(
    "sharing_consent.record",
    _("Consent to share recorded"),
    target="sharing.sharingconsent",
    fields=CONSENT_FIELDS,
    field_labels={name: label for name, label in _LABELS.items() if name in CONSENT_FIELDS},
)
register(
    "sharing_consent.revoke",
    _("Consent to share revoked"),
    target="sharing.sharingconsent",
    fields=REVOKE_FIELDS,
    field_labels={name: label for name, label in _LABELS.items() if name in REVOKE_FIELDS},
)
