"""API tokens. Only a SHA-256 hash of each token is stored; the token itself is shown once, when it is made."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def default_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.HERZEN_API_TOKEN_DAYS)


class ApiToken(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    # The token acts only in this organisation, so a leaked token exposes one organisation's files, not all of
    # its holder's; if the user leaves that organisation, the token can do nothing.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. 'reporting'.")
    )
    # The token's first characters: shown to users to tell tokens apart, and used to look a token up.
    key_prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    # SHA-256 hex digest of the whole token. Tokens are long random strings, so a fast hash suffices.
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.name})"

    def is_usable(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
