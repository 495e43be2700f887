"""Fixtures shared by every test: two organisations with staff in each role, and a way to build actors."""

import pytest
from hypothesis import settings as hypothesis_settings

from herzen.core.actor import Role
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory

# Applications need regimes, authorities and an operator in the pathways, web and API tests alike.
pytest_plugins = ["herzen.pathways.tests.fixtures"]

# No per-example time limit: CI shares a 2-core machine, and a slow example is not a wrong one.
hypothesis_settings.register_profile("herzen", deadline=None, print_blob=True)
hypothesis_settings.load_profile("herzen")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login throttles and spent one-time codes live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the test settings' language: a request in Russian (LocaleMiddleware) or a
    service that renders for an applicant leaves its language active in the thread, and a later test
    comparing English messages would then fail only when run after it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Shelter Tbilisi", country="GE", city="Tbilisi")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Legal Aid Astana", country="KZ", city="Astana")


def _member(organisation, role: Role, username: str):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def make_actor():
    """make_actor(organisation, role) -> an Actor for a fresh user holding that role there."""
    counter = {"n": 0}

    def build(organisation, role: Role = Role.CASEWORKER, user=None):
        counter["n"] += 1
        if user is None:
            user = _member(organisation, role, f"{role}-{organisation.country.lower()}-{counter['n']}")
        return actor_for_user(user, organisation_id=organisation.pk)

    return build


@pytest.fixture
def caseworker_a(org_a, make_actor):
    return make_actor(org_a, Role.CASEWORKER)


@pytest.fixture
def supervisor_a(org_a, make_actor):
    return make_actor(org_a, Role.SUPERVISOR)


@pytest.fixture
def auditor_a(org_a, make_actor):
    return make_actor(org_a, Role.AUDITOR)


@pytest.fixture
def caseworker_b(org_b, make_actor):
    return make_actor(org_b, Role.CASEWORKER)
