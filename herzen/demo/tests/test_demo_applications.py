"""The demo's applications: every state of every shipped pathway, reached through the services."""

from itertools import pairwise

import pytest
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.cases.models import Case
from herzen.demo.applications import ApplicationDesk, write_applications
from herzen.demo.generator import generate
from herzen.demo.staffing import ensure_demo_staff
from herzen.domain.workflow import SHIPPED
from herzen.pathways.models import Application, ApplicationStateChange, PolicyRegime

pytestmark = pytest.mark.django_db


@pytest.fixture
def written():
    staff = ensure_demo_staff()
    today = timezone.localdate()
    generate(organisations=staff.writers(), households=16, seed=3, today=today)
    ngo_staff = staff.ngo_staff()
    summary = write_applications(
        operator=staff.operator,
        desk=ApplicationDesk(ngo_staff=ngo_staff, authorities=staff.authority_actors()),
        cases=list(Case.objects.order_by("opened_at", "reference")),
        today=today,
    )
    return summary


def test_every_state_of_every_pathway_has_an_application_walked_there_under_its_regimes(written):
    assert written.skipped == []
    held = set(Application.objects.values_list("pathway", "state"))
    assert held == {(p.code, s.code) for p in SHIPPED for s in p.states}
    assert written.applications == Application.objects.count()

    # every application was walked through its machine, with an audit event per move
    for application in Application.objects.all():
        changes = list(
            ApplicationStateChange.objects.filter(application=application).order_by(
                "occurred_at", "created_at"
            )
        )
        assert changes[0].transition == "start"
        assert changes[-1].to_state == application.state
        for before, after in pairwise(changes):
            assert after.from_state == before.to_state
    moves = ApplicationStateChange.objects.exclude(transition="start").count()
    assert AuditEvent.objects.filter(action="application.transition").count() == moves

    # each pathway has had three regimes, and one is open
    for pathway in SHIPPED:
        statuses = sorted(PolicyRegime.objects.filter(pathway=pathway.code).values_list("status", flat=True))
        assert statuses == ["open", "suspended", "suspended"]
