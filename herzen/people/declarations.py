"""A person's programme declaration (see declaration_texts.py): who declared what, when, through which
channel, in which exact words. Withdrawn, never deleted, so the history stays readable."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel
from herzen.people.declaration_texts import DeclarationChannel, DeclarationKind


class Declaration(BaseModel):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="declarations")
    kind = models.CharField(_("declaration"), max_length=40, choices=DeclarationKind.choices)
    channel = models.CharField(_("declared through"), max_length=8, choices=DeclarationChannel.choices)
    # The exact words shown, in the language shown: the programme's published text, the same for everyone
    # who declares in that language (what is personal is that this row exists, which erasing the person
    # removes with the person).
    wording = models.TextField(_("wording"))
    wording_version = models.CharField(_("version of the wording"), max_length=16)
    language = models.CharField(_("language shown"), max_length=8)
    declared_at = models.DateTimeField(_("declared"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
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

    scope_path = "person__organisation_id"

    class Meta:
        ordering = ["person", "kind", "-declared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(withdrawn_at__isnull=True),
                name="declaration_one_standing_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DeclarationKind.values), name="declaration_kind_is_one_of_the_two"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_standing(self) -> bool:
        return self.withdrawn_at is None
