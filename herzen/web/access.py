"""What every page shares: who may reach it, and how the errors of services reach the person at the screen."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache

from herzen import audit
from herzen.core.exceptions import ApplicationError, NotFound
from herzen.core.exceptions import PermissionDenied as ApplicationPermissionDenied

View = Callable[..., HttpResponse]

# What herzen.core.changes.validate says when the fields carry the real messages.
GENERIC_INVALID_MESSAGE = gettext_noop("Please correct the highlighted fields.")


def organisation_page(view: View) -> View:
    """A page for staff of an organisation.

    A user without an organisation gets a page that says so; NotFound becomes the 404 page and the
    application's PermissionDenied the 403 page. Pages carry personal data, so browsers must not keep them.
    """

    @never_cache
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = getattr(request, "actor", None)
        if not actor or actor.organisation is None:
            return render(request, "web/no_organisation.html", status=403)
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None
        except ApplicationPermissionDenied:
            raise DjangoPermissionDenied from None

    return wrapper


def record_shown(request: HttpRequest, target: Any, *categories: str) -> None:
    """The page is about to show `categories` of data of `target` (a record or several): write the access
    events (audit.record_access), named after the page's URL name. Call it before rendering."""
    audit.record_access(actor=request.actor, target=target, categories=categories, via=request)  # type: ignore[attr-defined]


def require(allowed: bool) -> None:
    """Refuse a write before reading its input, so a refused request neither validates nor writes."""
    if not allowed:
        raise DjangoPermissionDenied


def add_service_errors(
    form: forms.Form, error: ApplicationError, field_map: dict[str, str] | None = None
) -> None:
    """Put an Invalid or Conflict raised by a service beside the form's fields, or above them if none fits.

    The service's overall message is shown above the fields too, unless it is only the generic "correct the
    highlighted fields". Services raise their messages already translated into the request's language.
    """
    field_map = field_map or {}
    for name, messages in error.fields.items():
        target = field_map.get(name, name)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)
    general = error.message
    if not error.fields or (
        general != gettext(GENERIC_INVALID_MESSAGE) and general not in form.non_field_errors()
    ):
        form.add_error(None, general)
