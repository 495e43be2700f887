"""Onboarding through the pages: the organisation admin invites, the invitee follows the e-mailed link, sets a
password, signs in, is made to set up an authenticator app, and lands on the cases."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from herzen.accounts.tests.helpers import totp_code
from herzen.audit.models import AuditEvent
from herzen.core.actor import Role
from herzen.organisations.models import Membership

PASSWORD = "seven gentle otters swim"
STAFF = "/organisation/staff/"


@pytest.fixture
def admin_a(org_a, make_actor):
    return make_actor(org_a, Role.ORGANISATION_ADMIN)


def invitation_form(**changes):
    return {
        "invite-first_name": "Мария",
        "invite-last_name": "Орлова",
        "invite-username": "m.orlova",
        "invite-email": "m.orlova@shelter.example",
        "invite-role": "caseworker",
        **changes,
    }


def emailed_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://\S+/welcome/\S+/", message.body).group(0)


def test_the_staff_page_and_its_link_are_for_the_organisation_admin_only(
    login, admin_a, caseworker_a, auditor_a
):
    admin_page = login(admin_a).get(STAFF)
    assert admin_page.status_code == 200
    assert caseworker_a.user.get_full_name() in admin_page.content.decode()
    assert f'href="{STAFF}"' in login(admin_a).get(reverse("web:application-list")).content.decode()

    for actor in (caseworker_a, auditor_a):
        client = login(actor)
        assert client.get(STAFF).status_code == 403
        assert client.post(STAFF, invitation_form()).status_code == 403
        assert f'href="{STAFF}"' not in client.get(reverse("web:application-list")).content.decode()
    assert not Membership.objects.filter(user__username="m.orlova").exists()
    assert not mail.outbox


def test_a_mistake_in_the_invitation_keeps_what_was_typed(login, admin_a, caseworker_a):
    response = login(admin_a).post(STAFF, invitation_form(**{"invite-username": caseworker_a.user.username}))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert 'href="#id_invite-username"' in page
    assert 'value="m.orlova@shelter.example"' in page
    assert not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_invite_set_password_enrol_an_authenticator_app_and_land_on_the_cases(login, admin_a, org_a):
    # The admin invites (a real transaction: the e-mail leaves when the invitation is committed).
    admin = login(admin_a)
    invited = admin.post(STAFF, invitation_form())
    assert invited.status_code == 302
    pending = admin.get(STAFF).content.decode()
    assert "Invitations not yet used" in pending
    assert "Орлова" in pending
    assert "m.orlova@shelter.example" in pending
    link = emailed_link()

    # The invitee opens the link: the token leaves the address bar before the password is asked for.
    invitee = Client()
    opened = invitee.get(link)
    assert opened.status_code == 302
    assert opened["Location"] == reverse("web:staff-welcome-password")
    form = invitee.get(opened["Location"])
    assert form.status_code == 200
    assert "m.orlova" in form.content.decode()

    mismatch = invitee.post(
        form.request["PATH_INFO"], {"password": PASSWORD, "password_again": PASSWORD + "!"}
    )
    assert mismatch.status_code == 200
    assert "The two passwords differ." in mismatch.content.decode()
    chosen = invitee.post(form.request["PATH_INFO"], {"password": PASSWORD, "password_again": PASSWORD})
    assert chosen.status_code == 302
    assert chosen["Location"] == reverse("login")
    assert invitee.get(link).status_code == 302  # the link still resolves ...
    assert invitee.get(reverse("web:staff-welcome-password")).status_code == 404  # ... but works only once

    # First login: the password, then nothing but setting up a second factor.
    signed = invitee.post(reverse("login"), {"login": "m.orlova", "password": PASSWORD})
    assert signed.status_code == 302
    cases = invitee.get("/cases/")
    assert cases.status_code == 302
    assert cases["Location"].startswith(reverse("mfa_index"))
    activate = invitee.get(reverse("mfa_activate_totp"))
    secret = activate.context["form"].secret
    enrolled = invitee.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert enrolled.status_code == 302

    landing = invitee.get("/", follow=True)
    assert landing.status_code == 200
    assert landing.redirect_chain[-1][0] == reverse("web:case-list")
    user = landing.context["user"]
    assert user.username == "m.orlova"
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert Membership.objects.get(user=user).organisation == org_a
    events = AuditEvent.objects.filter(target_id=str(user.pk)).order_by("sequence")
    actions = [(event.action, tuple(event.changed_fields)) for event in events]
    # The authenticator app, and the recovery codes allauth makes with the first factor.
    assert actions == [
        ("account.invite", ("email", "first_name", "is_staff", "last_name", "role", "username")),
        ("account.invitation_accept", ("password",)),
        ("account.mfa_add", ("totp",)),
        ("account.mfa_add", ("recovery_codes",)),
    ]


def test_an_unknown_link_says_so(client, db):
    response = client.get("/welcome/not-a-real-token/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_the_staff_page_speaks_russian(login, admin_a):
    page = login(admin_a, language="ru").get(STAFF).content.decode()

    assert "Пригласить нового сотрудника" in page
    assert "Отправить приглашение" in page
    assert "Invite" not in page
