"""api_token_create and api_token_revoke: what they write, what they audit, and what they refuse."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from herzen.api.models import ApiToken
from herzen.api.services import api_token_create, api_token_revoke
from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, Invalid, NotFound


def test_api_token_create_stores_a_hash_and_audits_once(caseworker_a, settings):
    # given
    settings.HERZEN_API_TOKEN_DAYS = 10

    # when
    row, token = api_token_create(actor=caseworker_a, name=" reporting ")

    # then
    assert row.user == caseworker_a.user
    assert row.organisation == caseworker_a.organisation
    assert row.name == "reporting"
    assert row.revoked_at is None
    assert row.last_used_at is None
    assert timedelta(days=10) - timedelta(minutes=1) < row.expires_at - timezone.now() <= timedelta(days=10)
    assert len(token) > 50
    event = AuditEvent.objects.get()
    assert (event.action, event.target_id, event.actor_user_id) == (
        "api_token.create",
        str(row.pk),
        caseworker_a.user.pk,
    )
    assert token not in str(event.changed_fields)


def test_api_token_create_takes_the_days_it_is_given(caseworker_a):
    row, _ = api_token_create(actor=caseworker_a, name="short", days=1)

    assert row.expires_at - timezone.now() <= timedelta(days=1)


@pytest.mark.parametrize("days", [0, -3, 367])
def test_api_token_create_refuses_lifetimes_out_of_range_and_writes_nothing(caseworker_a, days):
    with pytest.raises(Invalid) as error:
        api_token_create(actor=caseworker_a, name="bad", days=days)

    assert "days" in error.value.fields
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.exists()


def test_two_tokens_differ(caseworker_a):
    first, first_token = api_token_create(actor=caseworker_a, name="one")
    second, second_token = api_token_create(actor=caseworker_a, name="two")

    assert first.key_prefix != second.key_prefix
    assert first_token != second_token


def test_api_token_revoke_marks_the_token_and_audits_once(caseworker_a):
    # given
    row, _ = api_token_create(actor=caseworker_a, name="reporting")

    # when
    api_token_revoke(actor=caseworker_a, token_id=row.pk)

    # then
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert not row.is_usable()
    assert AuditEvent.objects.filter(action="api_token.revoke", target_id=str(row.pk)).count() == 1


@pytest.mark.parametrize("token_id", ["someone else's", "not-a-uuid", "b2f5ff47-2a1c-4c07-9bb4-1d0f0e1f3c22"])
def test_api_token_revoke_cannot_reach_other_users_tokens(caseworker_a, caseworker_b, token_id):
    # given
    row, _ = api_token_create(actor=caseworker_a, name="reporting")
    events = AuditEvent.objects.count()

    # when
    with pytest.raises(NotFound):
        api_token_revoke(actor=caseworker_b, token_id=row.pk if token_id == "someone else's" else token_id)

    # then
    row.refresh_from_db()
    assert row.revoked_at is None
    assert AuditEvent.objects.count() == events


def test_api_token_revoke_refuses_a_second_revocation(caseworker_a):
    # given
    row, _ = api_token_create(actor=caseworker_a, name="reporting")
    api_token_revoke(actor=caseworker_a, token_id=row.pk)
    events = AuditEvent.objects.count()

    # when
    with pytest.raises(Conflict):
        api_token_revoke(actor=caseworker_a, token_id=row.pk)

    # then
    assert AuditEvent.objects.count() == events


def test_api_token_create_refuses_an_actor_without_an_organisation(caseworker_a):
    # given
    nowhere = replace(caseworker_a, organisation=None, roles=frozenset())

    # when
    with pytest.raises(Invalid):
        api_token_create(actor=nowhere, name="floating")

    # then
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.exists()
