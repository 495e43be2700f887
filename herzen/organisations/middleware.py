from django.utils.functional import SimpleLazyObject

from herzen.organisations.actors import ACTIVE_ORGANISATION_SESSION_KEY, actor_for_user


class ActorMiddleware:
    """Attaches `request.actor`, built once per request on first use."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request):  # type: ignore[no-untyped-def]
        request.actor = SimpleLazyObject(
            lambda: actor_for_user(
                request.user, organisation_id=request.session.get(ACTIVE_ORGANISATION_SESSION_KEY)
            )
        )
        return self.get_response(request)
