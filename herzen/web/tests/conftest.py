"""Fixtures of the page tests: compiled translations, logged-in clients, cases with deadlines."""

from datetime import timedelta
from pathlib import Path

import pytest
from asgiref.local import Local
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.translation import trans_real

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.cases.tests.factories import make_case
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person


def _catalogues_stale() -> bool:
    for root in settings.LOCALE_PATHS:
        for po in Path(root).glob("**/*.po"):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                return True
    return False


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo files are build output; compile them if the build has not, and make Django reload them."""
    if _catalogues_stale():
        call_command("compiletranslations", verbosity=0)
        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = Local()
        trans_real.check_for_language.cache_clear()


@pytest.fixture
def login():
    """login(actor) -> a test client signed in as that actor's user (second factor passed), reading English
    unless told otherwise."""

    def build(actor, language="en"):
        return login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE=language), actor.user)

    return build


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def make_case_with_stay(today):
    """make_case_with_stay(actor, surname=..., country=..., days_left=...) -> a case whose principal is abroad.

    The stay rests on a visa valid until today + days_left, so the household's deadline is exactly that day.
    """

    def build(actor, *, surname="Щукина", given_name="Анна", country="GE", days_left=100, **case_extra):
        person = make_person(actor, surname=surname, given_name=given_name)
        people_services.stay_record(
            actor=actor,
            person_id=person.pk,
            country=country,
            entry_date=today - timedelta(days=30),
            legal_basis="visa",
            authorised_until=today + timedelta(days=days_left),
        )
        household = make_household(actor, principal=person)
        return make_case(actor, household=household, **case_extra)

    return build
