from typing import Any

from herzen.notifications.selectors import unread_count


def inbox(request: Any) -> dict[str, Any]:
    """The unread count in the page header; counted only when a page renders it (a callable in templates)."""
    # The actor is lazy and wraps None for anonymous visitors (the public intake): ask about the user first.
    if not getattr(getattr(request, "user", None), "is_authenticated", False):
        return {}
    actor = getattr(request, "actor", None)
    if actor is None or actor.organisation is None:
        return {}
    return {"unread_notices": lambda: unread_count(actor=actor)}
