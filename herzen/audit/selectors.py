from django.db import models

from herzen.audit.models import AuditEvent, AuditEventQuerySet
from herzen.core.actor import Actor


def audit_history(*, actor: Actor, target: models.Model, limit: int = 200) -> AuditEventQuerySet:
    """The history of one record the caller has already fetched through its own scoped selector.

    Scoped again to the actor's organisation, so a history can never show another organisation's events.
    """
    return (
        AuditEvent.objects.filter(organisation_id=actor.organisation_id)
        .about(target._meta.label_lower, target.pk)
        .select_related("actor_user")[:limit]
    )
