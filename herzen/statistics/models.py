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
    # Asked for when the release was requested: link the organisations' persons first (herzen.statistics.linkage).
    link_organisations = models.BooleanField(_("count people once across organisations"), default=False)
    # Whether the coalition's linkage ran, so that a person known to two organisations is counted once.
    distinct_across_organisations = models.BooleanField(
        _("people counted once across organisations"), default=False
    )
    linked_organisations = models.PositiveIntegerField(_("organisations linked"), default=0)
    tables = models.JSONField(_("tables"), default=list, blank=True)

    class Meta:
        ordering = ["-period", "-created_at"]
        indexes = [models.Index(fields=["budget_year", "status"], name="stats_release_year_status")]

    def __str__(self) -> str:
        return f"{self.period} ε={self.epsilon:g}"


class LinkageRoundStatus(models.TextChoices):
    OPEN = "open", _("Secret created, keys being made")
    LINKED = "linked", _("Keys linked")
    CLOSED = "closed", _("Secret, keys and links deleted")


class LinkageRound(BaseModel):
    """One release's linkage: a secret made for this round only, each organisation's Bloom-filter keys made
    with it, their links — and, once the tables are computed, none of these any more. The row stays, empty,
    as what the audit trail's "created, used, deleted" events point to.

    The secret and each organisation's keys are sealed with this round's own data key (herzen.encryption), so
    shredding that key at the end makes any copy of them left in a backup unreadable too."""

    release = models.ForeignKey(StatisticsRelease, on_delete=models.CASCADE, related_name="linkage_rounds")
    status = models.CharField(
        _("status"), max_length=8, choices=LinkageRoundStatus.choices, default=LinkageRoundStatus.OPEN
    )
    secret = models.BinaryField(_("linkage secret (sealed)"), null=True, blank=True)
    organisations = models.PositiveIntegerField(_("organisations"), default=0)
    encoded = models.PositiveIntegerField(_("persons encoded"), default=0)
    matched = models.PositiveIntegerField(_("persons matched"), default=0)
    closed_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"linkage {self.pk}"


class LinkageEncodings(BaseModel):
    """One organisation's keys for one round, sealed: what the organisation hands over for linkage. Deleted as
    soon as the round is linked."""

    round = models.ForeignKey(LinkageRound, on_delete=models.CASCADE, related_name="encodings")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    persons = models.PositiveIntegerField(_("persons encoded"), default=0)
    sealed = models.BinaryField(_("keys (sealed)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="stats_encodings_one_per_org")
        ]


class LinkedUnitKind(models.TextChoices):
    PERSON = "person", _("person")
    HOUSEHOLD = "household", _("household")


class LinkedUnit(models.Model):
    """A person (or household) of one organisation found to be one already counted for another: the release
    counts it under `canonical_id`. Only ids, only for the round, deleted with the round once the tables are
    computed."""

    round = models.ForeignKey(LinkageRound, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=LinkedUnitKind.choices)
    unit_id = models.UUIDField()
    canonical_id = models.UUIDField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "kind", "unit_id"], name="stats_linked_unit_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.unit_id} → {self.canonical_id}"
