"""A case is one organisation's file for one household. Applications to destination pathways hang off it
(a later app); the case itself only knows who handles it and whether it is open."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel
from herzen.encryption.fields import EncryptedTextField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ON_HOLD = "on_hold", _("On hold")
    CLOSED = "closed", _("Closed")


class PriorityBand(models.TextChoices):
    # Values equal herzen.domain.risk.PriorityBand (a test keeps them in step).
    CRITICAL = "critical", _("Critical")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Case(BaseModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="cases", verbose_name=_("household")
    )
    # Short, human-friendly and unguessable (herzen.domain.references); unique across all organisations.
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    assigned_caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("caseworker"),
    )
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The household's priority (herzen.domain.risk.assess_priority), stored so queues sort on an index.
    # Written only by case_priority_refresh / case_open; the explanation is the domain's document, so the page
    # shows how the score adds up without recomputing it.
    priority_score = models.PositiveIntegerField(_("priority"), default=0)
    priority_band = models.CharField(
        _("priority band"), max_length=16, choices=PriorityBand.choices, default=PriorityBand.LOW
    )
    priority_explanation = models.JSONField(_("priority explanation"), default=dict, blank=True)
    priority_next_deadline = models.DateField(_("next deadline"), null=True, blank=True)
    priority_refreshed_at = models.DateTimeField(_("priority computed"), null=True, blank=True)

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["organisation", "status", "-opened_at"], name="case_org_status_idx"),
            models.Index(fields=["organisation", "assigned_caseworker"], name="case_org_worker_idx"),
            models.Index(
                fields=["organisation", "-priority_score", "priority_next_deadline"],
                name="case_org_priority_idx",
            ),
            # The work queue filtered by status (usually "open"): read in priority order and stopped after
            # one page, instead of sorting every open case of the organisation.
            models.Index(
                fields=["organisation", "status", "-priority_score", "priority_next_deadline"],
                name="case_org_status_priority_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="case_status_valid"),
            models.CheckConstraint(
                condition=Q(priority_band__in=PriorityBand.values), name="case_priority_band_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False)
                | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="case_closed_at_iff_closed",
            ),
            # One organisation keeps one open file per household.
            models.UniqueConstraint(
                fields=["organisation", "household"],
                condition=~Q(status="closed"),
                name="case_one_active_per_household",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class CaseNote(SealedRow, BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    # Sealed with the household's data key: notes speak of the whole household.
    body = EncryptedTextField(_("note"), max_length=20_000)

    scope_path = "case__organisation_id"
    data_key_owner = ("household", "case.household_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Note {str(self.pk)[:8]} on {self.case_id}"


# A model of this app kept in its own module (duplicates flagged at submission); imported so Django sees it.
from herzen.cases.duplicates import PossibleDuplicate  # noqa: E402, F401
