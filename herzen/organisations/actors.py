"""Building the Actor for a user: the active organisation and the roles held in it."""

import uuid
from dataclasses import replace
from typing import Any

from django.contrib.auth.models import AnonymousUser

from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.organisations.models import Membership

ACTIVE_ORGANISATION_SESSION_KEY = "herzen_active_organisation"
ORGANISATION_HEADER = "X-Herzen-Organisation"


def actor_for_user(
    user: User | AnonymousUser | None, *, organisation_id: object | None = None
) -> Actor | None:
    """The actor for `user`, in `organisation_id` if they are a member there, else in their first organisation.

    Returns None for anonymous or inactive users; a user with no membership gets an actor with no organisation,
    which every selector turns into an empty result.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
    organisations = {m.organisation_id: m.organisation for m in memberships}
    if organisation_id is not None and organisation_id in {str(k) for k in organisations} | set(
        organisations
    ):
        active_id = next(k for k in organisations if str(k) == str(organisation_id))
    else:
        active_id = min(organisations, key=lambda k: organisations[k].name) if organisations else None
    roles = frozenset(Role(m.role) for m in memberships if m.organisation_id == active_id)
    return Actor(
        user=user,
        organisation=organisations.get(active_id) if active_id else None,
        roles=roles,
        other_organisation_ids=frozenset(k for k in organisations if k != active_id),
    )


def actor_for_request(request: Any) -> Actor | None:
    """The actor of an API request (settings.HERZEN_ACTOR_RESOLVER), after DRF has authenticated it.

    The organisation is, in order: the one an API token is bound to (`request.auth.organisation_id`), the one
    named in the X-Herzen-Organisation header, the session's active organisation, the user's first one.
    A request that names an organisation (token or header) acts in exactly that one or in none: it is never
    quietly switched to another organisation of the same user, where its writes would land in the wrong files.
    """
    user = getattr(request, "user", None)
    if user is None:
        return None
    header = request.headers.get(ORGANISATION_HEADER, "").strip()
    token_organisation = getattr(getattr(request, "auth", None), "organisation_id", None)
    named = [str(value) for value in (token_organisation, _uuid_text(header)) if value]
    session = getattr(request, "session", None)
    fallback = session.get(ACTIVE_ORGANISATION_SESSION_KEY) if session is not None else None
    actor = actor_for_user(user, organisation_id=named[0] if named else fallback)
    if actor is None:
        return None
    malformed_header = bool(header) and not _uuid_text(header)
    if malformed_header or any(value != str(actor.organisation_id) for value in named):
        return replace(actor, organisation=None, roles=frozenset())
    return actor


def _uuid_text(value: str) -> str:
    """An organisation id in canonical form, or "" when the text is not an id at all."""
    try:
        return str(uuid.UUID(value)) if value else ""
    except ValueError:
        return ""
