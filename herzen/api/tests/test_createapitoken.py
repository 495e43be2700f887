"""`herzen createapitoken`: prints a working token once and refuses what it cannot do."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from herzen.api.models import ApiToken
from herzen.audit.models import AuditEvent
from herzen.core.actor import Role
from herzen.organisations.tests.factories import MembershipFactory, UserFactory


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("createapitoken", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_command_prints_a_token_that_works_in_the_named_organisation(org_a, org_b, caseworker_a):
    # given a user in two organisations
    MembershipFactory(user=caseworker_a.user, organisation=org_b, role=Role.CASEWORKER)

    # when
    token, details = run(
        "--username",
        caseworker_a.user.username,
        "--organisation",
        org_b.name,
        "--days",
        "7",
        "--name",
        "sync",
    )

    # then
    row = ApiToken.objects.get()
    assert (row.name, row.organisation, row.user) == ("sync", org_b, caseworker_a.user)
    assert row.key_prefix in details
    assert token not in details
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/cases/").status_code == 200
    assert AuditEvent.objects.filter(action="api_token.create").count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--username", "nobody"], "No active user"),
        (["--username", "{user}", "--organisation", "Nowhere"], "No organisation"),
        (
            ["--username", "{user}", "--organisation", "Legal Aid Astana"],
            "not a member of 'Legal Aid Astana'",
        ),
        (["--username", "{user}", "--days", "0"], "between 1 and 366"),
    ],
)
def test_the_command_refuses_and_writes_nothing(caseworker_a, org_b, args, message):
    with pytest.raises(CommandError, match=message):
        run(*[arg.format(user=caseworker_a.user.username) for arg in args])

    assert not ApiToken.objects.exists()


def test_the_command_refuses_users_without_an_organisation(db):
    user = UserFactory()

    with pytest.raises(CommandError, match="not a member of any organisation"):
        run("--username", user.username)
