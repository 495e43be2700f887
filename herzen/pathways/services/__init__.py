"""Writes of the pathways app: applications and their moves, and policy regimes. Each service is atomic and
audits; `application_transition` is the only way an application's state changes (the regime services run the
same machinery for policy moves)."""

from herzen.pathways.services.applications import application_start, application_transition
from herzen.pathways.services.regimes import (
    policy_regime_close,
    policy_regime_create,
    policy_regime_require_reapplication,
    policy_regime_suspend,
)

__all__ = [
    "application_start",
    "application_transition",
    "policy_regime_close",
    "policy_regime_create",
    "policy_regime_require_reapplication",
    "policy_regime_suspend",
]
