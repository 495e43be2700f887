"""The public intake: an applicant's draft, the private links to it, and the evidence they upload.

A draft belongs to no organisation until it is submitted: the applicant picks the receiving organisation
as one of the questions, and only submitting turns the answers into that organisation's person, household
and case records. Until then the answers live here, reachable only through a private link whose token is
stored as a SHA-256 hash.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel
from herzen.encryption.fields import EncryptedCharField, EncryptedJSONField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow
from herzen.evidence.models import ScanStatus

__all__ = ["EvidenceKind", "IntakeDraft", "IntakeLink", "IntakeUpload", "LinkPurpose", "ScanStatus"]


class IntakeDraft(SealedRow, BaseModel):
    language = models.CharField(_("language"), max_length=8)
    # Answers per step ({"about": {...}, "household": {"members": [...]}, ...}), as the forms cleaned them
    # (dates as ISO strings). Sealed with the draft's own data key (so purging the draft shreds them even in
    # backups); emptied on submit: from then on the person record holds them, under the person's key.
    answers = EncryptedJSONField(default=dict, blank=True)
    receiving_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # HMAC of the applicant's e-mail address, so "send me my link again" can find the draft without
    # storing or searching the address in clear text.
    email_lookup = models.CharField(max_length=64, blank=True, db_index=True)
    last_activity_at = models.DateTimeField(db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="intake_draft"
    )

    # Staff never list drafts; a submitted draft is reached through its case's organisation.
    scope_path = "case__organisation_id"
    data_key_owner = ("intake_draft", "pk")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at"]

    def __str__(self) -> str:
        return f"Intake draft {str(self.pk)[:8]}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class LinkPurpose(models.TextChoices):
    STARTED = "started", _("Issued when the application was started")
    RESENT = "resent", _("Sent again at the applicant's request")
    REISSUED = "reissued", _("Issued after the applicant stopped the old links")
    SUBMITTED = "submitted", _("Issued on submitting")


class IntakeLink(BaseModel):
    """One private link to a draft. Only the SHA-256 of its token is kept; the token is shown or sent once."""

    draft = models.ForeignKey(IntakeDraft, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=16, choices=LinkPurpose.choices)
    # The channel kind a re-sent link went to ("email"), or why it could not go ("no_gateway"); never the
    # address itself.
    delivery = models.CharField(max_length=32, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    scope_path = "draft__case__organisation_id"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Intake link {str(self.pk)[:8]}"


class EvidenceKind(models.TextChoices):
    PASSPORT = "passport", _("Passport or other identity document")
    PROSECUTION = "prosecution", _("Criminal or administrative case papers")
    SUMMONS = "summons", _("Summons")
    LISTING = "listing", _("Listing (foreign agent, wanted list)")
    STAY = "stay", _("Visa, permit or entry stamp")
    OTHER = "other", _("Other")


class IntakeUpload(SealedRow, BaseModel):
    """A file of evidence, checked by content, cleaned of metadata, hashed and scanned (herzen.evidence.pipeline).

    Stored under HERZEN_PRIVATE_MEDIA_ROOT (outside the web root) with a random name, encrypted with the
    draft's data key (herzen.intake.uploads) while the draft is open. Submitting turns it into an evidence
    item of the case (herzen.evidence), and the upload and its file are removed. The SHA-256 sums are of the
    plaintext."""

    draft = models.ForeignKey(
        IntakeDraft, on_delete=models.CASCADE, null=True, blank=True, related_name="uploads"
    )
    kind = models.CharField(_("what it shows"), max_length=16, choices=EvidenceKind.choices)
    # Whom it concerns: "" for the applicant, else the position of a household member in the draft's answers
    # ("0", "1", ...); on submit the file becomes evidence about that person.
    concerns = models.CharField(_("whom it concerns"), max_length=8, blank=True)
    original_name = EncryptedCharField(_("file name"), max_length=120)  # "passport_ivanova.jpg"
    detected_type = models.CharField(_("type"), max_length=8)  # pdf, jpeg, png, heic: from the content
    content_type = models.CharField(max_length=64)  # of the stored file (a HEIC photo is stored as JPEG)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the stored file"), max_length=64)
    original_sha256 = models.CharField(_("SHA-256 of the file as uploaded"), max_length=64)
    metadata_removed = models.BooleanField(_("location and camera data removed"), default=False)
    scan_status = models.CharField(_("virus scan"), max_length=16, choices=ScanStatus.choices)
    stored_name = models.CharField(max_length=80, unique=True)

    scope_path = "draft__case__organisation_id"
    data_key_owner = ("intake_draft", "draft_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.original_name
