"""Payouts in every state the API moves them from, for the URL registries (tests/security, tests/architecture):
a payee of their own (no sanctions match), four approved grants of two tranches each in the given programme."""

from dataclasses import dataclass
from typing import Any

from herzen.aid import payment_files, payout_services, services
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory
from herzen.people.tests.factories import make_household, make_person

CASH = {"recipient": "Вера Орлова"}
OPERATOR = {"operator": "Korona", "recipient": "Вера Орлова"}
SEPA = {"account_holder": "Vera Orlova", "iban": "DE02120300000000202051", "bic": "BYLADEM1001"}


@dataclass(frozen=True)
class AidPayouts:
    payee: Any
    proposed: Any  # cash, to approve
    approved: Any  # cash, to send
    sent: Any  # operator, to confirm
    to_fail: Any  # operator, sent
    failed: Any  # operator, to re-route
    free_tranche: Any  # no payout yet
    payment_file: Any  # a SEPA batch of one payout


def make_payouts(programme) -> AidPayouts:
    organisation = programme.organisation
    supervisor_user = organisation.memberships.filter(role=Role.SUPERVISOR).first().user
    supervisor = actor_for_user(supervisor_user, organisation_id=organisation.pk)
    caseworker = actor_for_user(
        MembershipFactory(organisation=organisation, role=Role.CASEWORKER).user,
        organisation_id=organisation.pk,
    )
    if not programme.paying_iban:
        programme.paying_account_name = "Herzen Hilfe e.V."
        programme.paying_iban = "DE89370400440532013000"
        programme.paying_bic = "COBADEFFXXX"
        programme.save(update_fields=["paying_account_name", "paying_iban", "paying_bic"])
    payee = make_person(caseworker, surname="Орлова", given_name="Вера", sex="F")
    case = make_case(caseworker, household=make_household(caseworker, payee))
    tranches = []
    for _ in range(4):
        grant = services.grant_propose(
            actor=caseworker, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
        )
        services.grant_decide(actor=supervisor, grant_id=grant.pk, approve=True)
        tranches += list(grant.tranches.order_by("number"))

    def propose(tranche, channel, details):
        return payout_services.payout_propose(
            actor=caseworker, tranche_id=tranche.pk, channel=channel, details=details
        )

    def approve(payout):
        return payout_services.payout_approve(actor=caseworker, payout_id=payout.pk)

    def send(payout):
        return payout_services.payout_send(actor=caseworker, payout_id=payout.pk)

    proposed = propose(tranches[0], "cash", CASH)
    approved = approve(propose(tranches[1], "cash", CASH))
    sent = send(approve(propose(tranches[2], "operator", OPERATOR)))
    to_fail = send(approve(propose(tranches[3], "operator", OPERATOR)))
    failed = send(approve(propose(tranches[4], "operator", OPERATOR)))
    failed = payout_services.payout_fail(actor=caseworker, payout_id=failed.pk, reason="AC04")
    approve(propose(tranches[6], "sepa", SEPA))
    payment_file = payment_files.sepa_file_create(actor=caseworker, programme_id=programme.pk)
    return AidPayouts(payee, proposed, approved, sent, to_fail, failed, tranches[5], payment_file)
