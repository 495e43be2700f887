"""A person's consent to share parts of their record with another organisation (issue 7).

Sharing is additive and explicit: `for_actor` of every other model is untouched, so another organisation
reads a person only through `herzen.sharing.selectors.shared_person_get`, and only while a consent is live.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel
from herzen.encryption.fields import EncryptedTextField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow


class SharedPart(models.TextChoices):
    """What a consent can cover. The values are herzen.audit DataCategory names, so a grantee's read is logged
    with exactly the categories the person agreed to (tested)."""

    IDENTITY = "identity", _("identity (name, sex, date of birth, citizenships, languages, profession)")
    CONTACT = "contact", _("contact points")
    DOCUMENTS = "documents", _("identity documents")
    STAYS = "stays", _("stays in transit countries")
    RISK = "risk", _("risk factors")
    HOUSEHOLD = "household", _("household (own role, other members' roles)")


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("signed consent form")
    VERBAL = "verbal", _("given verbally and recorded by staff")
    INTAKE = "intake", _("given in the intake form")


class SharingConsentQuerySet(EncryptedQuerySet):
    def live(self, today: object) -> "SharingConsentQuerySet":
        """Not revoked and not expired on `today` (valid_until is the last day it holds)."""
        return self.filter(revoked_at__isnull=True, valid_until__gte=today)


class SharingConsent(SealedRow, BaseModel):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    grantee = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation it is shared with"),
    )
    parts = models.JSONField(_("parts shared"), default=list)
    valid_until = models.DateField(_("valid until"), help_text=_("The last day the consent holds."))
    given_how = models.CharField(_("how consent was given"), max_length=16, choices=ConsentMethod.choices)
    # Free text may name people or circumstances: encrypted with the person's key like their other notes.
    note = EncryptedTextField(_("note"), blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    revoke_reason = EncryptedTextField(_("reason for revoking"), blank=True)

    # Owned by the person's organisation: only it sees, records and revokes consents.
    scope_path = "person__organisation_id"
    data_key_owner = ("person", "person_id")
    objects = SharingConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["grantee", "valid_until"], name="sharing_grantee_until")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(revoked_at__isnull=True) & Q(revoked_by__isnull=True))
                | (Q(revoked_at__isnull=False) & Q(revoked_by__isnull=False)),
                name="sharing_consent_revoked_at_iff_by",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent {str(self.pk)[:8]}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def parts_display(self) -> list[str]:
        return [str(SharedPart(part).label) for part in self.parts if part in SharedPart.values]
