"""A programme's rules as data, and the grant they give one household, explained step by step.

Eligibility is a rule set of the screening engine (herzen.domain.rules), evaluated and explained the same way;
the amount is read from a table by household size, capped by the ceiling per household, and split into tranches
that fall due at a fixed interval. Like screening, the result recommends: the caseworker proposes, another
person approves.

A document::

    {"eligibility": {<a rule-set document>},
     "amounts": {"1": "300.00", "2": "450.00", "3": "550.00"}, "per_extra_member": "80.00",
     "ceiling": "1500.00", "tranches": 3, "interval_days": 30}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from herzen.domain.accounting import CurrencyError, to_minor
from herzen.domain.rules import (
    Recommendation,
    RuleSet,
    RuleSetError,
    ScreeningResult,
    evaluate,
    load_rule_set,
)


class ProgrammeRulesError(ValueError):
    """A programme's rules document is malformed; the message names the place."""


@dataclass(frozen=True)
class ProgrammeRules:
    eligibility: RuleSet
    amounts: Mapping[int, int]  # household size -> minor units
    per_extra_member: int  # for each member beyond the largest size in the table
    ceiling: int  # per household, whatever its size
    tranches: int
    interval_days: int


@dataclass(frozen=True)
class Step:
    """One line of the explanation: a stable key and its values, rendered in the reader's language."""

    key: str
    values: Mapping[str, object]


@dataclass(frozen=True)
class Tranche:
    number: int
    due: date
    amount: int


@dataclass(frozen=True)
class GrantCalculation:
    screening: ScreeningResult
    total: int  # zero when the household is not eligible
    tranches: tuple[Tranche, ...]
    steps: tuple[Step, ...]


def _minor(document: Mapping[str, Any], key: str, currency: str) -> int:
    try:
        value = to_minor(str(document[key]), currency)
    except KeyError:
        raise ProgrammeRulesError(f"{key}: required") from None
    except CurrencyError as error:
        raise ProgrammeRulesError(f"{key}: {error}") from None
    if value < 0:
        raise ProgrammeRulesError(f"{key}: must not be negative")
    return value


def _positive_int(document: Mapping[str, Any], key: str, default: int) -> int:
    value = document.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ProgrammeRulesError(f"{key}: a whole number of at least 1")
    return value


def load_programme_rules(document: Mapping[str, Any], currency: str) -> ProgrammeRules:
    try:
        eligibility = load_rule_set(document["eligibility"])
    except KeyError:
        raise ProgrammeRulesError("eligibility: required") from None
    except RuleSetError as error:
        raise ProgrammeRulesError(f"eligibility: {error}") from None
    table = document.get("amounts")
    if not isinstance(table, Mapping) or not table:
        raise ProgrammeRulesError("amounts: a table of household size to amount")
    amounts: dict[int, int] = {}
    for size, _amount in table.items():
        if not str(size).isdigit() or int(size) < 1:
            raise ProgrammeRulesError(f"amounts: {size!r} is not a household size")
        amounts[int(size)] = _minor(table, size, currency)
    return ProgrammeRules(
        eligibility=eligibility,
        amounts=amounts,
        per_extra_member=_minor(document, "per_extra_member", currency)
        if "per_extra_member" in document
        else 0,
        ceiling=_minor(document, "ceiling", currency),
        tranches=_positive_int(document, "tranches", 1),
        interval_days=_positive_int(document, "interval_days", 30),
    )


def _amount_for(rules: ProgrammeRules, size: int, steps: list[Step]) -> int:
    if size in rules.amounts:
        steps.append(Step("amount_for_size", {"size": size, "amount": rules.amounts[size]}))
        return rules.amounts[size]
    largest = max(size_ for size_ in rules.amounts if size_ <= size) if min(rules.amounts) <= size else None
    if largest is None:
        smallest = min(rules.amounts)
        steps.append(Step("amount_for_size", {"size": smallest, "amount": rules.amounts[smallest]}))
        return rules.amounts[smallest]
    extra = size - largest
    amount = rules.amounts[largest] + extra * rules.per_extra_member
    steps.append(
        Step(
            "amount_with_extra_members",
            {
                "size": largest,
                "amount": rules.amounts[largest],
                "extra": extra,
                "per_member": rules.per_extra_member,
            },
        )
    )
    return amount


def split(total: int, count: int, first_due: date, interval_days: int) -> tuple[Tranche, ...]:
    """Equal tranches; the remainder of the division goes to the first, so the tranches sum to the total."""
    base, remainder = divmod(total, count)
    return tuple(
        Tranche(
            number + 1,
            first_due + timedelta(days=interval_days * number),
            base + (remainder if not number else 0),
        )
        for number in range(count)
        if base or not number
    )


def calculate_grant(rules: ProgrammeRules, facts: Mapping[str, object], *, as_of: date) -> GrantCalculation:
    """What the rules give this household: screening, amount, ceiling and tranches, each step explained."""
    screening = evaluate(rules.eligibility, facts, as_of=as_of)
    steps: list[Step] = [Step("eligibility", {"recommendation": screening.recommendation.value})]
    if screening.recommendation is not Recommendation.ELIGIBLE:
        return GrantCalculation(screening, 0, (), tuple(steps))
    size = screening.facts.get("household_size")
    if not isinstance(size, int) or size < 1:
        steps.append(Step("household_size_unknown", {}))
        return GrantCalculation(screening, 0, (), tuple(steps))
    total = _amount_for(rules, size, steps)
    if total > rules.ceiling:
        steps.append(Step("ceiling_applied", {"ceiling": rules.ceiling, "before": total}))
        total = rules.ceiling
    tranches = split(total, rules.tranches, as_of, rules.interval_days) if total else ()
    steps.append(Step("tranches", {"count": len(tranches), "interval_days": rules.interval_days}))
    return GrantCalculation(screening, total, tranches, tuple(steps))
