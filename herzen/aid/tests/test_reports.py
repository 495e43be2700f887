"""Reports from the ledger: per month, with proofs, HXL hashtags, a chart; a funder sees only aggregates."""

import pytest
from django.utils import timezone

from herzen.aid.models import Funder
from herzen.aid.payout_services import payout_approve, payout_confirm, payout_propose, payout_send
from herzen.aid.reports import (
    as_file,
    chart_svg,
    funded_programmes,
    months_table,
    payouts_table,
    programme_months,
)
from herzen.core.actor import Role
from herzen.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_programme_report_adds_up_from_the_ledger(approved_grant, programme, caseworker_a):
    tranche = approved_grant.tranches.get(number=1)
    payout = payout_propose(actor=caseworker_a, tranche_id=tranche.pk, channel="operator",
                            details={"operator": "Unistream", "recipient": "Анна"})  # fmt: skip
    payout_approve(actor=caseworker_a, payout_id=payout.pk)
    payout_send(actor=caseworker_a, payout_id=payout.pk)
    payout_confirm(actor=caseworker_a, payout_id=payout.pk, proof="UNI-777")
    [month] = programme_months(programme)
    assert (month.month.month, month.committed, month.paid, month.returned) == (
        timezone.localdate().month,
        450_00,
        150_00,
        0,
    )
    table = months_table(programme)
    assert table[1] == [
        "#date+month",
        "#currency",
        "#value+budget",
        "#value+committed",
        "#value+paid",
        "#value+returned",
    ]
    assert b"#value+paid" in as_file(table, "csv", "r")
    assert as_file(table, "xlsx", "r")[:2] == b"PK"
    proofs = payouts_table(caseworker_a, programme)
    assert proofs[2][-1] == "UNI-777"
    svg = chart_svg(programme)
    assert svg.startswith("<svg")
    assert "<script" not in svg


def test_a_funder_organisation_sees_only_the_programmes_it_funds(programme, make_actor):
    funder_org = OrganisationFactory(kind="funder")
    funder_actor = make_actor(funder_org, Role.AUDITOR)
    assert funded_programmes(funder_actor) == []
    Funder.objects.filter(pk=programme.funder_id).update(funder_organisation=funder_org)
    assert funded_programmes(funder_actor) == [programme]
