"""The demo's resettlement: admitted households have needs, offers exist, and a run's proposals keep every rule."""

import pytest
from django.utils import timezone

from herzen.cases.models import Case
from herzen.demo.applications import ApplicationDesk, write_applications
from herzen.demo.generator import generate
from herzen.demo.resettlement import write_resettlement
from herzen.demo.staffing import ensure_demo_staff
from herzen.domain import matching
from herzen.resettlement.matching_input import instance_of, placements_of
from herzen.resettlement.models import HouseholdNeeds, MatchRun, Proposal

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_finished_run_whose_proposals_keep_every_rule():
    staff = ensure_demo_staff()
    today = timezone.localdate()
    generate(organisations=staff.writers(), households=16, seed=3, today=today)
    ngo_staff = staff.ngo_staff()
    write_applications(
        operator=staff.operator,
        desk=ApplicationDesk(ngo_staff=ngo_staff, authorities=staff.authority_actors()),
        cases=list(Case.objects.order_by("opened_at", "reference")),
        today=today,
    )
    lines = write_resettlement(ngo_staff)
    assert lines
    run = MatchRun.objects.filter(status="done").first()
    assert run is not None
    proposals = list(Proposal.objects.filter(run=run))
    assert proposals
    needs = HouseholdNeeds.objects.filter(case_id__in=[p.case_id for p in proposals])
    assert matching.validate(instance_of(needs, run.offers.all(), {}), placements_of(proposals)) == []
