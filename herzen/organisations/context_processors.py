from herzen.organisations.permissions import can_invite_staff
from herzen.organisations.selectors import organisation_switch_choices


def actor(request):  # type: ignore[no-untyped-def]
    actor = getattr(request, "actor", None)
    # DRF sets request.user to None for anonymous API callers (UNAUTHENTICATED_USER = None).
    if actor is None or not getattr(request.user, "is_authenticated", False):
        return {}
    return {
        "actor": actor,
        "organisation_choices": organisation_switch_choices(actor=actor),
        "can_invite_staff": actor.organisation is not None and can_invite_staff(actor, actor.organisation),
    }
