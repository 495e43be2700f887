"""Issued documents and the public halves of the keys that seal them.

A private seal key never enters the database: `SealKey` keeps the certificate (public) and the key id, and
the key itself lives in the key store (herzen.documents.keystore). The document keeps what its paper prints,
sealed with the holder's data key, and its token (which holds no personal data, only a salted hash).
"""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.actor import Actor
from herzen.core.models import BaseModel
from herzen.encryption.fields import EncryptedCharField, EncryptedDateField, EncryptedJSONField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow


class SealKey(BaseModel):
    """One signing key of an issuing organisation (the newest unretired one signs; older ones still verify)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kid = models.CharField(_("key id"), max_length=16, unique=True)  # hex of the 8-byte DCC key id
    certificate_pem = models.TextField(_("certificate"))
    not_after = models.DateTimeField(_("certificate valid until"))
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.kid


class DocumentStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class DocumentQuerySet(EncryptedQuerySet):
    def for_actor(self, actor: Actor) -> Self:
        """The issuing organisation sees its documents; the NGO whose case it is sees them too."""
        if actor.organisation is None:
            return self.none()
        mine = actor.organisation.pk
        return self.filter(Q(organisation_id=mine) | Q(case__organisation_id=mine))


class IssuedDocument(SealedRow, BaseModel):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        "pathways.Application", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        "pathways.ApplicationDecision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The payment an aid receipt states (herzen.aid); empty for every other type.
    payout = models.ForeignKey(
        "aid.Payout", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    document_type = models.CharField(_("document"), max_length=32)
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=32)
    holder_name = EncryptedCharField(_("holder"), max_length=300)
    holder_name_latin = EncryptedCharField(_("holder (Latin)"), max_length=300)
    holder_birth_date = EncryptedDateField(_("date of birth"), null=True, blank=True)
    # What the paper states beyond the holder (dates of the decision, validity of a visa): facts of the case.
    facts = EncryptedJSONField(_("facts"), default=dict, blank=True)
    language = models.CharField(_("language of the holder"), max_length=8)
    destination_language = models.CharField(_("language of the destination"), max_length=8)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    status_index = models.PositiveIntegerField(unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.VALID
    )
    status_reason = EncryptedCharField(_("reason"), max_length=500, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kid = models.CharField(_("key id"), max_length=16)
    token = models.TextField(_("seal"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "organisation_id"
    data_key_owner = ("person", "person_id")
    objects: Any = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "sequence"], name="document_number_per_issuer"),
            models.CheckConstraint(
                condition=Q(status__in=["valid", "suspended", "revoked"]), name="document_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.number
