"""A programme with money, a household with a case, and an approved grant, built through the services."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from herzen.aid import services
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.people.tests.factories import make_household, make_person

LISTS = Path(__file__).resolve().parents[2] / "domain" / "aid" / "tests" / "fixtures"
RULES = {
    "eligibility": {
        "id": "aid_winter",
        "version": "2026-12",
        "title": "Winter support",
        "criteria": [
            {"id": "size", "label": "Has a household", "condition": {"fact": "household_size", "at_least": 1}}
        ],
    },
    "amounts": {"1": "300.00", "2": "450.00"},
    "per_extra_member": "80.00",
    "ceiling": "700.00",
    "tranches": 3,
    "interval_days": 30,
}


@pytest.fixture
def compliance_a(org_a, make_actor):
    return make_actor(org_a, Role.COMPLIANCE_OFFICER)


@pytest.fixture
def programme(supervisor_a):
    funder = services.funder_create(actor=supervisor_a, name="Stiftung Beispiel")
    today = timezone.localdate()
    programme = services.programme_create(
        actor=supervisor_a,
        funder_id=funder.pk,
        title="Winter 2026",
        currency_code="EUR",
        budget=10_000_00,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=365),
        rules=RULES,
        supervisor_threshold=500_00,
    )
    programme.paying_account_name = "Herzen Hilfe e.V."
    programme.paying_iban = "DE89370400440532013000"
    programme.paying_bic = "COBADEFFXXX"
    programme.save()
    return programme


@pytest.fixture
def household_case(caseworker_a):
    payee = make_person(caseworker_a, surname="Петрова", given_name="Анна", patronymic="Игоревна")
    spouse = make_person(caseworker_a, surname="Петров", given_name="Олег", sex="M")
    household = make_household(caseworker_a, payee, others=[(spouse, "spouse_partner")])
    return make_case(caseworker_a, household=household), payee


@pytest.fixture
def approved_grant(programme, household_case, caseworker_a, supervisor_a):
    case, payee = household_case
    grant = services.grant_propose(
        actor=caseworker_a, programme_id=programme.pk, case_id=case.pk, payee_id=payee.pk
    )
    return services.grant_decide(actor=supervisor_a, grant_id=grant.pk, approve=True)
