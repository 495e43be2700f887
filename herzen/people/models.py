"""The person record: who someone is, how their name is spelt, who they live with, what papers they hold,
and where they are now. Why each part exists is in ../shared/DOMAIN.md and docs/people.md."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from herzen.core.models import BaseModel
from herzen.encryption.fields import (
    BlindIndexField,
    EncryptedCharField,
    EncryptedDateField,
    EncryptedTextField,
    ErasedText,
)
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow
from herzen.people import blind_indexes, plausibility
from herzen.people.choices import (
    ContactKind,
    CriminalStage,
    DocumentStatus,
    DocumentType,
    HouseholdRole,
    LegalBasis,
    NameScheme,
    RiskFactorKind,
    Script,
    Sex,
    Vulnerability,
    WantedScope,
)
from herzen.people.validators import validate_cyrillic_name, validate_language_codes


class Household(BaseModel):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    # Kept up to date by the stay services so case lists can filter and sort on them with an index.
    current_country = CountryField(_("current country"), blank=True, db_index=True)
    earliest_stay_deadline = models.DateField(
        _("earliest legal-stay deadline"), null=True, blank=True, db_index=True
    )
    # The earliest registration still to be done in the transit country (herzen.domain.risk.registration).
    earliest_registration_deadline = models.DateField(
        _("earliest registration deadline"), null=True, blank=True, db_index=True
    )

    scope_path = "organisation_id"

    class Meta:
        ordering = ["created_at"]
        indexes = [
            # The case list's country menu walks this from one country to the next (case_country_choices).
            models.Index(fields=["organisation", "current_country"], name="household_org_country_idx"),
        ]

    def __str__(self) -> str:
        return f"Household {str(self.pk)[:8]}"


class Person(SealedRow, BaseModel):
    """Names, date of birth and profession are encrypted with the person's data key (herzen.encryption):
    read them as attributes; search names through PersonNameKey, never filter or order on them in SQL."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    surname = EncryptedCharField(_("surname (Cyrillic)"), max_length=100, validators=[validate_cyrillic_name])
    given_name = EncryptedCharField(
        _("given name (Cyrillic)"), max_length=100, validators=[validate_cyrillic_name]
    )
    patronymic = EncryptedCharField(
        _("patronymic (Cyrillic)"), max_length=100, blank=True, validators=[validate_cyrillic_name]
    )
    sex = models.CharField(_("sex as in the passport"), max_length=1, choices=Sex.choices)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    date_of_birth_index = BlindIndexField(source="date_of_birth", index=blind_indexes.DATE_OF_BIRTH.name)
    citizenships = CountryField(_("citizenships"), multiple=True, blank=True)
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("ISO 639-1 codes, e.g. ru, uk, en"),
    )
    profession = EncryptedCharField(_("profession"), max_length=200, blank=True)
    # Every lookup key of every spelling (herzen.domain.names), encrypted: the database finds candidates by
    # blind index (PersonNameKey); this confirms them cheaply after decrypting, without re-deriving keys.
    search_keys = EncryptedTextField(blank=True, editable=False)

    scope_path = "organisation_id"
    data_key_owner = ("person", "pk")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        # Names are ciphertext: SQL cannot sort by them. Lists sort a page in Python (sorted_by_name).
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        if isinstance(self.surname, ErasedText):
            return self.surname  # one "[erased]", not one per part of the name
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)

    def clean(self) -> None:
        problem = plausibility.birth_date_problem(plausibility.birth_date_of(self))
        if problem:
            raise ValidationError({"date_of_birth": problem})


def _person_of(record: models.Model) -> Person | None:
    """The person a record belongs to, as the service loaded it (no query when it is in hand)."""
    if getattr(record, "person_id", None) is None:
        return None
    return record.person  # type: ignore[attr-defined, no-any-return]


class HouseholdMember(BaseModel):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    # A person belongs to one household of their organisation.
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="household_membership")
    role = models.CharField(_("role"), max_length=32, choices=HouseholdRole.choices)

    scope_path = "household__organisation_id"
    objects = EncryptedQuerySet.as_manager()  # unlocks the members' keys when loaded with them

    class Meta:
        ordering = ["household", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(role="principal"), name="household_one_principal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class ContactPoint(SealedRow, BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(_("channel"), max_length=16, choices=ContactKind.choices)
    value = EncryptedCharField(_("address or number"), max_length=200)
    value_index = BlindIndexField(source="value", index=blind_indexes.CONTACT_VALUE.name)
    is_preferred = models.BooleanField(_("preferred channel"), default=False)

    scope_path = "person__organisation_id"
    data_key_owner = ("person", "person_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-is_preferred", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(is_preferred=True), name="contact_one_preferred_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class IdentityDocument(SealedRow, BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    document_type = models.CharField(_("type"), max_length=32, choices=DocumentType.choices)
    # Stored normalised (upper case, no spaces) and encrypted; found through its blind index.
    number = EncryptedCharField(_("number"), max_length=64)
    number_index = BlindIndexField(source="number", index=blind_indexes.DOCUMENT_NUMBER.name)
    number_tail_index = BlindIndexField(source="number", index=blind_indexes.DOCUMENT_NUMBER_TAIL.name)
    issuing_country = CountryField(_("issuing country"))
    issuer = EncryptedCharField(_("issuing authority"), max_length=200, blank=True)  # names a place
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=32, choices=DocumentStatus.choices, default=DocumentStatus.VALID
    )
    retains_legacy_spelling = models.BooleanField(
        _("keeps a legacy spelling"),
        default=False,
        help_text=_("The holder asked to keep an older Latin spelling of the name in this document."),
    )

    scope_path = "person__organisation_id"
    data_key_owner = ("person", "person_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-issue_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_date__isnull=True)
                | Q(issue_date__isnull=True)
                | Q(expiry_date__gte=models.F("issue_date")),
                name="document_expiry_after_issue",
                violation_error_message=_("The expiry date must not be before the issue date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()} {self.number}"

    def clean(self) -> None:
        born = plausibility.birth_date_of(_person_of(self))
        errors = {}
        if self.issue_date and self.expiry_date and self.expiry_date < self.issue_date:
            errors["expiry_date"] = _("The expiry date must not be before the issue date.")
        issued = plausibility.before_birth(
            self.issue_date, born, _("The issue date is before the date of birth (%(birth)s).")
        )
        if issued:
            errors["issue_date"] = issued
        if errors:
            raise ValidationError(errors)

    def status_on(self, day: date) -> str:
        """The status as of `day`: a document recorded as valid has expired once its expiry date is past."""
        if self.status == DocumentStatus.VALID and self.expiry_date is not None and self.expiry_date < day:
            return DocumentStatus.EXPIRED
        return self.status

    @property
    def current_status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_current_status_display(self) -> str:
        return str(DocumentStatus(self.current_status).label)


class NameVariant(SealedRow, BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_variants")
    surname = EncryptedCharField(_("surname"), max_length=100)
    given_name = EncryptedCharField(_("given name"), max_length=100)
    patronymic = EncryptedCharField(_("patronymic"), max_length=100, blank=True)
    script = models.CharField(_("script"), max_length=16, choices=Script.choices)
    scheme = models.CharField(_("scheme"), max_length=16, choices=NameScheme.choices)
    source_document = models.ForeignKey(
        IdentityDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="name_variants",
        verbose_name=_("source document"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    scope_path = "person__organisation_id"
    data_key_owner = ("person", "person_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="name_variant_valid_range",
                violation_error_message=_("“Valid until” must not be before “valid from”."),
            ),
        ]

    def __str__(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)

    def clean(self) -> None:
        # Beside the field, as a form shows it (the check constraint's message would stand above the form).
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("“Valid until” must not be before “valid from”.")})


class PersonNameKey(models.Model):
    """Blind indexes of the lookup keys derived from every spelling of a person's name (herzen.domain.names,
    herzen.encryption.blind "person_name"): truncated HMACs, never the keys themselves.

    Rebuilt by the people services whenever a name or spelling changes; never edited by hand.
    """

    id = models.BigAutoField(primary_key=True)
    # Indexed with the key below (person first), which also serves the foreign key's lookups.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys", db_index=False)
    key = models.CharField(max_length=120)

    class Meta:
        # (key, person): the persons of a key. (person, key): the keys of a few candidates, read without
        # touching the buckets of their common names (the pair-key search, herzen.people.selectors).
        constraints = [models.UniqueConstraint(fields=["key", "person"], name="person_name_key_unique")]
        indexes = [models.Index(fields=["person", "key"], name="person_name_key_by_person")]

    def __str__(self) -> str:
        return self.key


class Stay(SealedRow, BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="stays")
    country = CountryField(_("country"))
    city = EncryptedCharField(_("city"), max_length=100, blank=True)
    entry_date = models.DateField(_("entry date"))
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices)
    authorised_until = models.DateField(_("visa or permit valid until"), null=True, blank=True)
    document = models.ForeignKey(
        IdentityDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("document used"),
    )
    # Computed by herzen.domain.risk from the country's rules and this person's earlier stays there.
    legal_deadline = models.DateField(_("last legal day"), null=True, blank=True, db_index=True)
    # Registration in the transit country: when it was last done, when the person last moved to a new address
    # (which starts the clock again where the country says so), and the computed day it is due (None when done
    # or when the country has no duty).
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    address_changed_on = models.DateField(_("moved to a new address on"), null=True, blank=True)
    registration_deadline = models.DateField(_("registration due by"), null=True, blank=True, db_index=True)

    scope_path = "person__organisation_id"
    data_key_owner = ("person", "person_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-entry_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gte=models.F("entry_date")),
                name="stay_exit_after_entry",
                violation_error_message=_("The exit date must not be before the entry date."),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(exit_date__isnull=True),
                name="stay_one_open_per_person",
                violation_error_message=_(
                    "This person already has an open stay; record the exit from it first."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.entry_date}–{self.exit_date or ''}"

    def clean(self) -> None:
        # Field-level messages, so a form can show them beside the date that is wrong.
        errors = {}
        if self.exit_date and self.entry_date and self.exit_date < self.entry_date:
            errors["exit_date"] = _("The exit date must not be before the entry date.")
        if self.authorised_until and self.entry_date and self.authorised_until < self.entry_date:
            errors["authorised_until"] = _("The visa or permit cannot end before the entry date.")
        entered = plausibility.before_birth(
            self.entry_date,
            plausibility.birth_date_of(_person_of(self)),
            _("The entry date is before the date of birth (%(birth)s)."),
        )
        if entered:
            errors["entry_date"] = entered
        for name in ("registered_on", "address_changed_on"):
            value = getattr(self, name)
            if value and self.entry_date and value < self.entry_date:
                errors[name] = _("This date cannot be before the entry date.")
        if errors:
            raise ValidationError(errors)


class EntryRefusal(SealedRow, BaseModel):
    """A refusal at a border (Georgia refuses activists without reasons): an event, not a stay."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="entry_refusals")
    country = CountryField(_("country"))
    refused_on = models.DateField(_("date"))
    border_point = EncryptedCharField(_("border crossing"), max_length=200, blank=True)
    reason_given = EncryptedTextField(_("reason given"), blank=True)

    scope_path = "person__organisation_id"
    data_key_owner = ("person", "person_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-refused_on"]

    def __str__(self) -> str:
        return f"{self.country.code} {self.refused_on}"

    def clean(self) -> None:
        refused = plausibility.before_birth(
            self.refused_on,
            plausibility.birth_date_of(_person_of(self)),
            _("The date is before the date of birth (%(birth)s)."),
        )
        if refused:
            raise ValidationError({"refused_on": refused})


class RiskFactor(SealedRow, BaseModel):
    """One thing that puts a person in danger, typed so that priority and deadlines can be computed from it.

    The typed facts (article, stage, dates, scope) feed `herzen.domain.risk`; the narrative is the person's or
    the caseworker's account in their own words. Evidence is linked to factors (pathways)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="risk_factors")
    kind = models.CharField(_("kind of danger"), max_length=32, choices=RiskFactorKind.choices)
    # Names the charge against the person: sealed like the narrative; herzen.domain.risk reads it decrypted.
    criminal_article = EncryptedCharField(
        _("article of the Criminal Code"),
        max_length=16,
        blank=True,
        help_text=_("For example 207.3 or 280.3."),
    )
    criminal_stage = models.CharField(_("stage"), max_length=16, choices=CriminalStage.choices, blank=True)
    wanted_scope = models.CharField(_("wanted list"), max_length=16, choices=WantedScope.choices, blank=True)
    vulnerability = models.CharField(
        _("vulnerability"), max_length=32, choices=Vulnerability.choices, blank=True
    )
    country = CountryField(_("country concerned"), blank=True)
    occurred_on = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "When the case was opened, the listing published, the summons posted or the ban imposed."
        ),
    )
    # A summons: the day it tells the person to appear. Further restrictions start 20 days after it (Federal Law
    # No. 127-FZ), not 20 days after the posting; unknown, the posting date is the earliest it can be.
    appearance_on = models.DateField(_("appearance date in the summons"), null=True, blank=True)
    narrative = EncryptedTextField(_("what happened"), blank=True)
    is_current = models.BooleanField(_("still current"), default=True)

    scope_path = "person__organisation_id"
    data_key_owner = ("person", "person_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "kind", "-occurred_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="criminal_case") | ~Q(criminal_stage=""),
                name="risk_factor_criminal_case_has_stage",
            ),
            models.CheckConstraint(
                condition=~Q(kind="mobilisation_summons") | Q(occurred_on__isnull=False),
                name="risk_factor_summons_has_posting_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind="wanted_list") | ~Q(wanted_scope=""),
                name="risk_factor_wanted_list_has_scope",
            ),
            models.CheckConstraint(
                condition=~Q(kind="vulnerability") | ~Q(vulnerability=""),
                name="risk_factor_vulnerability_is_named",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind == RiskFactorKind.CRIMINAL_CASE and not self.criminal_stage:
            errors["criminal_stage"] = _("Say how far the criminal case has gone.")
        if self.kind == RiskFactorKind.MOBILISATION_SUMMONS and self.occurred_on is None:
            errors["occurred_on"] = _(
                "Give the date the summons was posted: it counts as served 7 days later."
            )
        if self.appearance_on and self.occurred_on and self.appearance_on < self.occurred_on:
            errors["appearance_on"] = _("The appearance date cannot be before the summons was posted.")
        if self.kind == RiskFactorKind.WANTED_LIST and not self.wanted_scope:
            errors["wanted_scope"] = _("Say which wanted list.")
        if self.kind == RiskFactorKind.VULNERABILITY and not self.vulnerability:
            errors["vulnerability"] = _("Say which vulnerability.")
        if errors:
            raise ValidationError(errors)


# A model of this app kept in its own module (the programme declarations); imported so Django registers it.
from herzen.people.declarations import Declaration  # noqa: E402, F401
