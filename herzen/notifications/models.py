"""Notices to staff (an in-app inbox, optionally also by e-mail) and applicants' choice to be told of news.

A staff notice stores its kind and ids or references only; its text is written when shown, in the reader's
language (herzen.notifications.texts). An applicant's subscription stores how to reach them, never a copy of
their address: the e-mail address is read from their person record when a notice is delivered, so erasing the
person erases it too; a Telegram chat id (learnt when they connect the bot) is sealed with the subscription's
own key.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel
from herzen.encryption.fields import EncryptedCharField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow


class NoticeKind(models.TextChoices):
    CASE_ASSIGNED = "case_assigned", _("Case assigned to you")
    DECISION_RECORDED = "decision_recorded", _("Authority decided")
    DEADLINE_APPROACHING = "deadline_approaching", _("Deadline approaching")
    JOB_FINISHED = "job_finished", _("Job finished")
    POSSIBLE_DUPLICATE = "possible_duplicate", _("Possible duplicate found")
    PAYOUT_FAILED = "payout_failed", _("Payout failed")


class Notification(BaseModel):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=NoticeKind.choices)
    # References and ids only (a case reference, a date, a job id), turned into words when shown.
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True, default="")
    # The same event never notifies the same person twice (a reminder re-run, a retried job).
    dedupe_key = models.CharField(max_length=200, blank=True, default="")
    read_at = models.DateTimeField(null=True, blank=True)

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "organisation", "read_at"], name="notice_inbox")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notice_dedupe_unique",
            )
        ]

    def __str__(self) -> str:
        return f"Notice {self.kind} {str(self.pk)[:8]}"


class StaffNoticeSettings(models.Model):
    """A staff member's choice to be e-mailed as well (the e-mail says only that there is a notice)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True)
    by_email = models.BooleanField(_("also by e-mail"), default=False)
    # The staff language the e-mail is written in ("" until chosen: the deployment's default).
    language = models.CharField(_("language of the e-mails"), max_length=8, blank=True, default="")

    def __str__(self) -> str:
        return f"Notice settings of user {self.user_id}"


class ApplicantEvent(models.TextChoices):
    DECISION = "decision", _("Decision recorded")
    DOCUMENTS_REQUESTED = "documents_requested", _("Documents requested")
    STAY_DEADLINE = "stay_deadline", _("Legal stay ends soon")


class ApplicantSubscription(SealedRow, BaseModel):
    """An applicant's wish to be told when there is news on their application (one per case)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="applicant_subscription")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    # The principal applicant, whose e-mail contact point is read at delivery.
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8)
    by_email = models.BooleanField(default=True)
    by_telegram = models.BooleanField(default=False)
    telegram_chat_id = EncryptedCharField(max_length=64, blank=True, default="")
    # SHA-256 of the one-time token of the bot's /start link (the token itself is shown once).
    telegram_link_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    opted_out_at = models.DateTimeField(null=True, blank=True)

    scope_path = "organisation_id"
    data_key_owner = ("applicant_subscription", "pk")
    objects = EncryptedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Applicant subscription {str(self.pk)[:8]}"

    @property
    def active(self) -> bool:
        return self.opted_out_at is None
