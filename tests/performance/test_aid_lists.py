"""The aid pages that list records cost as many queries for 3k rows as for k."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from herzen.aid import services
from herzen.aid.tests.world import RULES
from herzen.people.models import HouseholdMember
from tests.performance.conftest import assert_flat, links_to, page_client
from tests.performance.registry import counts


def _programme(actor, title="Programme"):
    funder = services.funder_create(actor=actor, name="Funder")
    today = timezone.localdate()
    return services.programme_create(
        actor=actor, funder_id=funder.pk, title=title, currency_code="EUR", budget=10**9,
        starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30), rules=RULES,
        supervisor_threshold=10**6,
    )  # fmt: skip


@counts("web:aid-programme-list")
def test_programme_list(filler, supervisor_a):
    def grow(n):
        for _ in range(n):
            _programme(supervisor_a)

    client = page_client(supervisor_a)
    assert_flat(
        grow,
        lambda: client.get(reverse("web:aid-programme-list")),
        rows=links_to("/aid/programmes/"),
        ceiling=12,
    )


@counts("web:aid-programme-detail")
def test_programme_grants(filler, supervisor_a):
    programme = _programme(supervisor_a)

    def grow(n):
        for _ in range(n):
            case = filler.case()
            payee = HouseholdMember.objects.filter(household=case.household).first().person
            services.grant_propose(
                actor=supervisor_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
            )

    client = page_client(supervisor_a)
    assert_flat(
        grow,
        lambda: client.get(reverse("web:aid-programme-detail", args=[programme.pk])),
        rows=links_to("/aid/grants/"),
        ceiling=20,
    )


@counts("web:aid-sanctions-hits")
def test_sanctions_hits(filler, supervisor_a):
    from herzen.aid.tests.world import make_sanctions_hit

    def grow(n):
        for _ in range(n):
            make_sanctions_hit(filler.person())

    client = page_client(supervisor_a)
    assert_flat(
        grow,
        lambda: client.get(reverse("web:aid-sanctions-hits")),
        rows=lambda response: response.content.decode().count('<section class="card">'),
        ceiling=12,
    )
