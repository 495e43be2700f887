from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext

from herzen.audit.models import AccessEvent, AuditEvent, AuditEventQuerySet
from herzen.audit.permissions import can_view_access_history
from herzen.core.actor import Actor
from herzen.core.exceptions import PermissionDenied


def audit_history(*, actor: Actor, target: models.Model, limit: int = 200) -> AuditEventQuerySet:
    """The history of one record the caller has already fetched through its own scoped selector.

    Scoped again to the actor's organisation, so a history can never show another organisation's events.
    """
    return (
        AuditEvent.objects.filter(organisation_id=actor.organisation_id)
        .about(target._meta.label_lower, target.pk)
        .select_related("actor_user")[:limit]
    )


def access_history(*, actor: Actor, target: models.Model, limit: int = 100) -> QuerySet[AccessEvent]:
    """Who has been shown this record (the caller fetched it through its own scoped selector), newest first.

    Only for supervisors and auditors, and only the reads made in the actor's own organisation.
    """
    if not can_view_access_history(actor):
        raise PermissionDenied(gettext("Only supervisors and auditors can see who has seen a file."))
    return AccessEvent.objects.filter(
        organisation_id=actor.organisation_id,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
    ).select_related("actor_user")[:limit]
