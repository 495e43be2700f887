"""A case is one organisation's file for one household. Applications to destination pathways hang off it
(a later app); the case itself only knows who handles it and whether it is open."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel
from herzen.encryption.fields import EncryptedTextField
from herzen.encryption.querysets import EncryptedQuerySet


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ON_HOLD = "on_hold", _("On hold")
    CLOSED = "closed", _("Closed")


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

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["organisation", "status", "-opened_at"], name="case_org_status_idx"),
            models.Index(fields=["organisation", "assigned_caseworker"], name="case_org_worker_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="case_status_valid"),
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


class CaseNote(BaseModel):
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
