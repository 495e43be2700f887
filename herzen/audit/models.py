"""Append-only record of every state change: who, in which organisation, when, what, and which fields.

Values are never stored — only field names — because the audit trail outlives erasure of a person's data
and must not become a second copy of it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit events cannot be deleted.")

    def about(self, target_type: str, target_id: object) -> "AuditEventQuerySet":
        """Events on the object itself and on the records that belong to it (its notes, stays, …)."""
        key = str(target_id)
        return self.filter(
            models.Q(target_type=target_type, target_id=key)
            | models.Q(parent_type=target_type, parent_id=key)
        )


class AuditEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    # The record the target belongs to (a stay's person, a note's case), so a page can show one history.
    parent_type = models.CharField(max_length=64, blank=True)
    parent_id = models.CharField(max_length=64, blank=True)
    changed_fields = models.JSONField(default=list)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["parent_type", "parent_id"], name="audit_parent_idx"),
            models.Index(fields=["organisation", "occurred_at"], name="audit_org_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit events cannot be deleted.")
