"""Choosing the organisation to work in."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herzen.organisations.actors import ACTIVE_ORGANISATION_SESSION_KEY
from herzen.organisations.selectors import organisation_switch_choices


@require_POST
def organisation_switch_view(request: HttpRequest) -> HttpResponse:
    """Work in another organisation the user is a member of; anything else is refused."""
    actor = request.actor  # type: ignore[attr-defined]
    choices = {str(o.pk): o for o in organisation_switch_choices(actor=actor)} if actor else {}
    organisation = choices.get(request.POST.get("organisation", ""))
    if organisation is None:
        raise PermissionDenied
    request.session[ACTIVE_ORGANISATION_SESSION_KEY] = str(organisation.pk)
    messages.success(request, _("You are now working in %(organisation)s.") % {"organisation": organisation})
    # The page the user was on belongs to the previous organisation: start from the new one's home.
    return redirect("web:home")


def home_view(request: HttpRequest) -> HttpResponse:
    """An NGO starts from its case list; an authority, which sees no case files, from its work page."""
    actor = getattr(request, "actor", None)
    if actor is not None and actor.organisation is not None and actor.organisation.is_authority:
        return redirect("web:application-list")
    return redirect("web:case-list")
