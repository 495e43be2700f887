"""Pairs of records that may be one person, and the merges made of them (issue 16, docs/adr/0095).

A pair holds two person ids, a probability and the codes of the comparisons that agreed: never a name or any
other plaintext. A merge keeps, sealed with the surviving person's key, the list of rows it moved, so that
undoing it puts every row back exactly where it was.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel
from herzen.encryption.fields import EncryptedJSONField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow


class PairStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    MERGED = "merged", _("Merged")
    NOT_SAME = "not_same", _("Not the same person")


class DuplicatePair(BaseModel):
    """Two persons of one organisation that record linkage found alike; `first` has the lower id."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    first = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField(_("match probability"))
    # Codes of herzen.domain.linkage.model levels ("surname:phonetic"): which comparisons agreed.
    levels = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PairStatus.choices, default=PairStatus.OPEN)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-probability", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=~Q(first=models.F("second")), name="duplicate_pair_two"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-probability"], name="duplicate_pair_queue")
        ]

    def __str__(self) -> str:
        return f"Duplicate pair {str(self.pk)[:8]}"


class PersonMerge(SealedRow, BaseModel):
    """One merge: `merged`'s records moved to `survivor`. `undone_at` set once it was undone."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(DuplicatePair, on_delete=models.PROTECT, related_name="merges")
    survivor = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    # What undoing needs: the rows moved (model, id) and what was changed on them to fit the survivor.
    undo = EncryptedJSONField(default=dict)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_path = "organisation_id"
    data_key_owner = ("person", "survivor_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["merged"], condition=Q(undone_at__isnull=True), name="person_merged_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Merge {str(self.pk)[:8]}"
