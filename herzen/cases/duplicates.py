"""Possible duplicate records flagged when an application arrives: a person of the new case who may be a
person the organisation already knows. Flagged for a caseworker to compare; Herzen never merges records."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel


class DuplicateReason(models.TextChoices):
    DATE_OF_BIRTH = "date_of_birth", _("Same name and date of birth")
    DOCUMENT_NUMBER = "document_number", _("Same name and document number")
    BOTH = "both", _("Same name, date of birth and document number")


class PossibleDuplicate(BaseModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="possible_duplicates")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    existing = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("existing record")
    )
    reason = models.CharField(_("why"), max_length=16, choices=DuplicateReason.choices)
    # Set when a caseworker has compared the two records and found them to be different people.
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )

    scope_path = "case__organisation_id"

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "existing"], name="possible_duplicate_once"),
            models.CheckConstraint(condition=~Q(person=models.F("existing")), name="possible_duplicate_two"),
        ]

    def __str__(self) -> str:
        return f"Possible duplicate {str(self.pk)[:8]}"
