"""Token and session authentication, and which organisation a request acts in."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.api.models import ApiToken
from herzen.api.services import api_token_create, api_token_revoke
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.organisations.tests.factories import MembershipFactory, UserFactory

CASES = "/api/v1/cases/"


def token_client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def assert_unauthenticated(response) -> None:
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "fields"}
    assert response.json()["code"] in {"not_authenticated", "authentication_failed"}
    assert response.json()["fields"] == {}
    assert response["WWW-Authenticate"] == "Token"


def test_a_valid_token_authenticates(caseworker_a):
    # given
    case = make_case(caseworker_a)
    _, token = api_token_create(actor=caseworker_a, name="reporting")

    # when
    response = token_client(token).get(CASES)

    # then
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(case.pk)]


def test_the_database_holds_only_the_hash_of_a_token(caseworker_a):
    # given
    row, token = api_token_create(actor=caseworker_a, name="reporting")
    secret = token.split(".", 1)[1]

    # when
    stored = ApiToken.objects.filter(pk=row.pk).values().get()

    # then
    assert all(token not in str(value) and secret not in str(value) for value in stored.values())
    assert stored["key_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token.startswith(stored["key_prefix"] + ".")


def test_requests_without_credentials_get_401(db):
    response = APIClient().get(CASES)

    assert_unauthenticated(response)


@pytest.mark.parametrize(
    "presented",
    ["nonsense", "0123456789.not-the-secret", "", "a b"],
    ids=["malformed", "unknown-prefix", "empty", "two-words"],
)
def test_unknown_or_malformed_tokens_get_401(db, presented):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {presented}")

    assert_unauthenticated(client.get(CASES))


def test_a_wrong_secret_with_a_real_prefix_gets_401(caseworker_a):
    # given
    row, _token = api_token_create(actor=caseworker_a, name="reporting")

    # when
    response = token_client(f"{row.key_prefix}.{'x' * 43}").get(CASES)

    # then
    assert_unauthenticated(response)


def test_an_expired_token_gets_401(caseworker_a):
    # given
    row, token = api_token_create(actor=caseworker_a, name="reporting")
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    # when
    response = token_client(token).get(CASES)

    # then
    assert_unauthenticated(response)


def test_a_revoked_token_gets_401(caseworker_a):
    # given
    row, token = api_token_create(actor=caseworker_a, name="reporting")
    api_token_revoke(actor=caseworker_a, token_id=row.pk)

    # when
    response = token_client(token).get(CASES)

    # then
    assert_unauthenticated(response)


def test_the_token_of_an_inactive_user_gets_401(caseworker_a):
    # given
    _, token = api_token_create(actor=caseworker_a, name="reporting")
    caseworker_a.user.is_active = False
    caseworker_a.user.save(update_fields=["is_active"])

    # when
    response = token_client(token).get(CASES)

    # then
    assert_unauthenticated(response)


def test_last_use_is_recorded_at_most_once_a_minute(caseworker_a):
    # given
    row, token = api_token_create(actor=caseworker_a, name="reporting")
    client = token_client(token)

    # when
    client.get(CASES)
    first = ApiToken.objects.get(pk=row.pk).last_used_at
    client.get(CASES)
    second = ApiToken.objects.get(pk=row.pk).last_used_at
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    client.get(CASES)
    third = ApiToken.objects.get(pk=row.pk).last_used_at

    # then
    assert first is not None
    assert second == first
    assert third > first


def test_session_authentication_works(caseworker_a):
    # given
    case = make_case(caseworker_a)
    client = APIClient()
    login_with_mfa(client, caseworker_a.user)

    # when
    response = client.get(CASES)

    # then
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(case.pk)]


def test_session_writes_need_the_csrf_token(caseworker_a):
    # given
    client = APIClient(enforce_csrf_checks=True)
    login_with_mfa(client, caseworker_a.user)

    # when
    response = client.post(
        "/api/v1/persons/", {"surname": "Иванов", "given_name": "Иван", "sex": "M"}, format="json"
    )

    # then
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "CSRF" in response.json()["message"]


def test_a_token_acts_only_in_the_organisation_it_was_made_in(org_a, org_b, caseworker_a, make_actor):
    # given a user in both organisations, with a token made while acting in B
    MembershipFactory(user=caseworker_a.user, organisation=org_b, role=Role.CASEWORKER)
    case_a = make_case(caseworker_a)
    actor_in_b = make_actor(org_b, user=caseworker_a.user)
    case_b = make_case(actor_in_b)
    _, token = api_token_create(actor=actor_in_b, name="b only")
    client = token_client(token)

    # when
    in_b = client.get(CASES)
    asking_for_a = client.get(CASES, HTTP_X_HERZEN_ORGANISATION=str(org_a.pk))

    # then
    assert [row["id"] for row in in_b.json()["results"]] == [str(case_b.pk)]
    assert asking_for_a.status_code == 403
    assert str(case_a.pk) not in asking_for_a.content.decode()


def test_the_organisation_header_chooses_among_the_users_organisations(
    org_a, org_b, caseworker_a, make_actor
):
    # given
    MembershipFactory(user=caseworker_a.user, organisation=org_b, role=Role.CASEWORKER)
    make_case(caseworker_a)
    case_b = make_case(make_actor(org_b, user=caseworker_a.user))
    client = APIClient()
    login_with_mfa(client, caseworker_a.user)

    # when
    response = client.get(CASES, HTTP_X_HERZEN_ORGANISATION=str(org_b.pk).upper())

    # then
    assert [row["id"] for row in response.json()["results"]] == [str(case_b.pk)]


@pytest.mark.parametrize("header", ["not-a-uuid", "b2f5ff47-2a1c-4c07-9bb4-1d0f0e1f3c22"])
def test_naming_an_organisation_one_is_not_a_member_of_gets_403_not_another_organisation(
    org_b, caseworker_a, header
):
    # given
    make_case(caseworker_a)
    client = APIClient()
    login_with_mfa(client, caseworker_a.user)

    # when
    response = client.get(CASES, HTTP_X_HERZEN_ORGANISATION=header)
    other_org = client.get(CASES, HTTP_X_HERZEN_ORGANISATION=str(org_b.pk))

    # then
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert other_org.status_code == 403


def test_a_user_without_an_organisation_gets_403(db):
    # given
    client = APIClient()
    login_with_mfa(client, UserFactory())

    # when
    response = client.get(CASES)

    # then
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_token_whose_user_left_its_organisation_can_do_nothing(org_a, org_b, caseworker_a, make_actor):
    # given a token made in A, then the user moves from A to B
    _, token = api_token_create(actor=caseworker_a, name="a only")
    make_case(caseworker_a)
    MembershipFactory(user=caseworker_a.user, organisation=org_b, role=Role.CASEWORKER)
    caseworker_a.user.memberships.filter(organisation=org_a).delete()
    make_case(make_actor(org_b, user=caseworker_a.user))

    # when
    response = token_client(token).get(CASES)

    # then
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_malformed_organisation_header_beside_a_token_gets_403(caseworker_a):
    # given
    make_case(caseworker_a)
    _, token = api_token_create(actor=caseworker_a, name="reporting")

    # when
    response = token_client(token).get(CASES, HTTP_X_HERZEN_ORGANISATION="shelter")

    # then
    assert response.status_code == 403
