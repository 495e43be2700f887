"""Who may call the API at all. What each caller may do is decided by the services' own permission checks."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class IsOrganisationMember(BasePermission):
    """Authenticated, and acting in an organisation (see herzen.core.api.ActorApi)."""

    message = _("You are not acting in an organisation here. Check your membership or X-Herzen-Organisation.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        actor = getattr(view, "actor", None)
        return actor is not None and actor.organisation is not None
