"""`Authorization: Token <token>` authentication against hashed tokens (herzen.api.models.ApiToken)."""

import hmac
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from herzen.api.models import ApiToken
from herzen.api.tokens import token_digest, token_prefix

KEYWORD = "Token"
# Recording every use would turn each read into a write; once a minute is enough to spot unused tokens.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# Compared against when no token has the prefix, so a miss costs the same as a wrong secret.
_NO_MATCH = token_digest("")


class HashedTokenAuthentication(BaseAuthentication):
    # One message for every failure: a caller learns nothing about which tokens exist.
    failure = _("Invalid, expired or revoked token.")

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != KEYWORD.lower().encode():
            return None  # not ours: let session authentication try
        if len(words) != 2:
            raise AuthenticationFailed(_("The Authorization header must be 'Token <token>'."))
        try:
            presented = words[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(self.failure) from None
        return self._authenticate_token(presented)

    def _authenticate_token(self, presented: str) -> tuple[Any, ApiToken]:
        prefix = token_prefix(presented)
        token = ApiToken.objects.select_related("user").filter(key_prefix=prefix).first() if prefix else None
        matches = hmac.compare_digest(token_digest(presented), token.key_hash if token else _NO_MATCH)
        now = timezone.now()
        if token is None or not matches or not token.is_usable(now) or not token.user.is_active:
            raise AuthenticationFailed(self.failure)
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            # Bookkeeping, not a change to anyone's record: no audit event, and no save() of the whole row.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403 to unauthenticated requests.
        return KEYWORD


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = HashedTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        definition: dict[str, Any] = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=KEYWORD
        )
        definition["description"] = (
            "`Authorization: Token <token>`. Tokens are made with `herzen createapitoken` and act in one "
            "organisation only."
        )
        return definition
