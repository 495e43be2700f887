"""Evaluate a rule set against one person's facts: a recommendation and a criterion-by-criterion explanation.

Logic is three-valued: a fact that is not known (absent, or None) makes a comparison UNKNOWN, and UNKNOWN
propagates the way a careful reader would ("all" fails on any failure even if something else is unknown; "any"
holds on any success). A required criterion that fails makes the recommendation NOT_ELIGIBLE; otherwise one that
is unknown makes it NEEDS_REVIEW. The result holds the facts and the screening date, so anyone can reproduce it
from the rule set's id and version: evaluate(rule_set, result.facts, as_of=result.as_of) == result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from herzen.domain.rules.language import (
    AllOf,
    AnyOf,
    Comparison,
    Condition,
    Not,
    Operator,
    RuleSet,
    facts_of,
)
from herzen.domain.rules.vocabulary import VOCABULARY, FactType, FactValue

PEOPLE_DECIDE = (
    "Screening recommends; people decide. This result is a checklist for the caseworker and the deciding "
    "authority, never a decision."
)


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"  # a fact it needs is missing


class Recommendation(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_REVIEW = "needs_review"  # a required criterion could not be decided: a fact is missing


@dataclass(frozen=True)
class FactUsed:
    name: str
    value: FactValue | None  # None: not known


@dataclass(frozen=True)
class CriterionResult:
    criterion_id: str
    label: str
    required: bool
    outcome: Outcome
    facts: tuple[FactUsed, ...]  # every fact the criterion looked at, with its value

    @property
    def missing_facts(self) -> tuple[str, ...]:
        return tuple(fact.name for fact in self.facts if fact.value is None)


@dataclass(frozen=True)
class ScreeningResult:
    rule_set_id: str
    rule_set_version: str
    as_of: date
    recommendation: Recommendation
    criteria: tuple[CriterionResult, ...]
    facts: Mapping[str, FactValue]  # the facts as evaluated (known ones only)
    notice: str = PEOPLE_DECIDE

    def to_document(self) -> dict[str, Any]:
        """Plain JSON-ready data, for storing beside an application."""
        return {
            "rule_set": {"id": self.rule_set_id, "version": self.rule_set_version},
            "as_of": self.as_of.isoformat(),
            "recommendation": self.recommendation.value,
            "notice": self.notice,
            "criteria": [
                {
                    "id": c.criterion_id,
                    "label": c.label,
                    "required": c.required,
                    "outcome": c.outcome.value,
                    "facts": [{"name": f.name, "value": _json_value(f.value)} for f in c.facts],
                }
                for c in self.criteria
            ],
            "facts": {name: _json_value(value) for name, value in sorted(self.facts.items())},
        }


def _json_value(value: FactValue | None) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def _checked_value(name: str, value: object) -> FactValue | None:
    """The value in its canonical form, or ValueError: a wrongly typed fact is a bug in the caller."""
    if value is None:
        return None
    fact_type = VOCABULARY[name].type
    if fact_type is FactType.BOOLEAN and isinstance(value, bool):
        return value
    if fact_type is FactType.NUMBER and isinstance(value, int) and not isinstance(value, bool):
        return value
    if fact_type is FactType.DATE and isinstance(value, date) and not isinstance(value, datetime):
        return value
    if fact_type is FactType.TEXT and isinstance(value, str):
        return value
    if fact_type is FactType.CODES and isinstance(value, set | frozenset | list | tuple):
        codes = frozenset(str(item) for item in value if isinstance(item, str))
        if len(codes) == len(set(value)):  # every item was text
            return codes
    raise ValueError(f"fact {name} is a {fact_type.value} fact, got {value!r}")


def checked_facts(facts: Mapping[str, object]) -> dict[str, FactValue]:
    """Facts checked against the vocabulary; None values (unknown) are dropped. Unknown names are an error."""
    unknown = set(facts) - set(VOCABULARY)
    if unknown:
        raise ValueError(
            f"unknown fact(s) {sorted(unknown)}; declared facts are in herzen.domain.rules.VOCABULARY"
        )
    checked = {name: _checked_value(name, value) for name, value in facts.items()}
    return {name: value for name, value in checked.items() if value is not None}


def _known(value: bool) -> Outcome:
    return Outcome.MET if value else Outcome.NOT_MET


def _compare(comparison: Comparison, value: FactValue, as_of: date) -> bool:
    operator, operand = comparison.operator, comparison.operand
    if operator is Operator.IS or operator is Operator.EQUALS:
        return value == operand
    if operator is Operator.NOT_EQUALS:
        return value != operand
    if operator is Operator.IN:
        assert isinstance(operand, tuple)
        return value in operand
    if isinstance(value, frozenset):
        wanted = frozenset(operand) if isinstance(operand, tuple) else frozenset({str(operand)})
        if operator is Operator.CONTAINS_ANY:
            return bool(value & wanted)
        return wanted <= value  # CONTAINS, CONTAINS_ALL
    if isinstance(value, date):
        if operator in (Operator.DAYS_UNTIL_AT_MOST, Operator.DAYS_UNTIL_AT_LEAST):
            assert isinstance(operand, int)
            days_until = (value - as_of).days
            return days_until <= operand if operator is Operator.DAYS_UNTIL_AT_MOST else days_until >= operand
        if operator in (Operator.DAYS_SINCE_AT_MOST, Operator.DAYS_SINCE_AT_LEAST):
            assert isinstance(operand, int)
            days_since = (as_of - value).days
            return days_since <= operand if operator is Operator.DAYS_SINCE_AT_MOST else days_since >= operand
        if operator is Operator.YEARS_SINCE_AT_LEAST:
            assert isinstance(operand, int)
            return _whole_years_between(value, as_of) >= operand
        assert isinstance(operand, date)
        return _ordered(operator, value, operand)
    assert isinstance(value, int)
    assert isinstance(operand, int)
    return _ordered(operator, value, operand)


def _ordered(operator: Operator, value: date | int, operand: date | int) -> bool:
    # Same types, checked at load time (a date fact takes a date operand, a number fact a number).
    if operator is Operator.AT_LEAST:
        return value >= operand  # type: ignore[operator]
    if operator is Operator.AT_MOST:
        return value <= operand  # type: ignore[operator]
    if operator is Operator.GREATER_THAN:
        return value > operand  # type: ignore[operator]
    return value < operand  # type: ignore[operator]


def _whole_years_between(start: date, end: date) -> int:
    years = end.year - start.year
    return years - 1 if (end.month, end.day) < (start.month, start.day) else years


def _outcome(condition: Condition, facts: Mapping[str, FactValue], as_of: date) -> Outcome:
    if isinstance(condition, Comparison):
        value = facts.get(condition.fact)
        if condition.operator is Operator.PRESENT:
            return _known((value is not None) == condition.operand)
        if value is None:
            return Outcome.UNKNOWN
        return _known(_compare(condition, value, as_of))
    if isinstance(condition, Not):
        inner = _outcome(condition.condition, facts, as_of)
        return {Outcome.MET: Outcome.NOT_MET, Outcome.NOT_MET: Outcome.MET}.get(inner, Outcome.UNKNOWN)
    outcomes = [_outcome(child, facts, as_of) for child in condition.conditions]
    decisive, other = (
        (Outcome.NOT_MET, Outcome.MET) if isinstance(condition, AllOf) else (Outcome.MET, Outcome.NOT_MET)
    )
    assert isinstance(condition, AllOf | AnyOf)
    if decisive in outcomes:
        return decisive
    return Outcome.UNKNOWN if Outcome.UNKNOWN in outcomes else other


def evaluate(rule_set: RuleSet, facts: Mapping[str, object], *, as_of: date) -> ScreeningResult:
    """Screen one person: `facts` use the names of `VOCABULARY` (a missing or None fact is unknown); `as_of` is
    the date the day counts ("stay deadline within 30 days", age) are taken from, kept in the result."""
    known = checked_facts(facts)
    results = tuple(
        CriterionResult(
            criterion_id=criterion.id,
            label=criterion.label,
            required=criterion.required,
            outcome=_outcome(criterion.condition, known, as_of),
            facts=tuple(FactUsed(name, known.get(name)) for name in facts_of(criterion.condition)),
        )
        for criterion in rule_set.criteria
    )
    required = [result.outcome for result in results if result.required]
    if Outcome.NOT_MET in required:
        recommendation = Recommendation.NOT_ELIGIBLE
    elif Outcome.UNKNOWN in required:
        recommendation = Recommendation.NEEDS_REVIEW
    else:
        recommendation = Recommendation.ELIGIBLE
    return ScreeningResult(
        rule_set_id=rule_set.id,
        rule_set_version=rule_set.version,
        as_of=as_of,
        recommendation=recommendation,
        criteria=results,
        facts=MappingProxyType(known),
    )
