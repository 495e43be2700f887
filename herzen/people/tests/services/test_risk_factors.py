from datetime import date

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Invalid, NotFound, PermissionDenied
from herzen.domain import risk as domain_risk
from herzen.people import choices, selectors, services
from herzen.people.models import RiskFactor
from herzen.people.tests.factories import make_person


def test_a_criminal_case_is_recorded_with_article_and_stage_and_audited(caseworker_a):
    person = make_person(caseworker_a)

    factor = services.risk_factor_record(
        actor=caseworker_a,
        person_id=person.pk,
        kind="criminal_case",
        criminal_article=" 207.3 ",
        criminal_stage="accused",
        occurred_on=date(2025, 4, 2),
        narrative="Дело за пост в Telegram",
    )

    assert (factor.criminal_article, factor.criminal_stage) == ("207.3", "accused")
    event = AuditEvent.objects.get(action="risk_factor.record")
    assert event.parent_id == str(person.pk)
    assert "narrative" in event.changed_fields
    assert "Telegram" not in str(event.changed_fields)  # field names, never values


@pytest.mark.parametrize(
    ("kind", "missing_field"),
    [
        ("criminal_case", "criminal_stage"),
        ("mobilisation_summons", "occurred_on"),
        ("wanted_list", "wanted_scope"),
        ("vulnerability", "vulnerability"),
    ],
)
def test_a_factor_without_its_defining_fact_is_refused_and_nothing_is_written(
    caseworker_a, kind, missing_field
):
    person = make_person(caseworker_a)

    with pytest.raises(Invalid) as refused:
        services.risk_factor_record(actor=caseworker_a, person_id=person.pk, kind=kind)

    assert missing_field in refused.value.fields
    assert not RiskFactor.objects.exists()
    assert not AuditEvent.objects.filter(action="risk_factor.record").exists()


def test_retiring_a_factor_keeps_it_but_drops_it_from_current_ones(caseworker_a):
    person = make_person(caseworker_a)
    factor = services.risk_factor_record(
        actor=caseworker_a, person_id=person.pk, kind="foreign_agent", occurred_on=date(2024, 3, 1)
    )

    services.risk_factor_update(actor=caseworker_a, risk_factor_id=factor.pk, is_current=False)

    assert list(selectors.risk_factor_list(actor=caseworker_a, person=person)) == [factor]
    assert not selectors.risk_factor_list(actor=caseworker_a, person=person, current_only=True).exists()
    assert AuditEvent.objects.get(action="risk_factor.update").changed_fields == ["is_current"]


def test_another_organisation_cannot_see_or_add_factors(caseworker_a, caseworker_b):
    person = make_person(caseworker_a)
    factor = services.risk_factor_record(actor=caseworker_a, person_id=person.pk, kind="exit_ban")

    with pytest.raises(NotFound):
        services.risk_factor_record(actor=caseworker_b, person_id=person.pk, kind="exit_ban")
    with pytest.raises(NotFound):
        selectors.risk_factor_get(actor=caseworker_b, risk_factor_id=factor.pk)
    assert not selectors.risk_factor_list(actor=caseworker_b).exists()


def test_an_auditor_cannot_record_factors(caseworker_a, auditor_a):
    person = make_person(caseworker_a)

    with pytest.raises(PermissionDenied):
        services.risk_factor_record(actor=auditor_a, person_id=person.pk, kind="exit_ban")


@pytest.mark.parametrize(
    ("stored", "domain"),
    [
        (choices.RiskFactorKind, domain_risk.RiskFactorKind),
        (choices.CriminalStage, domain_risk.CriminalStage),
        (choices.WantedScope, domain_risk.WantedScope),
        (choices.Vulnerability, domain_risk.Vulnerability),
        (choices.LegalBasis, domain_risk.LegalBasis),
    ],
)
def test_stored_vocabularies_equal_the_domain_ones(stored, domain):
    assert set(stored.values) == {member.value for member in domain}


def test_a_summons_is_deemed_served_seven_days_after_posting():
    assert domain_risk.summons_deemed_served(date(2026, 11, 1)) == date(2026, 11, 8)
    assert domain_risk.summons_further_restrictions(date(2026, 11, 1)) == date(2026, 11, 21)
