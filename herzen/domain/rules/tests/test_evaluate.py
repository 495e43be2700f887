"""Evaluation: recommendation, criterion-by-criterion explanation, missing facts, reproducibility."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herzen.domain.rules import (
    PEOPLE_DECIDE,
    SHIPPED_RULE_SET_CODES,
    VOCABULARY,
    FactType,
    Outcome,
    Recommendation,
    RuleSet,
    declarations_missing,
    evaluate,
    load_rule_set,
    shipped_rule_set,
    shipped_rule_set_document,
)

from .test_language import document

TODAY = date(2026, 11, 23)
DECLARED = {"declares_borders_of_1992": True, "declares_destalinisation_and_deimperialisation": True}


def screening(*conditions: object) -> RuleSet:
    return load_rule_set(document(*conditions))


def outcome(condition: object, facts: dict[str, Any]) -> Outcome:
    return evaluate(screening(condition), facts, as_of=TODAY).criteria[0].outcome


def test_each_criterion_is_explained_with_its_outcome_and_the_facts_it_read() -> None:
    rule_set = shipped_rule_set("de_22_2")
    facts = {**DECLARED, "risk_factor_kinds": {"foreign_agent"}, "is_outside_russia": False}
    result = evaluate(rule_set, facts, as_of=TODAY)
    assert [c.criterion_id for c in result.criteria] == [c.id for c in rule_set.criteria]
    by_id = {c.criterion_id: c for c in result.criteria}
    assert by_id["declares_borders"].outcome is Outcome.MET
    assert by_id["individual_danger"].outcome is Outcome.MET
    assert by_id["individual_danger"].facts[0].value == frozenset({"foreign_agent"})
    assert "outside_russia" not in by_id  # Germany admitted people from Russia too (issue 20)
    assert by_id["danger_documented"].outcome is Outcome.UNKNOWN
    assert by_id["danger_documented"].missing_facts == ("risk_is_documented",)
    assert result.recommendation is Recommendation.NEEDS_REVIEW
    assert result.notice == PEOPLE_DECIDE
    assert "people decide" in result.to_document()["notice"]


def test_a_missing_fact_means_a_person_must_review() -> None:
    rule_set = screening({"fact": "has_job_offer", "is": True}, {"fact": "has_valid_passport", "is": True})
    result = evaluate(rule_set, {"has_job_offer": True, "has_valid_passport": None}, as_of=TODAY)
    assert result.recommendation is Recommendation.NEEDS_REVIEW
    assert [c.outcome for c in result.criteria] == [Outcome.MET, Outcome.UNKNOWN]
    both = evaluate(rule_set, {"has_job_offer": True, "has_valid_passport": True}, as_of=TODAY)
    assert both.recommendation is Recommendation.ELIGIBLE


def test_an_advisory_criterion_is_explained_but_does_not_decide() -> None:
    rule_set = load_rule_set(
        {
            "id": "t",
            "version": "1",
            "title": "T",
            "criteria": [
                {"id": "offer", "label": "Offer", "condition": {"fact": "has_job_offer", "is": True}},
                {
                    "id": "funds",
                    "label": "Funds",
                    "required": False,
                    "condition": {"fact": "has_sufficient_funds", "is": True},
                },
            ],
        }
    )
    result = evaluate(rule_set, {"has_job_offer": True, "has_sufficient_funds": False}, as_of=TODAY)
    assert result.recommendation is Recommendation.ELIGIBLE
    assert result.criteria[1].outcome is Outcome.NOT_MET
    assert not result.criteria[1].required


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(-3, Outcome.MET), (0, Outcome.MET), (30, Outcome.MET), (31, Outcome.NOT_MET)],
)
def test_stay_deadline_within_n_days(days_left: int, expected: Outcome) -> None:
    condition = {"fact": "stay_deadline", "days_until_at_most": 30}
    assert outcome(condition, {"stay_deadline": TODAY + timedelta(days=days_left)}) is expected


def test_age_is_counted_in_whole_years_from_the_screening_date() -> None:
    condition = {"fact": "date_of_birth", "years_since_at_least": 18}
    assert outcome(condition, {"date_of_birth": date(2008, 11, 23)}) is Outcome.MET
    assert outcome(condition, {"date_of_birth": date(2008, 11, 24)}) is Outcome.NOT_MET


def test_sets_of_codes_and_membership() -> None:
    assert (
        outcome(
            {"fact": "wanted_scopes", "contains_any": ["interpol", "interstate"]},
            {"wanted_scopes": ["interstate"]},
        )
        is Outcome.MET
    )
    assert (
        outcome(
            {"fact": "wanted_scopes", "contains_all": ["interpol", "interstate"]},
            {"wanted_scopes": ["interstate"]},
        )
        is Outcome.NOT_MET
    )
    assert outcome({"has_risk_factor": "exit_ban"}, {"risk_factor_kinds": frozenset()}) is Outcome.NOT_MET
    assert outcome({"fact": "current_country", "in": ["KZ", "KG"]}, {"current_country": "KG"}) is Outcome.MET
    assert outcome({"fact": "stay_deadline", "present": False}, {}) is Outcome.MET


def test_facts_outside_the_vocabulary_or_of_the_wrong_type_are_a_programming_error() -> None:
    rule_set = screening({"fact": "has_job_offer", "is": True})
    with pytest.raises(ValueError, match="unknown fact"):
        evaluate(rule_set, {"party": "x"}, as_of=TODAY)
    with pytest.raises(ValueError, match="boolean"):
        evaluate(rule_set, {"has_job_offer": "yes"}, as_of=TODAY)


def test_every_shipped_rule_set_loads_and_checks_both_declarations() -> None:
    for code in SHIPPED_RULE_SET_CODES:
        rule_set = shipped_rule_set(code)
        assert rule_set.id == code
        assert declarations_missing(rule_set) == ()
        refused = evaluate(rule_set, {**DECLARED, "declares_borders_of_1992": False}, as_of=TODAY)
        assert refused.recommendation is Recommendation.NOT_ELIGIBLE


# --- Properties -------------------------------------------------------------------------------------------------

CODES = {name: sorted(d.allowed_values or {"GE", "KZ", "RU"}) for name, d in VOCABULARY.items()}


def fact_values(name: str) -> st.SearchStrategy[Any]:
    fact_type = VOCABULARY[name].type
    if fact_type is FactType.BOOLEAN:
        return st.booleans()
    if fact_type is FactType.NUMBER:
        return st.integers(min_value=0, max_value=12)
    if fact_type is FactType.DATE:
        return st.dates(min_value=date(1940, 1, 1), max_value=date(2030, 12, 31))
    if fact_type is FactType.TEXT:
        return st.sampled_from(CODES[name])
    return st.frozensets(st.sampled_from(CODES[name]))


facts_strategy = st.fixed_dictionaries(
    {}, optional={name: st.one_of(st.none(), fact_values(name)) for name in VOCABULARY}
)


@given(
    code=st.sampled_from(SHIPPED_RULE_SET_CODES),
    facts=facts_strategy,
    as_of=st.dates(date(2024, 1, 1), date(2030, 1, 1)),
)
def test_a_result_is_reproduced_from_the_rule_set_version_and_the_stored_facts(
    code: str, facts: dict[str, Any], as_of: date
) -> None:
    result = evaluate(shipped_rule_set(code), facts, as_of=as_of)
    again = evaluate(load_rule_set(shipped_rule_set_document(code)), dict(result.facts), as_of=result.as_of)
    assert again == result
    assert again.to_document() == result.to_document()


@given(code=st.sampled_from(SHIPPED_RULE_SET_CODES), facts=facts_strategy)
def test_recommendation_follows_from_the_required_criteria(code: str, facts: dict[str, Any]) -> None:
    result = evaluate(shipped_rule_set(code), facts, as_of=TODAY)
    required = {c.outcome for c in result.criteria if c.required}
    if Outcome.NOT_MET in required:
        assert result.recommendation is Recommendation.NOT_ELIGIBLE
    elif Outcome.UNKNOWN in required:
        assert result.recommendation is Recommendation.NEEDS_REVIEW
    else:
        assert result.recommendation is Recommendation.ELIGIBLE
    for criterion in result.criteria:
        # An unknown outcome always names the fact it lacked; a decided one never depends on a fact it lacked
        # alone (a criterion reading a single fact is unknown exactly when that fact is missing).
        if criterion.outcome is Outcome.UNKNOWN:
            assert criterion.missing_facts
        if len(criterion.facts) == 1 and criterion.missing_facts:
            assert criterion.outcome is Outcome.UNKNOWN


@given(facts=facts_strategy)
def test_learning_a_missing_fact_never_flips_a_decided_criterion(facts: dict[str, Any]) -> None:
    """Three-valued logic is monotone: filling in unknowns can decide an UNKNOWN, never reverse MET/NOT_MET."""
    rule_set = shipped_rule_set("de_22_2")
    partial = {name: value for name, value in facts.items() if name != "risk_is_documented"}
    before = evaluate(rule_set, partial, as_of=TODAY)
    after = evaluate(rule_set, {**partial, "risk_is_documented": True}, as_of=TODAY)
    for old, new in zip(before.criteria, after.criteria, strict=True):
        if old.outcome is not Outcome.UNKNOWN:
            assert new.outcome is old.outcome
