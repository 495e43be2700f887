"""Grants computed from the programme's rules, four-eyes approval, and the ledger they are booked in."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from herzen.aid import ledger, services
from herzen.aid.models import Grant, GrantStatus, LedgerAccount, LedgerEntry, LedgerPosting
from herzen.aid.triggers import BALANCED
from herzen.audit.models import AuditEvent
from herzen.core.actor import Role
from herzen.core.exceptions import PermissionDenied
from herzen.domain.accounting import AccountKind, UnbalancedEntry

pytestmark = pytest.mark.django_db


def test_a_grant_is_computed_from_the_rules_and_explained(programme, household_case, caseworker_a):
    case, payee = household_case
    grant = services.grant_propose(
        actor=caseworker_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    assert grant.total == 450_00  # a household of two
    assert [t.amount for t in grant.tranches.all()] == [150_00, 150_00, 150_00]
    assert [s["key"] for s in grant.explanation["steps"]] == ["eligibility", "amount_for_size", "tranches"]
    assert grant.explanation["screening"]["recommendation"] == "eligible"
    assert AuditEvent.objects.filter(action="aid_grant.propose", target_id=str(grant.pk)).exists()


def test_the_proposer_can_never_approve_even_as_supervisor(
    programme, household_case, supervisor_a, make_actor, org_a
):
    case, payee = household_case
    grant = services.grant_propose(
        actor=supervisor_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    with pytest.raises(PermissionDenied):
        services.grant_decide(actor=supervisor_a, grant_id=grant.pk, approve=True)
    admin = make_actor(org_a, Role.ORGANISATION_ADMIN, user=supervisor_a.user)
    with pytest.raises(PermissionDenied):
        services.grant_decide(actor=admin, grant_id=grant.pk, approve=True)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PROPOSED


def test_the_database_refuses_a_self_approved_grant(programme, household_case, caseworker_a):
    case, payee = household_case
    grant = services.grant_propose(
        actor=caseworker_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.filter(pk=grant.pk).update(decided_by=caseworker_a.user, status=GrantStatus.APPROVED)


def test_above_the_threshold_another_caseworker_cannot_approve(
    programme, household_case, caseworker_a, make_actor, org_a
):
    case, payee = household_case
    grant = services.grant_propose(
        actor=caseworker_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    colleague = make_actor(org_a, Role.CASEWORKER)
    programme.supervisor_threshold = 400_00  # the grant is 450 EUR: a supervisor's decision
    programme.save()
    with pytest.raises(PermissionDenied):
        services.grant_decide(actor=colleague, grant_id=grant.pk, approve=True)
    programme.supervisor_threshold = 500_00  # below it, another caseworker may approve
    programme.save()
    assert (
        services.grant_decide(actor=colleague, grant_id=grant.pk, approve=True).status == GrantStatus.APPROVED
    )


def test_approval_commits_the_money_and_the_books_verify(approved_grant, programme):
    assert ledger.balances(programme) == {
        AccountKind.FUNDING.value: -10_000_00,
        AccountKind.BUDGET.value: 10_000_00 - 450_00,
        AccountKind.COMMITTED.value: 450_00,
    }
    assert not ledger.verify_books()
    call_command("ledger", "verify", verbosity=0)


def test_verify_finds_a_kept_balance_that_differs_from_the_postings(approved_grant, programme):
    LedgerAccount.objects.filter(programme=programme, kind="committed").update(balance=1)
    with pytest.raises(CommandError):
        call_command("ledger", "verify", verbosity=0)


def test_an_unbalanced_entry_is_refused_before_anything_is_written(programme, supervisor_a):
    before = LedgerEntry.objects.count()
    with pytest.raises(UnbalancedEntry):
        ledger.post(
            actor=supervisor_a, programme=programme, memo="bad",
            legs=[ledger.Leg(AccountKind.BUDGET, -5, "EUR"), ledger.Leg(AccountKind.PAID, 4, "EUR")],
        )  # fmt: skip
    assert LedgerEntry.objects.count() == before


def test_a_reversal_restores_the_balances(approved_grant, programme, supervisor_a):
    before = ledger.balances(programme)
    entry = ledger.move(actor=supervisor_a, programme=programme, memo="fee", source=AccountKind.BUDGET,
                        target=AccountKind.FEES, amount=12_34)  # fmt: skip
    ledger.reverse(actor=supervisor_a, entry=entry)
    after = {kind: value for kind, value in ledger.balances(programme).items() if value}
    assert after == before
    assert not ledger.verify_books()


def _add_unbalanced_posting(entry, account):
    with transaction.atomic(), connection.cursor() as cursor:
        LedgerPosting.objects.create(entry=entry, account=account, amount=1, currency="EUR")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # what COMMIT would do


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_unbalanced_postings_at_commit_and_any_change(approved_grant, programme):
    with connection.cursor() as cursor:
        cursor.execute(BALANCED)  # the test database is built without migrations; rolled back with the test
    entry = LedgerEntry.objects.filter(programme=programme).first()
    account = LedgerAccount.objects.filter(programme=programme).first()
    with pytest.raises(IntegrityError):
        _add_unbalanced_posting(entry, account)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerPosting.objects.filter(entry=entry).update(amount=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(memo="changed")
