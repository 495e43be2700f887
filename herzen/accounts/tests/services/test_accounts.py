import pytest

from herzen.accounts import services
from herzen.accounts.models import User
from herzen.audit.models import AuditEvent
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.organisations.tests.factories import UserFactory

STRONG = "violet-harbour-lantern-42"


@pytest.fixture
def operator(db):
    return Actor(user=UserFactory(username="operator", is_superuser=True), organisation=None)


def test_the_operator_creates_an_account_and_the_audit_names_the_password_not_its_value(operator):
    user = services.staff_user_create(actor=operator, username="nino", password=STRONG, first_name="Нино")

    assert user.check_password(STRONG)
    event = AuditEvent.objects.get(action="account.create")
    assert "password" in event.changed_fields
    assert STRONG not in str(list(AuditEvent.objects.values()))


def test_a_taken_user_name_or_a_weak_password_is_refused(operator):
    services.staff_user_create(actor=operator, username="nino")

    with pytest.raises(Conflict):
        services.staff_user_create(actor=operator, username="nino")
    with pytest.raises(Invalid) as error:
        services.staff_user_create(actor=operator, username="giorgi", password="12345")
    assert "password" in error.value.fields
    assert not User.objects.filter(username="giorgi").exists()


def test_only_the_operator_manages_accounts(caseworker_a, operator):
    user = services.staff_user_create(actor=operator, username="nino")

    with pytest.raises(PermissionDenied):
        services.staff_user_create(actor=caseworker_a, username="other")
    with pytest.raises(PermissionDenied):
        services.staff_user_update(actor=caseworker_a, user_id=user.pk, is_active=False)
    assert User.objects.get(pk=user.pk).is_active


def test_disabling_an_account_is_audited(operator):
    user = services.staff_user_create(actor=operator, username="nino")

    services.staff_user_update(actor=operator, user_id=user.pk, is_active=False)

    assert not User.objects.get(pk=user.pk).is_active
    assert AuditEvent.objects.get(action="account.update").changed_fields == ["is_active"]


def test_staff_set_their_own_password_but_not_anyone_elses(caseworker_a, supervisor_a):
    services.staff_user_set_password(actor=caseworker_a, user_id=caseworker_a.user.pk, password=STRONG)

    with pytest.raises(NotFound):
        services.staff_user_set_password(actor=caseworker_a, user_id=supervisor_a.user.pk, password=STRONG)
    assert User.objects.get(pk=caseworker_a.user.pk).check_password(STRONG)
    assert not User.objects.get(pk=supervisor_a.user.pk).check_password(STRONG)
    assert AuditEvent.objects.filter(action="account.set_password").count() == 1
