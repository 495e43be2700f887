"""The audit actions of applications and policy regimes (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register

register(
    "application.start",
    _("Application started"),
    target="pathways.application",
    fields=["case", "pathway", "destination_country", "regime", "state"],
)
register(
    "application.transition",
    _("Application moved to its next stage"),
    target="pathways.application",
    fields=["state", "authority"],
    field_labels={
        "deadlines": _("deadlines"),
        "decisions": _("decisions"),
        "state_changes": _("progress"),
    },
)
register(
    "policy_regime.create",
    _("Policy regime created"),
    target="pathways.policyregime",
    fields=[
        "pathway",
        "name",
        "status",
        "quota",
        "valid_from",
        "valid_until",
        "rule_set",
        "rule_set_version",
    ],
)
register(
    "policy_regime.suspend",
    _("Policy regime suspended"),
    target="pathways.policyregime",
    fields=["status"],
    field_labels={"applications": _("applications")},
)
register("policy_regime.close", _("Policy regime closed"), target="pathways.policyregime", fields=["status"])
register(
    "policy_regime.require_reapplication",
    _("Re-application required under a policy regime"),
    target="pathways.policyregime",
    field_labels={"applications": _("applications")},
)
