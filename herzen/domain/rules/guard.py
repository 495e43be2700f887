"""Refuse a rule-set document that mentions a party, faction, movement or any political opinion beyond the
programme's two declarations. See political_terms.py for why and for the list."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from herzen.domain.rules.political_terms import HARMLESS_PHRASES, POLITICAL_TERMS

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-zа-я])(?=[A-ZА-Я])")
_NOT_A_LETTER = re.compile(r"[\W_]+")
_HARMLESS = re.compile(r"\b(?:" + "|".join(HARMLESS_PHRASES) + r")\b")
_TERMS = tuple((term, re.compile(rf"\b(?:{pattern})\b")) for term, pattern in POLITICAL_TERMS)


def normalise(text: str) -> str:
    """Lower case, "ё" as "е", words split at camelCase, "_", "-" and punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _CAMEL_BOUNDARY.sub(" ", text)
    text = text.lower().replace("ё", "е")
    return _NOT_A_LETTER.sub(" ", text).strip()


@dataclass(frozen=True)
class PoliticalTerm:
    path: str  # where in the document, e.g. "criteria[2].label" or 'criteria[0].condition (key "party")'
    term: str  # the listed term, e.g. "партия"
    found: str  # the words that matched, as normalised


class PoliticalCriterionError(ValueError):
    """A rule set refers to a political opinion, party, faction or movement: it is refused as a whole."""

    def __init__(self, rule_set: str, offences: tuple[PoliticalTerm, ...]) -> None:
        self.rule_set = rule_set
        self.offences = offences
        where = "; ".join(f'{o.path}: "{o.found}" ({o.term})' for o in offences)
        super().__init__(
            f"rule set {rule_set} is refused: it refers to a party, faction, movement or political opinion "
            f"({where}). Herzen screens only on the programme's two declarations, "
            "declares_borders_of_1992 and declares_destalinisation_and_deimperialisation."
        )


def political_terms_in(text: str) -> Iterator[tuple[str, str]]:
    """Each (listed term, matched words) found in `text`."""
    cleaned = _HARMLESS.sub(" ", normalise(text))
    for term, pattern in _TERMS:
        match = pattern.search(cleaned)
        if match:
            yield term, match.group(0)


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string of a JSON-like document with its path: keys and values, however deeply nested."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                yield f'{path or "document"} (key "{key}")', key
            yield from _strings(item, child)
    elif isinstance(value, list | tuple | set | frozenset):
        for position, item in enumerate(value):
            yield from _strings(item, f"{path}[{position}]")


def political_terms_of_document(document: object) -> tuple[PoliticalTerm, ...]:
    return tuple(
        PoliticalTerm(path=path, term=term, found=found)
        for path, text in _strings(document, "")
        for term, found in political_terms_in(text)
    )


def refuse_political_criteria(document: object, rule_set: str) -> None:
    offences = political_terms_of_document(document)
    if offences:
        raise PoliticalCriterionError(rule_set, offences)
