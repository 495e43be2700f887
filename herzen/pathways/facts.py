"""Facts of a move between their plain-data form (forms, JSON) and the typed values the domain checks."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from herzen.domain.workflow import FactKind, FactValue, Transition

TRUE_WORDS = {"true", "on", "1", "yes"}
FALSE_WORDS = {"false", "off", "0", "no", ""}


def _parse(kind: FactKind, value: Any) -> FactValue:
    """A typed value, or the input unchanged when it cannot be read (the domain then names the fact)."""
    if value is None:
        return None
    if kind is FactKind.DATE:
        if isinstance(value, date):
            return value
        if isinstance(value, str) and value.strip():
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                return value
        return None if value == "" else str(value)
    if kind is FactKind.BOOL:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
            return value.strip().lower() in TRUE_WORDS
        return str(value)
    return value.strip() if isinstance(value, str) else str(value)


def parse_facts(transition: Transition | None, raw: Mapping[str, Any]) -> dict[str, FactValue]:
    """The facts for `transition` read from `raw`; names the transition does not declare are kept as text so
    the domain can refuse them by name."""
    kinds = {fact.name: fact.kind for fact in transition.all_facts} if transition else {}
    return {name: _parse(kinds.get(name, FactKind.TEXT), value) for name, value in raw.items()}


def facts_to_json(facts: Mapping[str, FactValue]) -> dict[str, Any]:
    """For the history row: dates as ISO text, empty values left out."""
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in facts.items()
        if value is not None and value != ""
    }
