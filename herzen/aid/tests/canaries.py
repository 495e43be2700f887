"""Aid's encrypted columns filled with canaries through the services, for herzen/encryption's dump test."""

from datetime import timedelta

from django.utils import timezone

from herzen.aid import services
from herzen.aid.models import Grant, HitStrength, SanctionsHit
from herzen.aid.payout_services import payout_approve, payout_confirm, payout_propose, payout_send
from herzen.aid.sanctions_services import sanctions_hit_decide
from herzen.core.actor import Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory
from herzen.people.models import HouseholdMember

AID_CANARIES = {
    "aid_explanation": "canary-aid-explanation-qzx",
    "aid_account_holder": "canary-aid-holder-qzx",
    "aid_proof": "canary-aid-proof-qzx",
    "aid_hit_explanation": "canary-aid-hit-explanation-qzx",
    "aid_hit_reason": "canary-aid-hit-reason-qzx",
}
RULES = {
    "eligibility": {
        "id": "aid",
        "version": "1",
        "title": "Aid",
        "criteria": [
            {"id": "size", "label": "Household", "condition": {"fact": "household_size", "at_least": 1}}
        ],
    },
    "amounts": {"1": "100.00"},
    "ceiling": "1000.00",
    "tranches": 1,
}


def write_aid_canaries(actor, supervisor, case) -> None:
    funder = services.funder_create(actor=supervisor, name="Funder")
    today = timezone.localdate()
    programme = services.programme_create(
        actor=supervisor, funder_id=funder.pk, title="Canary", currency_code="EUR", budget=100_000,
        starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30), rules=RULES,
        supervisor_threshold=10**9,
    )  # fmt: skip
    payee = HouseholdMember.objects.filter(household_id=case.household_id).first().person
    grant = services.grant_propose(actor=actor, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk)
    grant.explanation = {**grant.explanation, "note": AID_CANARIES["aid_explanation"]}
    grant.save()
    services.grant_decide(actor=supervisor, grant_id=grant.pk, approve=True)
    tranche = Grant.objects.get(pk=grant.pk).tranches.get()
    details = {"operator": "Korona", "recipient": AID_CANARIES["aid_account_holder"]}
    payout = payout_propose(actor=actor, tranche_id=tranche.pk, channel="operator", details=details)
    payout_approve(actor=actor, payout_id=payout.pk)
    payout_send(actor=actor, payout_id=payout.pk)
    payout_confirm(actor=actor, payout_id=payout.pk, proof=AID_CANARIES["aid_proof"])
    hit = SanctionsHit(
        person=payee, source="ofac", entry_id="1", strength=HitStrength.CONTRADICTED.value,
        explanation=[{"key": "note", "values": {"text": AID_CANARIES["aid_hit_explanation"]}}],
    )  # fmt: skip
    hit.save()
    compliance = actor_for_user(
        MembershipFactory(organisation_id=actor.organisation_id, role=Role.COMPLIANCE_OFFICER).user,
        organisation_id=actor.organisation_id,
    )
    sanctions_hit_decide(
        actor=compliance, hit_id=hit.pk, confirm=False, reason=AID_CANARIES["aid_hit_reason"]
    )
