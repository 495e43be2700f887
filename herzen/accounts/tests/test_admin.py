"""The operator's account pages in the Django admin write through the audited account services."""

import pytest

from herzen.accounts.models import User
from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AuditEvent
from herzen.organisations.tests.factories import UserFactory

STRONG = "violet-harbour-lantern-42"


@pytest.fixture
def operator_client(client, db):
    login_with_mfa(client, UserFactory(username="operator", is_superuser=True, is_staff=True))
    return client


def test_adding_an_account_in_the_admin_is_audited(operator_client):
    response = operator_client.post(
        "/admin/accounts/user/add/",
        {"username": "nino", "usable_password": "true", "password1": STRONG, "password2": STRONG},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nino")
    assert user.check_password(STRONG)
    assert AuditEvent.objects.filter(action="account.create", target_id=str(user.pk)).count() == 1


def test_deactivating_an_account_in_the_admin_is_audited(operator_client):
    user = UserFactory(username="nino", first_name="Нино", last_name="Б", email="")

    response = operator_client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {"first_name": "Нино", "last_name": "Б", "email": "", "is_staff": "", "is_active": ""},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert not User.objects.get(pk=user.pk).is_active
    assert AuditEvent.objects.get(action="account.update").changed_fields == ["is_active"]


def test_resetting_a_password_in_the_admin_is_audited(operator_client):
    user = UserFactory(username="nino")

    response = operator_client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": STRONG, "password2": STRONG, "usable_password": "true"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(pk=user.pk).check_password(STRONG)
    assert AuditEvent.objects.filter(action="account.set_password", target_id=str(user.pk)).count() == 1
