"""Screening payees against sanctions lists with Herzen's transliteration-aware name keys.

A list entry matches a payee when one of its names shares a key with the payee's surname (in any spelling a
Russian passport, registry or press would give it, either gender's form) and another word shares one with the
given name. Date of birth and nationality corroborate or contradict; they never decide alone. Every hit is
explained step by step. Screening never refuses anyone: a hit holds the payout until a compliance officer
clears or confirms it. Only when both dates of birth are known and every listed date differs by more than
`DOB_TOLERANCE_YEARS` is a name match recorded as contradicted rather than held (ADR 0121).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from herzen.domain.aid.grants import Step
from herzen.domain.aid.sanctions_lists import ListedName, ListedPerson
from herzen.domain.names import FullName, expected_spellings, fold, is_cyrillic, name_keys

DOB_TOLERANCE_YEARS = 1
_COUNTRY_NAMES = {
    "russia": "RU", "russian federation": "RU", "belarus": "BY", "ukraine": "UA", "kazakhstan": "KZ",
    "georgia": "GE", "armenia": "AM", "kyrgyzstan": "KG", "uzbekistan": "UZ", "azerbaijan": "AZ",
}  # fmt: skip


class HitStrength(StrEnum):
    STRONG = "strong"  # name and date of birth agree
    POSSIBLE = "possible"  # the name matches; the date of birth is unknown on one side
    CONTRADICTED = "contradicted"  # the name matches; the dates of birth differ


@dataclass(frozen=True)
class Payee:
    name: FullName
    born: date | None
    nationalities: frozenset[str]  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class Hit:
    entry: ListedPerson
    matched_name: str
    strength: HitStrength
    steps: tuple[Step, ...]

    @property
    def holds_payout(self) -> bool:
        return self.strength is not HitStrength.CONTRADICTED


@lru_cache(maxsize=200_000)
def _word_keys(text: str) -> frozenset[str]:
    keys: set[str] = set()
    for word in text.replace("-", " ").replace(",", " ").split():
        keys |= {key for key in name_keys(word) if key.startswith("s:")}
    return frozenset(keys)


@lru_cache(maxsize=50_000)
def _spelled(word: str) -> dict[str, str]:
    """One part of a name (a surname, a given name) as written and in every scheme's spelling; schemes spell
    word by word, so a part is cached alone and the payee's full names need not be."""
    spellings = {"as written": word}
    if word and is_cyrillic(word):
        spelled = expected_spellings(FullName(word, ""))
        spellings.update({scheme.value: name.surname for scheme, name in spelled.items()})
    return spellings


def _listed_words(listed: ListedName) -> list[str]:
    return [w for w in (listed.whole or f"{listed.given} {listed.surname}").replace(",", " ").split() if w]


def _country(value: str) -> str:
    return (
        value.upper() if len(value) == 2 else _COUNTRY_NAMES.get(value.strip().lower(), value.strip().upper())
    )


def _year_gap(born: date, listed: str) -> int:
    if len(listed) >= 10 and listed[4] == "-":
        listed_date = date.fromisoformat(listed[:10])
        return 0 if listed_date == born else max(1, abs(listed_date.year - born.year))
    return abs(int(listed[:4]) - born.year)


class SanctionsIndex:
    """The lists' individuals indexed by the skeleton keys of every word of every name and alias."""

    def __init__(self, people: Iterable[ListedPerson]) -> None:
        self.people = tuple(people)
        self._by_key: dict[str, set[int]] = defaultdict(set)
        for number, person in enumerate(self.people):
            for listed in person.names:
                for word in _listed_words(listed):
                    for key in _word_keys(word):
                        self._by_key[key].add(number)

    def _candidates(self, keys: frozenset[str]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            found |= self._by_key.get(key, set())
        return found

    def screen(self, payee: Payee) -> list[Hit]:
        surname_keys, given_keys = _part_keys(payee.name.surname, payee.name.given_name)
        hits = []
        for number in sorted(self._candidates(surname_keys) & self._candidates(given_keys)):
            hit = _explain(self.people[number], payee, surname_keys, given_keys)
            if hit is not None:
                hits.append(hit)
        return hits


def _part_keys(surname: str, given_name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of the surname (either gender's form) and of the given name, over every spelling."""
    return _surname_keys(surname), _given_keys(given_name)


# Cached per part, not per full name: a population has far fewer distinct surnames and given names than
# distinct pairs of them, and each part's spellings cost the most of a screening.
@lru_cache(maxsize=100_000)
def _surname_keys(surname: str) -> frozenset[str]:
    keys = frozenset().union(*(_word_keys(s) for s in _spelled(surname).values()))
    return keys | _word_keys(_gender_counterpart(surname))


@lru_cache(maxsize=20_000)
def _given_keys(given_name: str) -> frozenset[str]:
    return frozenset().union(*(_word_keys(s) for s in _spelled(given_name).values()))


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    return fold(word)


def _gender_counterpart(surname: str) -> str:
    for ending, other in (("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("ова", "ов"), ("ева", "ев"), ("ина", "ин"),
                          ("skaya", "skiy"), ("ская", "ский")):  # fmt: skip
        if surname.lower().endswith(ending) and len(surname) > len(ending) + 1:
            return surname[: -len(ending)] + other
    return surname


def _explain(
    person: ListedPerson,
    payee: Payee,
    surname_keys: frozenset[str],
    given_keys: frozenset[str],
) -> Hit | None:
    for listed in person.names:
        words = _listed_words(listed)
        surname_words = [w for w in words if _word_keys(w) & surname_keys]
        given_words = [w for w in words if _word_keys(w) & given_keys and w not in surname_words]
        if not surname_words or not given_words:
            continue
        listed_folds = {_folded(w) for w in surname_words}
        schemes = sorted(
            label for label, spelled in _spelled(payee.name.surname).items()
            if any(_folded(part) in listed_folds for part in spelled.split())
        )  # fmt: skip
        steps = [
            Step(
                "surname_matches",
                {
                    "list": person.source.value,
                    "entry": person.entry_id,
                    "listed": " ".join(surname_words),
                    "schemes": schemes or ["sound"],
                },
            ),
            Step("given_name_matches", {"listed": " ".join(given_words)}),
        ]
        strength = HitStrength.POSSIBLE
        if payee.born is not None and person.births:
            gaps = [_year_gap(payee.born, born) for born in person.births]
            closest = min(gaps)
            if closest == 0:
                strength = HitStrength.STRONG
                steps.append(Step("birth_matches", {}))
            elif closest <= DOB_TOLERANCE_YEARS:
                steps.append(Step("birth_near", {"years": closest}))
            else:
                strength = HitStrength.CONTRADICTED
                steps.append(Step("birth_differs", {"years": closest}))
        else:
            steps.append(Step("birth_unknown", {}))
        listed_countries = {_country(n) for n in person.nationalities}
        if listed_countries and payee.nationalities:
            shared = sorted(listed_countries & payee.nationalities)
            steps.append(
                Step("nationality_matches" if shared else "nationality_differs", {"countries": shared})
            )
        return Hit(person, listed.whole, strength, tuple(steps))
    return None
