"""The audit actions of organisations and memberships (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register

register(
    "organisation.create",
    _("Organisation created"),
    target="organisations.organisation",
    fields=["name", "kind", "authority_kind", "country", "city", "intake_countries"],
)
register(
    "organisation.set_intake_countries",
    _("Intake countries changed"),
    target="organisations.organisation",
    fields=["intake_countries"],
)
register(
    "membership.grant",
    _("Role granted"),
    target="organisations.membership",
    fields=["role"],
    field_labels={"user": _("user"), "organisation": _("organisation")},
)
register("membership.revoke", _("Role revoked"), target="organisations.membership", fields=["role"])
