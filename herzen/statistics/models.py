"""A statistics release: one month's tables, their noise already drawn, waiting for review or public.

The tables hold published aggregates only (noisy, bounded, post-processed counts with their margins): no
person's data. Every release spends privacy budget from the moment its noise is drawn — even one the
officer rejects, because the officer has seen it — so the releases of a year are the per-person ledger.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel


class ReleaseStatus(models.TextChoices):
    COMPUTING = "computing", _("Being computed")
    AWAITING_REVIEW = "awaiting_review", _("Waiting for review")
    PUBLISHED = "published", _("Public")
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Could not be computed")


# Releases that spend budget: all but one whose job failed before drawing any noise.
SPENDING = (
    ReleaseStatus.COMPUTING,
    ReleaseStatus.AWAITING_REVIEW,
    ReleaseStatus.PUBLISHED,
    ReleaseStatus.REJECTED,
)


class StatisticsRelease(BaseModel):
    period = models.CharField(_("month"), max_length=7)  # "2026-11"
    budget_year = models.PositiveIntegerField(_("budget year"))
    epsilon = models.FloatField(_("privacy loss (ε)"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReleaseStatus.choices, default=ReleaseStatus.COMPUTING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Whether the coalition's linkage ran, so that a person known to two organisations is counted once.
    distinct_across_organisations = models.BooleanField(
        _("people counted once across organisations"), default=False
    )
    tables = models.JSONField(_("tables"), default=list, blank=True)

    class Meta:
        ordering = ["-period", "-created_at"]
        indexes = [models.Index(fields=["budget_year", "status"], name="stats_release_year_status")]

    def __str__(self) -> str:
        return f"{self.period} ε={self.epsilon:g}"
