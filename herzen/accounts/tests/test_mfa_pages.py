"""allauth's confirmation pages without input fields keep their explanation and their only button visible."""

import re
import time

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.urls import reverse

from herzen.accounts.tests.helpers import give_totp, login_with_mfa


def _forms(page: str) -> list[str]:
    return re.findall(r"<form[^>]*>.*?</form>", page, flags=re.S)


def test_generating_recovery_codes_shows_its_button(client, caseworker_a):
    give_totp(caseworker_a.user)
    login_with_mfa(client, caseworker_a.user)
    # The page asks for a recent re-authentication, as allauth records it after the password was typed again.
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY].append(
        {"method": "password", "at": time.time(), "reauthenticated": True}
    )
    session.save()

    response = client.get(reverse("mfa_generate_recovery_codes"))

    assert response.status_code == 200
    page = response.content.decode()
    action = reverse("mfa_generate_recovery_codes")
    (form,) = [f for f in _forms(page) if f'action="{action}"' in f]
    opening = form.split(">", 1)[0]
    assert "visually-hidden" not in opening
    assert re.search(r'<button[^>]*type="submit"', form)
    assert "You are about to generate a new set of recovery codes" in page
