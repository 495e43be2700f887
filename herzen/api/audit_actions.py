"""The audit actions of API tokens (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register

register(
    "api_token.create",
    _("API token created"),
    target="api.apitoken",
    fields=["name", "expires_at"],
    field_labels={"organisation": _("organisation")},
)
register("api_token.revoke", _("API token revoked"), target="api.apitoken", fields=["revoked_at"])
