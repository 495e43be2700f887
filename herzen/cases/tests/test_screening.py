"""Screening a case with the shipped rule sets: what the record knows, the declarations it cannot know, and the
vocabulary kept in step with the risk factors' codes."""

from datetime import timedelta

from django.utils import timezone

from herzen.cases.selectors import case_screening_facts
from herzen.cases.tests.factories import make_case
from herzen.domain import risk
from herzen.domain.rules import (
    VOCABULARY,
    Outcome,
    Recommendation,
    evaluate,
    shipped_rule_set,
)
from herzen.people import services as people_services


def test_the_rule_vocabulary_uses_the_risk_factors_codes():
    assert VOCABULARY["risk_factor_kinds"].allowed_values == {k.value for k in risk.RiskFactorKind}
    assert VOCABULARY["criminal_stages"].allowed_values == {s.value for s in risk.CriminalStage}
    assert VOCABULARY["wanted_scopes"].allowed_values == {s.value for s in risk.WantedScope}
    assert VOCABULARY["vulnerabilities"].allowed_values == {v.value for v in risk.Vulnerability}


def test_a_case_is_screened_from_its_record_and_the_declarations_need_a_person(caseworker_a):
    today = timezone.localdate()
    case = make_case(caseworker_a)
    person = case.household.members.get().person
    people_services.risk_factor_record(
        actor=caseworker_a,
        person_id=person.pk,
        kind="criminal_case",
        criminal_article="207.3",
        criminal_stage="accused",
    )
    people_services.document_add(
        actor=caseworker_a,
        person_id=person.pk,
        document_type="international_passport",
        number="751234567",
        expiry_date=today + timedelta(days=900),
    )
    people_services.stay_record(
        actor=caseworker_a,
        person_id=person.pk,
        country="GE",
        entry_date=today - timedelta(days=20),
        legal_basis="visa_free",
    )
    case.household.refresh_from_db()

    facts = case_screening_facts(actor=caseworker_a, case=case, today=today)
    result = evaluate(shipped_rule_set("de_22_2"), facts, as_of=today)

    by_id = {c.criterion_id: c for c in result.criteria}
    assert by_id["individual_danger"].outcome is Outcome.MET
    assert "outside_russia" not in by_id  # Germany admits from Russia too: not a condition (issue 20)
    assert by_id["valid_passport"].outcome is Outcome.MET
    assert by_id["declares_borders"].outcome is Outcome.UNKNOWN
    assert result.recommendation is Recommendation.NEEDS_REVIEW

    declared = {
        **facts,
        "declares_borders_of_1992": True,
        "declares_destalinisation_and_deimperialisation": True,
        "risk_is_documented": True,
        "has_vouching_organisation": True,
        # the August 2025 criterion: years of public human-rights or civil-society work
        "civil_society_roles": frozenset({"human_rights_defender"}),
        "years_of_public_activity": 5,
    }
    assert evaluate(shipped_rule_set("de_22_2"), declared, as_of=today).recommendation is (
        Recommendation.ELIGIBLE
    )
