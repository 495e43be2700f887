"""An organisation admin brings a new staff member on board: staff_invite and invitation_accept."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from herzen.accounts.models import User
from herzen.audit.models import AuditEvent
from herzen.core.actor import Actor, Role
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.organisations import invitations
from herzen.organisations.models import Membership, StaffInvitation
from herzen.organisations.services import invitation_accept, staff_invite

PASSWORD = "seven gentle otters swim"


@pytest.fixture
def admin_a(org_a, make_actor):
    return make_actor(org_a, Role.ORGANISATION_ADMIN)


def invite(actor, **changes):
    arguments = {
        "username": "m.orlova",
        "first_name": "Мария",
        "last_name": "Орлова",
        "email": "m.orlova@shelter.example",
        "role": Role.CASEWORKER,
        "base_url": "https://herzen.example.org",
        **changes,
    }
    return staff_invite(actor=actor, **arguments)


def sent_token() -> str:
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/welcome/" in line)
    return link.rstrip("/").rsplit("/", 1)[-1]


def accept(invitation, token, password=PASSWORD):
    return invitation_accept(
        actor=Actor(user=invitation.user, organisation=invitation.organisation),
        invitation_id=invitation.pk,
        token=token,
        password=password,
    )


def test_an_invitation_creates_the_account_and_role_and_mails_a_one_time_link(
    admin_a, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(admin_a)

    user = User.objects.get(username="m.orlova")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, organisation=org_a, role=Role.CASEWORKER).exists()
    assert invitation.expires_at - timezone.now() > timedelta(days=2, hours=23)
    (message,) = mail.outbox
    assert message.to == ["m.orlova@shelter.example"]
    assert "https://herzen.example.org/welcome/" in message.body
    assert "m.orlova" in message.body
    token = sent_token()
    # Only the hash of the link's token is kept.
    assert invitation.token_hash == invitations.hash_token(token)
    assert not StaffInvitation.objects.filter(token_hash=token).exists()
    actions = set(AuditEvent.objects.filter(organisation=org_a).values_list("action", flat=True))
    assert {"account.invite", "membership.grant"} <= actions
    event = AuditEvent.objects.get(action="account.invite")
    assert (event.target_id, event.actor_user_id) == (str(user.pk), admin_a.user.pk)


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR])
def test_only_the_organisation_admin_invites(org_a, make_actor, role):
    with pytest.raises(PermissionDenied):
        invite(make_actor(org_a, role))

    assert not User.objects.filter(username="m.orlova").exists()
    assert not mail.outbox


def test_an_admin_invites_into_their_own_organisation_only(admin_a, org_a, org_b, make_actor):
    admin_b = make_actor(org_b, Role.ORGANISATION_ADMIN)

    invitation = invite(admin_b)

    assert invitation.organisation == org_b
    assert not Membership.objects.filter(user=invitation.user, organisation=org_a).exists()


def test_a_taken_user_name_or_a_missing_address_is_refused_and_nothing_is_written(admin_a, caseworker_a):
    before = (User.objects.count(), AuditEvent.objects.count())

    with pytest.raises(Conflict) as taken:
        invite(admin_a, username=caseworker_a.user.username.upper())
    with pytest.raises(Invalid) as no_address:
        invite(admin_a, email=" ")

    assert "username" in taken.value.fields
    assert "email" in no_address.value.fields
    assert (User.objects.count(), AuditEvent.objects.count()) == before
    assert not mail.outbox


def test_the_invitee_sets_a_password_once(admin_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(admin_a)
    token = sent_token()

    user = accept(invitation, token)

    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="account.invitation_accept", target_id=str(user.pk)).count() == 1
    with pytest.raises(Conflict):
        accept(invitation, token, "another fine long password")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_wrong_token_an_expired_link_and_a_weak_password_are_refused(
    admin_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(admin_a)
    token = sent_token()

    with pytest.raises(NotFound):
        accept(invitation, token[:-1] + ("A" if token[-1] != "A" else "B"))
    with pytest.raises(Invalid) as weak:
        accept(invitation, token, "password")
    assert "password" in weak.value.fields
    StaffInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(Conflict):
        accept(invitation, token)

    assert not User.objects.get(pk=invitation.user_id).has_usable_password()


def test_an_invited_organisation_admin_may_use_the_django_admin_and_others_may_not(admin_a):
    admin = invite(admin_a, username="new.admin", role=Role.ORGANISATION_ADMIN)
    caseworker = invite(admin_a)

    assert admin.user.is_staff
    assert not caseworker.user.is_staff
