"""Policy regimes: versions of a pathway's policy, managed by the platform operator.

Suspending a regime moves every pending application processed under it to "suspended by policy" in one
transaction; a later regime can require those suspended applications to re-apply. Each moved application
gets its own history row and audit event (made by the pathway's "policy" moves), and the regime one more.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.domain.workflow import (
    PATHWAYS,
    POLICY,
    REQUIRE_REAPPLICATION,
    SUSPEND_BY_POLICY,
    SUSPENDED_BY_POLICY,
    Allowed,
    check_move,
)
from herzen.pathways.models import Application, PolicyRegime, PolicyRegimeStatus
from herzen.pathways.permissions import can_manage_regimes
from herzen.pathways.services.applications import _apply_move


def _regime_for_operator(actor: Actor, regime_id: object) -> PolicyRegime:
    if not can_manage_regimes(actor):
        raise PermissionDenied(_("Only the platform operator manages policy regimes."))
    try:
        regime = PolicyRegime.objects.select_for_update().filter(pk=regime_id).first()
    except (ValueError, TypeError):
        regime = None
    if regime is None:
        raise NotFound()
    return regime


@transaction.atomic
def policy_regime_create(
    *,
    actor: Actor,
    pathway: str,
    name: str,
    valid_from: date,
    status: str = PolicyRegimeStatus.OPEN,
    quota: int | None = None,
    valid_until: date | None = None,
    rule_set: Mapping[str, Any] | None = None,
    rule_set_version: str = "",
) -> PolicyRegime:
    """A new version of a pathway's policy. `rule_set` is stored as given; herzen.domain.rules reads it."""
    if not can_manage_regimes(actor):
        raise PermissionDenied(_("Only the platform operator manages policy regimes."))
    regime = PolicyRegime(
        pathway=pathway,
        name=name.strip(),
        status=status,
        quota=quota,
        valid_from=valid_from,
        valid_until=valid_until,
        rule_set=dict(rule_set or {}),
        rule_set_version=rule_set_version.strip(),
    )
    if (
        status == PolicyRegimeStatus.OPEN
        and PolicyRegime.objects.filter(pathway=pathway, status=status).exists()
    ):
        raise Conflict(_("Another regime of this pathway is open; suspend or close it first."))
    validate(regime)
    try:
        with transaction.atomic():
            regime.save()
    except IntegrityError as error:  # the one-open-regime constraint, under a race
        raise Conflict(_("Another regime of this pathway is open; suspend or close it first.")) from error
    audit.record(
        actor=actor,
        action="policy_regime.create",
        target=regime,
        changed_fields=[
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
    return regime


def _move_all(actor: Actor, regime: PolicyRegime, applications: Any, move: str) -> int:
    """Make the policy move on each application (rows already locked); returns how many moved."""
    today = timezone.localdate()
    moved = 0
    for application in applications:
        pathway = PATHWAYS[application.pathway]
        result = check_move(pathway, application.state, move, {POLICY}, {}, today=today)
        if not isinstance(result, Allowed):  # a state this policy move does not apply to
            continue
        changed = _apply_move(
            actor=actor, application=application, pathway=pathway, allowed=result, facts={}, regime=regime
        )
        audit.record(
            actor=actor,
            action="application.transition",
            target=application,
            parent=application.case,
            changed_fields=changed,
        )
        moved += 1
    return moved


@transaction.atomic
def policy_regime_suspend(*, actor: Actor, regime_id: object) -> int:
    """Suspend an open regime: every pending application under it becomes "suspended by policy".

    All in one transaction: either every pending application moves (each with a history row and an audit
    event) and the regime is suspended, or nothing changes. Returns the number of applications moved.
    """
    regime = _regime_for_operator(actor, regime_id)
    if regime.status != PolicyRegimeStatus.OPEN:
        raise Conflict(_("Only an open regime can be suspended."))
    regime.status = PolicyRegimeStatus.SUSPENDED
    regime.save(update_fields=["status", "updated_at"])
    pending = (
        Application.objects.filter(regime=regime, is_pending=True)
        .select_for_update()
        .select_related("case")
        .order_by("created_at")
    )
    moved = _move_all(actor, regime, pending, SUSPEND_BY_POLICY)
    audit.record(
        actor=actor, action="policy_regime.suspend", target=regime, changed_fields=["status", "applications"]
    )
    return moved


@transaction.atomic
def policy_regime_close(*, actor: Actor, regime_id: object) -> PolicyRegime:
    """Close a regime to new applications; those already under it continue unless it was suspended."""
    regime = _regime_for_operator(actor, regime_id)
    if regime.status == PolicyRegimeStatus.CLOSED:
        return regime
    regime.status = PolicyRegimeStatus.CLOSED
    regime.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="policy_regime.close", target=regime, changed_fields=["status"])
    return regime


@transaction.atomic
def policy_regime_require_reapplication(
    *, actor: Actor, regime_id: object, previous_regime_id: object
) -> int:
    """Under the new regime `regime_id`, every application still suspended by policy under the earlier regime
    `previous_regime_id` of the same pathway must re-apply. The applications keep their old regime (that is
    the one they were processed under); a re-application is a new application under the new regime."""
    regime = _regime_for_operator(actor, regime_id)
    previous = _regime_for_operator(actor, previous_regime_id)
    if previous.pk == regime.pk or previous.pathway != regime.pathway:
        raise Invalid(
            _("Choose an earlier regime of the same pathway."),
            fields={"previous_regime": [_("Choose an earlier regime of the same pathway.")]},
        )
    if regime.status != PolicyRegimeStatus.OPEN:
        raise Conflict(_("Only an open regime can require re-application."))
    suspended = (
        Application.objects.filter(regime=previous, state=SUSPENDED_BY_POLICY)
        .select_for_update()
        .select_related("case")
        .order_by("created_at")
    )
    moved = _move_all(actor, regime, suspended, REQUIRE_REAPPLICATION)
    audit.record(
        actor=actor,
        action="policy_regime.require_reapplication",
        target=regime,
        changed_fields=["applications"],
    )
    return moved
