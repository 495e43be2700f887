"""Eligibility screening as data: rule sets per policy regime, evaluated purely and explained criterion by
criterion. Screening recommends; people decide.

    rule_set = load_rule_set(document)              # refuses political criteria and unknown facts
    result = evaluate(rule_set, facts, as_of=today)  # recommendation + explanation, reproducible
"""

from herzen.domain.rules.evaluate import (
    PEOPLE_DECIDE,
    CriterionResult,
    FactUsed,
    Outcome,
    Recommendation,
    ScreeningResult,
    checked_facts,
    evaluate,
)
from herzen.domain.rules.guard import PoliticalCriterionError, PoliticalTerm, political_terms_of_document
from herzen.domain.rules.language import (
    AllOf,
    AnyOf,
    Comparison,
    Condition,
    Criterion,
    Not,
    Operator,
    RuleSet,
    RuleSetError,
    declarations_missing,
    facts_of,
    load_rule_set,
)
from herzen.domain.rules.shipped import SHIPPED_RULE_SET_CODES, shipped_rule_set, shipped_rule_set_document
from herzen.domain.rules.vocabulary import (
    DECLARATION_FACTS,
    VOCABULARY,
    FactDefinition,
    FactType,
    FactValue,
)

__all__ = [
    "DECLARATION_FACTS",
    "PEOPLE_DECIDE",
    "SHIPPED_RULE_SET_CODES",
    "VOCABULARY",
    "AllOf",
    "AnyOf",
    "Comparison",
    "Condition",
    "Criterion",
    "CriterionResult",
    "FactDefinition",
    "FactType",
    "FactUsed",
    "FactValue",
    "Not",
    "Operator",
    "Outcome",
    "PoliticalCriterionError",
    "PoliticalTerm",
    "Recommendation",
    "RuleSet",
    "RuleSetError",
    "ScreeningResult",
    "checked_facts",
    "declarations_missing",
    "evaluate",
    "facts_of",
    "load_rule_set",
    "political_terms_of_document",
    "shipped_rule_set",
    "shipped_rule_set_document",
]
