"""Loading rule sets: the language's shape, the vocabulary, and the errors that name their place."""

from datetime import date
from typing import Any

import pytest

from herzen.domain.rules import (
    AllOf,
    AnyOf,
    Comparison,
    Not,
    Operator,
    RuleSetError,
    load_rule_set,
)


def document(*conditions: object, **extra: object) -> dict[str, Any]:
    return {
        "id": "test_rules",
        "version": "1",
        "title": "Test",
        "criteria": [
            {"id": f"c{i}", "label": f"Criterion {i}", "condition": condition}
            for i, condition in enumerate(conditions)
        ],
        **extra,
    }


def test_a_document_becomes_a_tree_of_conditions() -> None:
    rule_set = load_rule_set(
        document(
            {
                "all": [
                    {"fact": "declares_borders_of_1992", "is": True},
                    {"not": {"fact": "current_country", "in": ["RU", "BY"]}},
                    {"any": [{"has_risk_factor": "wanted_list"}, {"fact": "household_size", "at_least": 2}]},
                ]
            }
        )
    )
    condition = rule_set.criteria[0].condition
    assert isinstance(condition, AllOf)
    first, second, third = condition.conditions
    assert first == Comparison("declares_borders_of_1992", Operator.IS, True)
    assert isinstance(second, Not)
    assert second.condition == Comparison("current_country", Operator.IN, ("RU", "BY"))
    assert isinstance(third, AnyOf)
    assert third.conditions[0] == Comparison("risk_factor_kinds", Operator.CONTAINS, "wanted_list")


def test_dates_in_a_document_are_parsed() -> None:
    rule_set = load_rule_set(document({"fact": "stay_deadline", "at_most": "2026-12-31"}))
    assert rule_set.criteria[0].condition == Comparison("stay_deadline", Operator.AT_MOST, date(2026, 12, 31))


@pytest.mark.parametrize(
    ("condition", "names"),
    [
        ({"fact": "favourite_colour", "is": True}, ["criteria[0].condition.fact", "favourite_colour"]),
        ({"fact": "household_size", "is": True}, ["criteria[0].condition", "'is'", "household_size"]),
        ({"fact": "household_size", "roughly": 3}, ["unknown operator", "'roughly'"]),
        ({"fact": "household_size", "at_least": "three"}, ["criteria[0].condition.at_least", "whole number"]),
        ({"fact": "household_size", "at_least": True}, ["whole number"]),
        ({"fact": "stay_deadline", "at_most": "next week"}, ["YYYY-MM-DD"]),
        ({"has_risk_factor": "bad_luck"}, ["'bad_luck'", "risk_factor_kinds"]),
        ({"all": []}, ["criteria[0].condition.all", "non-empty"]),
        ({"all": [{"fact": "x_unknown", "is": True}]}, ["criteria[0].condition.all[0].fact"]),
        ({"not": {"fact": "stay_deadline", "days_until_at_most": -1}}, ["cannot be negative"]),
        ({"fact": "household_size", "at_least": 1, "at_most": 3}, ["exactly one operator"]),
        ("yes", ["must be an object"]),
    ],
)
def test_a_malformed_condition_is_refused_naming_its_place(condition: object, names: list[str]) -> None:
    with pytest.raises(RuleSetError) as error:
        load_rule_set(document(condition))
    for name in names:
        assert name in str(error.value)


def test_duplicate_criterion_ids_and_unknown_keys_are_refused() -> None:
    twice = document({"fact": "has_job_offer", "is": True}, {"fact": "has_job_offer", "is": False})
    twice["criteria"][1]["id"] = "c0"
    with pytest.raises(RuleSetError, match="more than once"):
        load_rule_set(twice)
    with pytest.raises(RuleSetError, match="unknown key"):
        load_rule_set(document({"fact": "has_job_offer", "is": True}, script="print(1)"))
    with pytest.raises(RuleSetError, match="non-empty list"):
        load_rule_set({"id": "x", "version": "1", "title": "X", "criteria": []})
