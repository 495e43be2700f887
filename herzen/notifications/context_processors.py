from typing import Any

from herzen.notifications.selectors import unread_count


def inbox(request: Any) -> dict[str, Any]:
    """The unread count in the page header; counted only when a page renders it (a callable in templates)."""
    actor = getattr(request, "actor", None)
    if actor is None or actor.organisation is None or not getattr(request.user, "is_authenticated", False):
        return {}
    return {"unread_notices": lambda: unread_count(actor=actor)}
