"""The aid API's list operations cost as many queries for 3k rows as for k."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from herzen.aid import payout_services, services
from herzen.aid.tests.world import RULES, make_sanctions_hit
from herzen.people.models import HouseholdMember
from tests.performance.conftest import assert_flat, json_rows, token_client
from tests.performance.registry import counts


def _programme(actor, title="Programme"):
    funder = services.funder_create(actor=actor, name="Funder")
    today = timezone.localdate()
    return services.programme_create(
        actor=actor, funder_id=funder.pk, title=title, currency_code="EUR", budget=10**9,
        starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30), rules=RULES,
        supervisor_threshold=10**6,
    )  # fmt: skip


def _grant(filler, programme, approve_by=None):
    case = filler.case()
    payee = HouseholdMember.objects.filter(household=case.household).first().person
    grant = services.grant_propose(
        actor=filler.actor, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    if approve_by is not None:
        services.grant_decide(actor=approve_by, grant_id=grant.pk, approve=True)
    return grant


@counts("api:aid-programmes")
def test_programme_list(filler, supervisor_a):
    def grow(n):
        for _ in range(n):
            _programme(supervisor_a)

    client = token_client(supervisor_a)
    assert_flat(grow, lambda: client.get(reverse("api:aid-programmes")), rows=json_rows, ceiling=10)


@counts("api:aid-programme-grants")
def test_programme_grants(filler, supervisor_a):
    programme = _programme(supervisor_a)

    def grow(n):
        for _ in range(n):
            _grant(filler, programme)

    client = token_client(supervisor_a)
    url = reverse("api:aid-programme-grants", args=[programme.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:aid-programme-payouts")
def test_programme_payouts(filler, supervisor_a, make_actor):
    from herzen.core.actor import Role

    programme = _programme(supervisor_a)
    approver = make_actor(supervisor_a.organisation, Role.SUPERVISOR)

    def grow(n):
        for _ in range(n):
            tranche = _grant(filler, programme, approve_by=approver).tranches.first()
            payout_services.payout_propose(
                actor=supervisor_a, tranche_id=tranche.pk, channel="cash", details={"recipient": "Анна"}
            )

    client = token_client(supervisor_a)
    url = reverse("api:aid-programme-payouts", args=[programme.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:aid-sanctions-hits")
def test_sanctions_hits(filler, supervisor_a):
    def grow(n):
        for _ in range(n):
            make_sanctions_hit(filler.person())

    client = token_client(supervisor_a)
    assert_flat(grow, lambda: client.get(reverse("api:aid-sanctions-hits")), rows=json_rows, ceiling=12)
