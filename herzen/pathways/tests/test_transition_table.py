"""Every allowed and every forbidden move of every shipped pathway, through the service, generated from the
tables: an application is walked to each state with the real services; from there every move the table has
is refused to every actor it does not name (NGO roles never decide) and made by the one it names; every move
the table lacks is refused with a Conflict naming the state and the move. A refused move writes nothing."""

import pytest
from django.db import transaction

from herzen.audit.models import AuditEvent
from herzen.core.actor import Role
from herzen.core.exceptions import Conflict, NotFound, PermissionDenied
from herzen.demo.applications import sample_facts, walk
from herzen.domain.workflow import POLICY, SHIPPED, SUSPENDED_BY_POLICY
from herzen.pathways import services
from herzen.pathways.labels import MOVE_LABELS, STATE_LABELS
from herzen.pathways.models import Application, ApplicationDecision, ApplicationStateChange
from herzen.pathways.tests.factories import destination_of, make_application

STATES = [
    (pathway, state.code)
    for pathway in SHIPPED
    for state in pathway.states
    if not state.terminal and state.code != SUSPENDED_BY_POLICY
]


def snapshot(application):
    application.refresh_from_db()
    return (
        application.state,
        ApplicationStateChange.objects.filter(application=application).count(),
        ApplicationDecision.objects.filter(application=application).count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def everyone(caseworker_a, supervisor_a, make_actor, org_a, caseworker_b, authorities):
    """Every actor who might try a move: NGO roles of the owning and another NGO, and each authority kind."""

    def build(country):
        actors = {
            "ngo:caseworker": caseworker_a,
            "ngo:supervisor": supervisor_a,
            "ngo:auditor": make_actor(org_a, Role.AUDITOR),
            "ngo:org_admin": make_actor(org_a, Role.ORGANISATION_ADMIN),
            "other-ngo:caseworker": caseworker_b,
        }
        actors.update({f"authority:{kind}": actor for kind, actor in authorities(country).items()})
        return actors

    return build


@pytest.mark.parametrize(("pathway", "state"), STATES, ids=[f"{p.code}:{s}" for p, s in STATES])
def test_from_each_state_exactly_the_tables_moves_by_exactly_their_actors(
    pathway, state, open_regimes, caseworker_a, actor_for, everyone, today
):
    # given an application walked to `state` through the services
    country = destination_of(pathway.code)
    application = walk(
        make_application(caseworker_a, pathway=pathway.code),
        target=state,
        actor_for=actor_for(country),
        today=today,
    )
    assert application.state == state
    actors = everyone(country)

    # then every move the table lacks from here is a Conflict naming the state and the move
    for name in sorted(pathway.move_names - {t.name for t in pathway.moves_from(state)}):
        before = snapshot(application)
        with pytest.raises(Conflict) as refused:
            services.application_transition(actor=caseworker_a, application_id=application.pk, move=name)
        assert str(STATE_LABELS[state]) in refused.value.message
        assert str(MOVE_LABELS[name]) in refused.value.message
        assert snapshot(application) == before

    for transition in pathway.moves_from(state):
        facts = sample_facts(transition, today)
        # every actor the row does not name is refused (not found, when the application is not theirs to see)
        for kind, actor in actors.items():
            if kind in transition.actors:
                continue
            before = snapshot(application)
            with pytest.raises((PermissionDenied, NotFound)):
                services.application_transition(
                    actor=actor, application_id=application.pk, move=transition.name, facts=facts, today=today
                )
            assert snapshot(application) == before, (kind, transition.name)
        if POLICY in transition.actors:
            continue  # made by the regime services (test_regimes.py)
        # and the actor it names makes it: new state, a history row, a decision if it is one, one audit event
        allowed = next(actors[kind] for kind in sorted(transition.actors) if kind in actors)
        savepoint = transaction.savepoint()
        audits = AuditEvent.objects.count()
        services.application_transition(
            actor=allowed, application_id=application.pk, move=transition.name, facts=facts, today=today
        )
        moved = Application.objects.get(pk=application.pk)
        assert moved.state == transition.target
        assert moved.regime_id == application.regime_id
        last = ApplicationStateChange.objects.filter(application=application).order_by("-occurred_at").first()
        assert (last.from_state, last.transition, last.to_state) == (
            state,
            transition.name,
            transition.target,
        )
        assert last.organisation_id == allowed.organisation_id
        assert ApplicationDecision.objects.filter(state_change=last).exists() == transition.decision
        assert AuditEvent.objects.count() == audits + 1
        transaction.savepoint_rollback(savepoint)
