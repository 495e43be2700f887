"""Policy regimes: only the operator manages them; suspending moves exactly the pending applications in one
audited transaction; a later regime makes the suspended re-apply."""

from datetime import date

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, PermissionDenied
from herzen.demo.applications import walk
from herzen.domain.rules import shipped_rule_set_document
from herzen.pathways import services
from herzen.pathways.models import Application, ApplicationStateChange, PolicyRegime, PolicyRegimeStatus
from herzen.pathways.services import applications as application_services
from herzen.pathways.tests.factories import make_application

PENDING = (
    "dossier",
    "vouched",
    "submitted_foreign_ministry",
    "approved_foreign_ministry",
    "visa_appointment",
)
SETTLED = ("visa_issued", "entered", "refused", "residence_permit_issued")


@pytest.fixture
def de_applications(open_regimes, caseworker_a, actor_for, today):
    """One Germany § 22 application in each of several pending and settled states: {state: application}."""
    return {
        state: walk(make_application(caseworker_a), target=state, actor_for=actor_for("DE"), today=today)
        for state in (*PENDING, *SETTLED)
    }


def test_suspending_a_regime_moves_exactly_its_pending_applications_and_audits_each(
    operator, open_regimes, de_applications, caseworker_a
):
    # given an application of another pathway, which another regime governs
    other = make_application(caseworker_a, pathway="cz_civil_society")
    regime = open_regimes["de_22_2"]
    audits = AuditEvent.objects.count()

    # when
    moved = services.policy_regime_suspend(actor=operator, regime_id=regime.pk)

    # then
    assert moved == len(PENDING)
    states = {state: Application.objects.get(pk=a.pk).state for state, a in de_applications.items()}
    assert states == {**dict.fromkeys(PENDING, "suspended_by_policy"), **{s: s for s in SETTLED}}
    assert Application.objects.get(pk=other.pk).state == "dossier"
    regime.refresh_from_db()
    assert regime.status == PolicyRegimeStatus.SUSPENDED
    changes = ApplicationStateChange.objects.filter(transition="suspend_by_policy")
    assert {(c.application_id, c.from_state) for c in changes} == {
        (de_applications[s].pk, s) for s in PENDING
    }
    assert all(c.regime_id == regime.pk and c.actor_user_id == operator.user.pk for c in changes)
    events = AuditEvent.objects.order_by("id")[audits:]
    assert sorted(e.action for e in events) == [
        *["application.transition"] * len(PENDING),
        "policy_regime.suspend",
    ]
    assert {e.target_id for e in events if e.action == "application.transition"} == {
        str(de_applications[s].pk) for s in PENDING
    }


def test_a_suspension_that_fails_half_way_changes_nothing(
    operator, open_regimes, de_applications, monkeypatch
):
    # given a failure on the third application
    real = application_services._apply_move
    calls = {"n": 0}

    def failing(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr("herzen.pathways.services.regimes._apply_move", failing)
    audits = AuditEvent.objects.count()

    # when
    with pytest.raises(RuntimeError):
        services.policy_regime_suspend(actor=operator, regime_id=open_regimes["de_22_2"].pk)

    # then
    assert not Application.objects.filter(state="suspended_by_policy").exists()
    assert PolicyRegime.objects.get(pk=open_regimes["de_22_2"].pk).status == PolicyRegimeStatus.OPEN
    assert AuditEvent.objects.count() == audits


def test_only_the_platform_operator_manages_regimes(open_regimes, de_applications, supervisor_a, authorities):
    regime = open_regimes["de_22_2"]
    for actor in (supervisor_a, authorities("DE")["foreign_ministry"]):
        with pytest.raises(PermissionDenied):
            services.policy_regime_suspend(actor=actor, regime_id=regime.pk)
        with pytest.raises(PermissionDenied):
            services.policy_regime_create(
                actor=actor, pathway="de_22_2", name="x", valid_from=date(2025, 1, 1)
            )
    assert not Application.objects.filter(state="suspended_by_policy").exists()


def test_a_new_regime_requires_the_suspended_to_reapply_and_they_keep_their_old_regime(
    operator, open_regimes, de_applications, caseworker_a
):
    # given
    old = open_regimes["de_22_2"]
    services.policy_regime_suspend(actor=operator, regime_id=old.pk)
    new = services.policy_regime_create(
        actor=operator,
        pathway="de_22_2",
        name="Standard procedure (August 2025)",
        valid_from=date(2025, 8, 1),
        rule_set={"all": []},
        rule_set_version="2025-08",
    )

    # when
    moved = services.policy_regime_require_reapplication(
        actor=operator, regime_id=new.pk, previous_regime_id=old.pk
    )

    # then
    assert moved == len(PENDING)
    for state in PENDING:
        application = Application.objects.get(pk=de_applications[state].pk)
        assert application.state == "must_reapply"
        assert application.is_terminal
        assert application.regime_id == old.pk
    # and a re-application of the same case starts under the new regime
    again = make_application(caseworker_a, de_applications["dossier"].case)
    assert again.regime_id == new.pk
    assert (
        AuditEvent.objects.filter(action="policy_regime.require_reapplication", target_id=str(new.pk)).count()
        == 1
    )


def test_only_one_regime_of_a_pathway_is_open_at_a_time(operator, open_regimes):
    with pytest.raises(Conflict):
        services.policy_regime_create(
            actor=operator, pathway="de_22_2", name="Second", valid_from=date(2025, 1, 1)
        )


def test_a_regime_stores_its_rule_set_and_version(operator, open_regimes):
    regime = PolicyRegime.objects.get(pk=open_regimes["cz_civil_society"].pk)
    assert regime.rule_set == shipped_rule_set_document("cz_civil_society")
    assert regime.rule_set_version == shipped_rule_set_document("cz_civil_society")["version"]
    assert regime.quota == 500
