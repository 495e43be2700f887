"""The scheduled aid work: due tranches paid the way the grant was paid last, sanctions lists imported."""

from datetime import timedelta

import pytest
from django.utils import timezone

from herzen.aid.models import Payout, SanctionsListImport
from herzen.aid.payout_services import payout_approve, payout_confirm, payout_propose, payout_send
from herzen.aid.scheduled import due_tranches_pay, sanctions_lists_refresh

from .conftest import LISTS

pytestmark = pytest.mark.django_db


def test_a_due_tranche_is_paid_through_the_grants_last_channel(approved_grant, caseworker_a, supervisor_a):
    first = approved_grant.tranches.get(number=1)
    details = {"operator": "Korona", "recipient": "Анна Петрова", "phone": "+995 555 123 456"}
    payout = payout_propose(actor=caseworker_a, tranche_id=first.pk, channel="operator", details=details)
    payout_approve(actor=caseworker_a, payout_id=payout.pk)
    payout_send(actor=caseworker_a, payout_id=payout.pk)
    payout_confirm(actor=caseworker_a, payout_id=payout.pk, proof="KOR-12345")
    today = timezone.localdate()
    assert due_tranches_pay(actor=supervisor_a, today=today).proposed == 0  # the second is not due yet
    report = due_tranches_pay(actor=supervisor_a, today=today + timedelta(days=31))
    assert (report.proposed, report.held, report.need_channel) == (1, 0, 0)
    second = Payout.objects.get(tranche__number=2)
    assert (second.channel, second.state, second.details["phone"]) == (
        "operator",
        "approved",
        "+995555123456",
    )


def test_the_lists_are_imported_once_per_published_file(settings, supervisor_a):
    settings.HERZEN_SANCTIONS_LISTS = {
        "eu": (LISTS / "eu_excerpt.xml").as_uri(),
        "un": (LISTS / "un_excerpt.xml").as_uri(),
        "ofac": (LISTS / "ofac_excerpt.xml").as_uri(),
    }
    assert sanctions_lists_refresh(actor=supervisor_a) == {"eu": 1, "un": 1, "ofac": 1}
    assert sanctions_lists_refresh(actor=supervisor_a) == {}  # unchanged files are not imported again
    assert SanctionsListImport.objects.count() == 3
