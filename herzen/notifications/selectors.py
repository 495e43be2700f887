"""The staff inbox."""

from herzen.core.actor import Actor
from herzen.notifications.models import Notification


def inbox(*, actor: Actor, limit: int = 100) -> list[Notification]:
    """The actor's notices in their active organisation, newest first."""
    notices = Notification.objects.for_actor(actor).filter(recipient_id=actor.user.pk)
    return list(notices.order_by("-created_at")[:limit])


def unread_count(*, actor: Actor) -> int:
    notices = Notification.objects.for_actor(actor).filter(recipient_id=actor.user.pk, read_at__isnull=True)
    return notices.count()
