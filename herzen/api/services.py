"""Making and revoking API tokens. Each service audits in its own transaction; token values are never logged."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.api.models import ApiToken
from herzen.api.tokens import new_prefix, new_token, token_digest
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, NotFound

MAX_DAYS = 366


@transaction.atomic
def api_token_create(*, actor: Actor, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for the actor's user, acting only in the actor's organisation.

    Returns the token row and the plaintext token, which exists nowhere else: show it once and drop it.
    """
    days = settings.HERZEN_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise Invalid(
            _("A token lasts between 1 and %(max)d days.") % {"max": MAX_DAYS},
            fields={"days": [_("Choose 1 to %(max)d.") % {"max": MAX_DAYS}]},
        )
    if not actor.user.is_active:
        raise Invalid(_("An inactive user cannot have API tokens."))
    if actor.organisation is None:
        raise Invalid(_("A token acts in one organisation: choose one you are a member of."))
    prefix = new_prefix()
    while ApiToken.objects.filter(key_prefix=prefix).exists():  # pragma: no cover - 1 in 2**40
        prefix = new_prefix()
    plaintext = new_token(prefix)
    token = ApiToken(
        user=actor.user,
        organisation=actor.organisation,
        name=name.strip(),
        key_prefix=prefix,
        key_hash=token_digest(plaintext),
        expires_at=timezone.now() + timedelta(days=days),
    )
    validate(token)
    token.save()
    audit.record(
        actor=actor,
        action="api_token.create",
        target=token,
        changed_fields=["name", "organisation", "expires_at"],
    )
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, actor: Actor, token_id: object) -> ApiToken:
    """Revoke one of the actor's own tokens (a superuser may revoke anyone's)."""
    tokens = ApiToken.objects.select_for_update()
    if not actor.user.is_superuser:
        tokens = tokens.filter(user=actor.user)
    try:
        token = tokens.get(pk=token_id)
    except (ApiToken.DoesNotExist, ValidationError, ValueError):  # ValidationError: a malformed id
        raise NotFound() from None
    if token.revoked_at is not None:
        raise Conflict(_("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action="api_token.revoke", target=token, changed_fields=["revoked_at"])
    return token
