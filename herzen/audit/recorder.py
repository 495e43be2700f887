from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.core.actor import Actor


class AuditOutsideTransaction(RuntimeError):
    """An audit event written outside the change's transaction could survive a change that failed."""


def record(
    *,
    actor: Actor,
    action: str,
    target: models.Model,
    changed_fields: Iterable[str] = (),
    parent: models.Model | None = None,
) -> AuditEvent:
    """Write one audit event for a change that is happening in the current transaction.

    `action` is a stable dotted verb ("case.open", "stay.record_exit"); `changed_fields` are field names only.
    """
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction(f"audit.record({action!r}) must run inside the service's transaction")
    return AuditEvent.objects.create(
        occurred_at=timezone.now(),
        actor_user=actor.user if actor.user.pk else None,
        organisation=actor.organisation,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        parent_type=parent._meta.label_lower if parent is not None else "",
        parent_id=str(parent.pk) if parent is not None else "",
        changed_fields=sorted(set(changed_fields)),
    )
