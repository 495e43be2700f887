"""Fixtures for tests of applications anywhere (registered in the root conftest.py): the platform operator, open regimes, authorities of every kind, and actors
that make each move of a table."""

from datetime import date

import pytest

from herzen.accounts.models import User
from herzen.core.actor import Actor, Role
from herzen.domain.rules import shipped_rule_set_document
from herzen.domain.workflow import AUTHORITY_KINDS, NGO_SUPERVISOR, SHIPPED
from herzen.organisations.models import OrganisationKind
from herzen.organisations.tests.factories import OrganisationFactory
from herzen.pathways import services

COUNTRY_OF_GENERIC = "DE"  # where the tests send applications of pathways that exist in many countries


@pytest.fixture
def operator(db):
    user = User.objects.create(username="operator", is_superuser=True, is_staff=True)
    return Actor(user=user, organisation=None)


@pytest.fixture
def open_regimes(operator):
    """One open regime for every shipped pathway, with its shipped rule set: {pathway code: regime}."""
    return {
        pathway.code: services.policy_regime_create(
            actor=operator,
            pathway=pathway.code,
            name=f"{pathway.code} 2025",
            valid_from=date(2025, 1, 1),
            quota=pathway.annual_quota,
            rule_set=shipped_rule_set_document(pathway.code),
            rule_set_version=shipped_rule_set_document(pathway.code)["version"],
        )
        for pathway in SHIPPED
    }


@pytest.fixture
def authorities(db, make_actor):
    """authorities(country) -> {authority kind: actor of a caseworker there}, one authority of each kind."""
    made: dict[str, dict[str, Actor]] = {}

    def build(country: str) -> dict[str, Actor]:
        if country not in made:
            made[country] = {}
            for kind in sorted(AUTHORITY_KINDS):
                organisation = OrganisationFactory(
                    name=f"{kind} {country}",
                    kind=OrganisationKind.AUTHORITY,
                    authority_kind=kind,
                    country=country,
                    city="",
                )
                made[country][kind] = make_actor(organisation, Role.CASEWORKER)
        return made[country]

    return build


@pytest.fixture
def actor_for(authorities, caseworker_a, supervisor_a):
    """actor_for(country) -> a function giving, for a move, an actor of a kind the table names for it."""

    def build(country: str):
        by_kind = authorities(country)

        def pick(transition):
            for kind in sorted(transition.actors):
                if kind.startswith("authority:"):
                    return by_kind[kind.split(":", 1)[1]]
            return supervisor_a if NGO_SUPERVISOR in transition.actors else caseworker_a

        return pick

    return build
