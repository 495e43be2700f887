"""The screening rule language: rule sets held as JSON-like data, parsed into a small tree, evaluated purely.

A document looks like::

    {"id": "de_22_2", "version": "2026-01", "title": "...",
     "criteria": [
       {"id": "borders", "label": "Declares ...", "condition": {"fact": "declares_borders_of_1992", "is": true}},
       {"id": "danger", "label": "...", "condition": {"any": [
           {"has_risk_factor": "criminal_case"},
           {"fact": "wanted_scopes", "contains_any": ["interstate", "interpol"]}]}},
       {"id": "stay", "label": "...", "required": false,
        "condition": {"fact": "stay_deadline", "days_until_at_most": 30}}]}

Conditions: ``all`` / ``any`` (lists), ``not``, and one comparison of one fact: ``is`` (yes/no), ``equals``,
``not_equals``, ``in`` (a list), ``contains`` / ``contains_any`` / ``contains_all`` (sets of codes),
``at_least`` / ``at_most`` / ``greater_than`` / ``less_than`` (numbers, or dates as "YYYY-MM-DD"),
``days_until_at_most`` / ``days_until_at_least`` / ``days_since_at_most`` / ``days_since_at_least`` /
``years_since_at_least`` (date arithmetic from the screening date), ``present`` (whether the fact is known), and
the shorthand ``{"has_risk_factor": kind}`` for ``{"fact": "risk_factor_kinds", "contains": kind}``.

Nothing in a document is ever executed: it is parsed into the dataclasses below, checked against the fact
vocabulary, and read by `evaluate` — there is no eval, exec or import of stored code anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeAlias

from herzen.domain.provenance import SourceNote, parse_source_note
from herzen.domain.rules.guard import refuse_political_criteria
from herzen.domain.rules.vocabulary import DECLARATION_FACTS, VOCABULARY, FactType, FactValue

_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,63}")


class RuleSetError(ValueError):
    """A rule-set document is malformed: the message names the place in the document."""


class Operator(StrEnum):
    IS = "is"
    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    IN = "in"
    CONTAINS = "contains"
    CONTAINS_ANY = "contains_any"
    CONTAINS_ALL = "contains_all"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    GREATER_THAN = "greater_than"
    LESS_THAN = "less_than"
    DAYS_UNTIL_AT_MOST = "days_until_at_most"
    DAYS_UNTIL_AT_LEAST = "days_until_at_least"
    DAYS_SINCE_AT_MOST = "days_since_at_most"
    DAYS_SINCE_AT_LEAST = "days_since_at_least"
    YEARS_SINCE_AT_LEAST = "years_since_at_least"
    PRESENT = "present"


# Which operators each type of fact accepts, and what kind of operand each takes.
_ORDERING = frozenset({Operator.AT_LEAST, Operator.AT_MOST, Operator.GREATER_THAN, Operator.LESS_THAN})
_DAY_COUNTS = frozenset(
    {
        Operator.DAYS_UNTIL_AT_MOST,
        Operator.DAYS_UNTIL_AT_LEAST,
        Operator.DAYS_SINCE_AT_MOST,
        Operator.DAYS_SINCE_AT_LEAST,
        Operator.YEARS_SINCE_AT_LEAST,
    }
)
_OPERATORS_BY_TYPE: dict[FactType, frozenset[Operator]] = {
    FactType.BOOLEAN: frozenset({Operator.IS, Operator.PRESENT}),
    FactType.NUMBER: frozenset({Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.PRESENT})
    | _ORDERING,
    FactType.DATE: frozenset({Operator.EQUALS, Operator.NOT_EQUALS, Operator.PRESENT})
    | _ORDERING
    | _DAY_COUNTS,
    FactType.TEXT: frozenset({Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.PRESENT}),
    FactType.CODES: frozenset(
        {Operator.CONTAINS, Operator.CONTAINS_ANY, Operator.CONTAINS_ALL, Operator.PRESENT}
    ),
}

Operand: TypeAlias = bool | int | date | str | tuple[int, ...] | tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    fact: str
    operator: Operator
    operand: Operand


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    condition: Condition


Condition: TypeAlias = Comparison | AllOf | AnyOf | Not


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str  # English; pages translate the shipped labels or show them as written
    condition: Condition
    # A criterion that is not required is shown in the explanation but does not decide the recommendation
    # (e.g. "the legal stay runs out within 30 days": urgency, not eligibility).
    required: bool = True


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: str
    title: str
    criteria: tuple[Criterion, ...]
    # Where the criteria come from (the destination's stated policy), when checked, and how sure.
    source_note: SourceNote = field(default_factory=lambda: SourceNote(summary=""))


# --- Loading --------------------------------------------------------------------------------------------------

_RULE_SET_KEYS = frozenset({"id", "version", "title", "criteria", "source_note"})
_CRITERION_KEYS = frozenset({"id", "label", "condition", "required"})


def _text(where: str, value: object, *, identifier: bool = False) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RuleSetError(f"{where} must be non-empty text, got {value!r}")
    if identifier and not _IDENTIFIER.fullmatch(value):
        raise RuleSetError(f"{where} must be lower-case letters, digits and '_', got {value!r}")
    return value.strip()


def _date(where: str, value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RuleSetError(f'{where}: expected a date as "YYYY-MM-DD", got {value!r}')


def _whole_number(where: str, value: object) -> int:
    # bool is a subclass of int; `true` where a number belongs is a mistake.
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleSetError(f"{where}: expected a whole number, got {value!r}")
    return value


def _code(where: str, fact: str, value: object) -> str:
    text = _text(where, value)
    allowed = VOCABULARY[fact].allowed_values
    if allowed is not None and text not in allowed:
        raise RuleSetError(
            f"{where}: {text!r} is not a value of {fact}; allowed: {', '.join(sorted(allowed))}"
        )
    return text


def _operand(where: str, fact: str, operator: Operator, value: object) -> Operand:
    fact_type = VOCABULARY[fact].type
    if operator in (Operator.IS, Operator.PRESENT):
        if not isinstance(value, bool):
            raise RuleSetError(f"{where}: expected true or false, got {value!r}")
        return value
    if operator in _DAY_COUNTS:
        count = _whole_number(where, value)
        if count < 0:
            raise RuleSetError(f"{where}: a number of days or years cannot be negative, got {count}")
        return count
    if operator in (Operator.IN, Operator.CONTAINS_ANY, Operator.CONTAINS_ALL):
        if not isinstance(value, list | tuple) or not value:
            raise RuleSetError(f"{where}: expected a non-empty list, got {value!r}")
        if fact_type is FactType.NUMBER:
            return tuple(_whole_number(f"{where}[{i}]", item) for i, item in enumerate(value))
        return tuple(_code(f"{where}[{i}]", fact, item) for i, item in enumerate(value))
    if fact_type is FactType.NUMBER:
        return _whole_number(where, value)
    if fact_type is FactType.DATE:
        return _date(where, value)
    return _code(where, fact, value)


def _comparison(where: str, data: Mapping[str, Any]) -> Comparison:
    if "has_risk_factor" in data:
        if set(data) != {"has_risk_factor"}:
            raise RuleSetError(f'{where}: "has_risk_factor" stands alone, got keys {sorted(data)}')
        kind = _code(f"{where}.has_risk_factor", "risk_factor_kinds", data["has_risk_factor"])
        return Comparison("risk_factor_kinds", Operator.CONTAINS, kind)
    fact = _text(f"{where}.fact", data.get("fact"))
    if fact not in VOCABULARY:
        raise RuleSetError(f"{where}.fact: unknown fact {fact!r}; a rule may only use the declared facts")
    operators = [key for key in data if key != "fact"]
    if len(operators) != 1:
        raise RuleSetError(f'{where}: a comparison has "fact" and exactly one operator, got {sorted(data)}')
    try:
        operator = Operator(operators[0])
    except ValueError:
        known = ", ".join(o.value for o in Operator)
        raise RuleSetError(f"{where}: unknown operator {operators[0]!r}; known: {known}") from None
    fact_type = VOCABULARY[fact].type
    if operator not in _OPERATORS_BY_TYPE[fact_type]:
        raise RuleSetError(f"{where}: {operator.value!r} does not apply to {fact}, a {fact_type.value} fact")
    return Comparison(
        fact, operator, _operand(f"{where}.{operator.value}", fact, operator, data[operator.value])
    )


def _condition(where: str, data: object) -> Condition:
    if not isinstance(data, Mapping):
        raise RuleSetError(f"{where}: a condition must be an object, got {data!r}")
    for key, node in (("all", AllOf), ("any", AnyOf)):
        if key in data:
            if len(data) != 1:
                raise RuleSetError(f'{where}: "{key}" stands alone, got keys {sorted(data)}')
            items = data[key]
            if not isinstance(items, list | tuple) or not items:
                raise RuleSetError(f"{where}.{key}: expected a non-empty list of conditions, got {items!r}")
            return node(tuple(_condition(f"{where}.{key}[{i}]", item) for i, item in enumerate(items)))
    if "not" in data:
        if len(data) != 1:
            raise RuleSetError(f'{where}: "not" stands alone, got keys {sorted(data)}')
        return Not(_condition(f"{where}.not", data["not"]))
    return _comparison(where, data)


def _criterion(where: str, data: object) -> Criterion:
    if not isinstance(data, Mapping):
        raise RuleSetError(f"{where}: a criterion must be an object, got {data!r}")
    unknown = set(data) - _CRITERION_KEYS
    if unknown:
        raise RuleSetError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_CRITERION_KEYS)}")
    required = data.get("required", True)
    if not isinstance(required, bool):
        raise RuleSetError(f"{where}.required: expected true or false, got {required!r}")
    if "condition" not in data:
        raise RuleSetError(f'{where}: a criterion needs a "condition"')
    return Criterion(
        id=_text(f"{where}.id", data.get("id"), identifier=True),
        label=_text(f"{where}.label", data.get("label")),
        condition=_condition(f"{where}.condition", data["condition"]),
        required=required,
    )


def load_rule_set(document: Mapping[str, Any]) -> RuleSet:
    """Parse and check a rule-set document. Raises `PoliticalCriterionError` (a ValueError) if it mentions a
    party, faction, movement or political opinion anywhere, and `RuleSetError` (a ValueError) naming the place
    of any other fault: an unknown fact, operator or key, a value of the wrong type, a duplicated criterion."""
    if not isinstance(document, Mapping):
        raise RuleSetError(f"a rule set must be an object, got {document!r}")
    name = str(document.get("id", "(without id)"))
    # First, so that a political fact name ("party_member") is refused as political, not as an unknown fact.
    refuse_political_criteria(document, name)
    unknown = set(document) - _RULE_SET_KEYS
    if unknown:
        raise RuleSetError(
            f"rule set {name}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_RULE_SET_KEYS)}"
        )
    criteria_data = document.get("criteria")
    if not isinstance(criteria_data, list | tuple) or not criteria_data:
        raise RuleSetError(f'rule set {name}: "criteria" must be a non-empty list')
    criteria = tuple(_criterion(f"criteria[{i}]", item) for i, item in enumerate(criteria_data))
    seen: set[str] = set()
    for criterion in criteria:
        if criterion.id in seen:
            raise RuleSetError(f"rule set {name}: criterion id {criterion.id!r} appears more than once")
        seen.add(criterion.id)
    try:
        source_note = parse_source_note(f"rule set {name}", document.get("source_note", ""))
    except ValueError as error:
        raise RuleSetError(str(error)) from None
    return RuleSet(
        id=_text("id", document.get("id"), identifier=True),
        version=_text("version", document.get("version")),
        title=_text("title", document.get("title")),
        criteria=criteria,
        source_note=source_note,
    )


def facts_of(condition: Condition) -> tuple[str, ...]:
    """The facts a condition looks at, each once, in the order it names them."""
    if isinstance(condition, Comparison):
        return (condition.fact,)
    inner: Sequence[Condition] = (
        (condition.condition,) if isinstance(condition, Not) else condition.conditions
    )
    names: dict[str, None] = {}
    for child in inner:
        names.update(dict.fromkeys(facts_of(child)))
    return tuple(names)


def declarations_missing(rule_set: RuleSet) -> tuple[str, ...]:
    """The programme's declarations a rule set does not check (a shipped rule set checks both; tested)."""
    used = {fact for criterion in rule_set.criteria for fact in facts_of(criterion.condition)}
    return tuple(fact for fact in DECLARATION_FACTS if fact not in used)


__all__ = [
    "AllOf",
    "AnyOf",
    "Comparison",
    "Condition",
    "Criterion",
    "FactValue",
    "Not",
    "Operator",
    "RuleSet",
    "RuleSetError",
    "declarations_missing",
    "facts_of",
    "load_rule_set",
]
