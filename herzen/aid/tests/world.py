"""A programme and a proposed grant for the URL registries (tests/security, tests/architecture): proposed by a
caseworker of its own, so the organisation's supervisor may decide it."""

from datetime import timedelta

from django.utils import timezone

from herzen.aid import services
from herzen.core.actor import Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory

RULES = {
    "eligibility": {
        "id": "aid_registry",
        "version": "1",
        "title": "Aid",
        "criteria": [
            {"id": "size", "label": "Household", "condition": {"fact": "household_size", "at_least": 1}}
        ],
    },
    "amounts": {"1": "300.00", "2": "450.00"},
    "ceiling": "1000.00",
    "tranches": 2,
}


def _supervisor_and_proposer(organisation):
    """The organisation's supervisor, and a new caseworker of its own who proposes (so the supervisor may
    decide)."""
    supervisor_user = organisation.memberships.filter(role=Role.SUPERVISOR).first().user
    supervisor = actor_for_user(supervisor_user, organisation_id=organisation.pk)
    proposer = actor_for_user(
        MembershipFactory(organisation=organisation, role=Role.CASEWORKER).user,
        organisation_id=organisation.pk,
    )
    return supervisor, proposer


def make_programme_and_grant(case, payee):
    supervisor, proposer = _supervisor_and_proposer(case.organisation)
    funder = services.funder_create(actor=supervisor, name="Registry Foundation")
    today = timezone.localdate()
    programme = services.programme_create(
        actor=supervisor, funder_id=funder.pk, title="Registry programme", currency_code="EUR", budget=100_000_00,
        starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=90), rules=RULES,
        supervisor_threshold=500_00,
    )  # fmt: skip
    grant = services.grant_propose(
        actor=proposer, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    return programme, grant


def make_sanctions_hit(person, entry_id="99345"):
    """An open, strong match of the person with a (made-up) OFAC entry, as screening records it."""
    from herzen.aid.models import SanctionsHit

    hit = SanctionsHit(
        person=person,
        source="ofac",
        entry_id=entry_id,
        strength="strong",
        explanation=[
            {"key": "surname_matches", "values": {"list": "ofac", "entry": entry_id, "listed": "SHCHUKINA",
                                                  "schemes": ["icao_9303"]}},
            {"key": "birth_matches", "values": {}},
        ],
    )  # fmt: skip
    hit.save()
    return hit


def make_payout_and_file(programme, case, payee):
    """A second grant of the programme, approved, with a proposed cash payout of its first tranche; and an
    (empty) local bank file of the programme, for the pages that take a payout or a payment file."""
    from herzen.aid.models import PaymentFile
    from herzen.aid.payout_services import payout_propose

    organisation = case.organisation
    supervisor, proposer = _supervisor_and_proposer(organisation)
    grant = services.grant_propose(
        actor=proposer, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    services.grant_decide(actor=supervisor, grant_id=grant.pk, approve=True)
    payout = payout_propose(
        actor=proposer,
        tranche_id=grant.tranches.get(number=1).pk,
        channel="cash",
        details={"recipient": "П. Щукина"},
    )
    payment_file = PaymentFile.objects.create(
        organisation=organisation, programme=programme, kind="local_bank", country="GE",
        message_id=f"HZLWORLD{str(programme.pk)[:8]}", execution_on=timezone.localdate(),
        created_by=supervisor.user,
    )  # fmt: skip
    return payout, payment_file
