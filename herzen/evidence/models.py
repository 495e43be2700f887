"""Evidence of a person's danger, where it came from, and who stands behind it.

An evidence item belongs to one organisation's case (and, usually, to one member of its household); its file
lives outside the web root (`herzen.evidence.storage`) and is known here by name, size and SHA-256, so a copy
handed to an authority can be checked against what was uploaded. Verification moves by the table in
`herzen.domain.evidence`; vouches are never deleted, only withdrawn, so their history stays readable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from herzen.core.models import BaseModel
from herzen.domain.evidence import Verification
from herzen.encryption.fields import EncryptedCharField, EncryptedTextField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow


class EvidenceKind(models.TextChoices):
    COURT_DOCUMENT = "court_document", _("Court document")
    SUMMONS = "summons", _("Summons")
    REGISTRY_LISTING = "registry_listing", _("Registry listing")
    PRESS_ARTICLE = "press_article", _("Press article")
    SCREENSHOT = "screenshot", _("Screenshot")
    MEDICAL = "medical", _("Medical record")
    IDENTITY = "identity", _("Identity document")
    OTHER = "other", _("Other")


class TranslationStatus(models.TextChoices):
    NONE = "none", _("Not translated")
    INFORMAL = "informal", _("Informal translation")
    SWORN = "sworn", _("Sworn translation")


class SourceKind(models.TextChoices):
    PERSON_CONCERNED = "person_concerned", _("The person concerned or their family")
    LAWYER = "lawyer", _("Their lawyer")
    COURT_OR_AUTHORITY = "court_or_authority", _("A court or authority")
    PUBLIC_REGISTRY = "public_registry", _("A public registry")
    PRESS = "press", _("The press")
    PARTNER_ORGANISATION = "partner_organisation", _("A partner organisation")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    """How the item reached the organisation: a caseworker added it, or the applicant sent it at intake."""

    STAFF = "staff", _("Added by staff")
    INTAKE = "intake", _("Sent by the applicant at intake")


class ScanStatus(models.TextChoices):
    """The virus scanner's verdict on a file (`herzen.evidence.pipeline`), kept with the file."""

    CLEAN = "clean", _("Scanned: clean")
    NOT_SCANNED = "not_scanned", _("Not scanned (no virus scanner installed)")
    ERROR = "error", _("Scan failed")


class VerificationStatus(models.TextChoices):
    # With a context: allauth's catalogue (read before ours) has "Unverified" for e-mail addresses.
    UNVERIFIED = Verification.UNVERIFIED.value, pgettext_lazy("evidence verification", "Unverified")
    CORROBORATED = Verification.CORROBORATED.value, _("Corroborated by a public source")
    VOUCHED = Verification.VOUCHED.value, _("Vouched for by an organisation")
    REJECTED = Verification.REJECTED.value, _("Rejected as falsified")


class PublicSource(models.TextChoices):
    OVD_INFO = "ovd_info", _("OVD-Info case database")
    MEMORIAL = "memorial", _("Memorial political-prisoner list")
    OFFICIAL_REGISTRY = "official_registry", _("Official registry (e.g. foreign-agent register)")
    PRESS = "press", _("Press")
    OTHER = "other", _("Other public source")


class Language(models.TextChoices):
    RUSSIAN = "ru", _("Russian")
    UKRAINIAN = "uk", _("Ukrainian")
    BELARUSIAN = "be", _("Belarusian")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    CZECH = "cs", _("Czech")
    POLISH = "pl", _("Polish")
    LATVIAN = "lv", _("Latvian")
    LITHUANIAN = "lt", _("Lithuanian")
    GEORGIAN = "ka", _("Georgian")
    ARMENIAN = "hy", _("Armenian")
    KAZAKH = "kk", _("Kazakh")
    TURKISH = "tr", _("Turkish")
    SERBIAN = "sr", _("Serbian")
    OTHER = "other", _("Other language")


class EvidenceItem(SealedRow, BaseModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="evidence_items", verbose_name=_("case")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_items",
        verbose_name=_("concerns"),
    )
    risk_factors = models.ManyToManyField(
        "people.RiskFactor", blank=True, related_name="evidence_items", verbose_name=_("risk factors")
    )
    kind = models.CharField(_("kind of evidence"), max_length=24, choices=EvidenceKind.choices)
    # Free text that can name or describe a person is sealed with the household's data key (as case notes).
    title = EncryptedCharField(
        _("title"),
        max_length=200,
        help_text=_("For example: Summons of 12 March 2024, Moscow military office."),
    )
    description = EncryptedTextField(_("description"), blank=True, max_length=5000)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=Language.choices, default=Language.RUSSIAN
    )
    translation_status = models.CharField(
        _("translation"), max_length=12, choices=TranslationStatus.choices, default=TranslationStatus.NONE
    )
    # Provenance: who brought it in (user and organisation above) and where they got it.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    source_kind = models.CharField(_("obtained from"), max_length=24, choices=SourceKind.choices)
    obtained_from = EncryptedCharField(
        _("how it was obtained"),
        max_length=500,
        blank=True,
        help_text=_("For example: sent by the lawyer by e-mail on 3 May; photographed from the original."),
    )
    channel = models.CharField(
        _("received through"), max_length=8, choices=Channel.choices, default=Channel.STAFF
    )
    # The file, if any. `stored_name` is the storage's own name; the original name is only shown to staff.
    stored_name = models.CharField(max_length=80, blank=True, editable=False)
    file_name = EncryptedCharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # What the file pipeline did: the SHA-256 of the file as it arrived (before metadata was removed), whether
    # metadata was removed, and the virus scanner's verdict (or that there was no scanner).
    original_sha256 = models.CharField(_("SHA-256 of the file as uploaded"), max_length=64, blank=True)
    metadata_removed = models.BooleanField(_("metadata removed"), default=False)
    scan_status = models.CharField(_("virus scan"), max_length=16, choices=ScanStatus.choices, blank=True)
    verification_status = models.CharField(
        _("verification"),
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
    )
    corroboration_source = models.CharField(
        _("public source"), max_length=24, choices=PublicSource.choices, blank=True
    )
    corroboration_reference = EncryptedCharField(
        _("reference in the source"),
        max_length=1000,
        blank=True,
        help_text=_("A URL or a citation. Herzen does not open it; whoever checks the dossier can."),
    )
    fraud_reason = EncryptedTextField(_("why it is considered falsified"), blank=True, max_length=5000)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("flagged by"),
    )
    flagged_at = models.DateTimeField(_("flagged"), null=True, blank=True)

    scope_path = "organisation_id"
    data_key_owner = ("household", "case.household_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-created_at"]
        indexes = [models.Index(fields=["organisation", "case"], name="evidence_org_case_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(verification_status__in=VerificationStatus.values),
                name="evidence_verification_valid",
            ),
            models.CheckConstraint(
                condition=~Q(verification_status="corroborated") | ~Q(corroboration_reference=""),
                name="evidence_corroborated_has_reference",
            ),
            models.CheckConstraint(
                condition=Q(verification_status="rejected", flagged_at__isnull=False) & ~Q(fraud_reason="")
                | (~Q(verification_status="rejected") & Q(flagged_at__isnull=True)),
                name="evidence_rejected_iff_flagged_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(stored_name="") | (~Q(sha256="") & Q(file_size__isnull=False)),
                name="evidence_file_has_hash_and_size",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_file(self) -> bool:
        return bool(self.stored_name)


class Vouch(SealedRow, BaseModel):
    """An organisation's word that an evidence item is genuine. Withdrawn, never deleted."""

    evidence = models.ForeignKey(
        EvidenceItem, on_delete=models.PROTECT, related_name="vouches", verbose_name=_("evidence")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    vouched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vouched by")
    )
    statement = EncryptedTextField(
        _("statement"),
        max_length=5000,
        blank=True,
        help_text=_("How the organisation knows: who met the person, who saw the original."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = EncryptedTextField(_("reason for withdrawal"), max_length=5000, blank=True)

    scope_path = "organisation_id"
    data_key_owner = ("household", "evidence.case.household_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One standing vouch per organisation and item; withdrawn ones stay as history.
            models.UniqueConstraint(
                fields=["evidence", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="vouch_one_active_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawal_reason="")
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
                name="vouch_withdrawn_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Vouch {str(self.pk)[:8]} on {self.evidence_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
