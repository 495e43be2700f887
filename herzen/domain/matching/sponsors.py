"""Sponsorships: a sponsor or host organisation that supports households in its town, apart from their home.

A sponsorship is not a place to live: its capacity counts households, not persons or beds, and it is assigned
after the homes, to households whose home is in its town. Hard rules (checked by `validate_sponsorships`, apart
from the assignment): the sponsor is in the household's destination country and in the town of its home, the
household has not ruled the sponsor or its town out, no sponsor takes more households than it offered, and a
household has at most one sponsor. Score parts: the sponsor speaks one of the household's languages; it mentors
in one of their professions. The assignment is exact (one household is one unit: OR-Tools min-cost flow).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from herzen.domain.matching import solvers
from herzen.domain.matching.model import Household, Placement


@dataclass(frozen=True)
class Sponsorship:
    key: str
    town: str
    state: str
    households: int  # how many households the sponsor supports at once
    languages: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SponsorWeights:
    """What a sponsorship is worth to a household: a base (any support in town) and its parts."""

    base: float = 0.1
    shared_language: float = 0.2
    mentor_in_profession: float = 0.1


class SponsorPart(StrEnum):
    SHARED_LANGUAGE = "sponsor_language"
    MENTOR = "sponsor_mentor"


class SponsorRule(StrEnum):
    SPONSOR_TOWN = "sponsor_town"
    SPONSOR_STATE = "sponsor_state"
    SPONSOR_VETO = "sponsor_veto"
    SPONSOR_CAPACITY = "sponsor_capacity"
    ONE_SPONSOR = "one_sponsor"
    SPONSOR_UNKNOWN = "sponsor_unknown"


@dataclass(frozen=True)
class SponsorPlacement:
    household_key: str
    sponsorship_key: str
    score: float
    parts: tuple[tuple[SponsorPart, float, str], ...]  # part, value, detail (a language or a skill)


@dataclass(frozen=True)
class SponsorViolation:
    rule: SponsorRule
    household_key: str
    sponsorship_key: str


def _may_sponsor(household: Household, town: str, sponsorship: Sponsorship) -> bool:
    return (
        sponsorship.town == town
        and sponsorship.state == household.destination_state
        and not ({sponsorship.key, sponsorship.town} & set(household.vetoes))
    )


def sponsor_score(
    household: Household, sponsorship: Sponsorship, weights: SponsorWeights
) -> tuple[float, tuple[tuple[SponsorPart, float, str], ...]]:
    parts: list[tuple[SponsorPart, float, str]] = []
    shared = sorted(household.languages & sponsorship.languages)
    if shared:
        parts.append((SponsorPart.SHARED_LANGUAGE, weights.shared_language, shared[0]))
    mentored = sorted(household.skills & sponsorship.skills)
    if mentored:
        parts.append((SponsorPart.MENTOR, weights.mentor_in_profession, mentored[0]))
    return weights.base + sum(value for _part, value, _detail in parts), tuple(parts)


def assign_sponsorships(
    households: Iterable[Household],
    placements: Iterable[Placement],
    towns: dict[str, str],
    sponsorships: Iterable[Sponsorship],
    weights: SponsorWeights | None = None,
    taken: dict[str, int] | None = None,
) -> tuple[SponsorPlacement, ...]:
    """The best sponsors for households already given a home; `towns` maps an offer key to its town and `taken`
    a sponsorship's key to households it already supports."""
    weights = weights or SponsorWeights()
    taken = taken or {}
    by_key = {h.key: h for h in households}
    homed = [(by_key[p.household_key], towns[p.offer_key]) for p in placements if p.household_key in by_key]
    sponsors = list(sponsorships)
    arcs_h, arcs_s, scores = [], [], []
    for h_index, (household, town) in enumerate(homed):
        for s_index, sponsorship in enumerate(sponsors):
            if _may_sponsor(household, town, sponsorship):
                arcs_h.append(h_index)
                arcs_s.append(s_index)
                scores.append(sponsor_score(household, sponsorship, weights)[0])
    capacities = [s.households - taken.get(s.key, 0) for s in sponsors]
    result = []
    for arc in solvers.solve_units(capacities, arcs_h, arcs_s, scores):
        household = homed[arcs_h[arc]][0]
        sponsorship = sponsors[arcs_s[arc]]
        total, parts = sponsor_score(household, sponsorship, weights)
        result.append(SponsorPlacement(household.key, sponsorship.key, total, parts))
    return tuple(result)


def validate_sponsorships(
    households: Iterable[Household],
    placements: Iterable[Placement],
    towns: dict[str, str],
    sponsorships: Iterable[Sponsorship],
    sponsored: Iterable[tuple[str, str]],
    taken: dict[str, int] | None = None,
) -> list[SponsorViolation]:
    """Every sponsorship rule, checked from the facts alone: (household key, sponsorship key) pairs against the
    households' homes (`placements`, `towns`: offer key → town) and what each sponsorship offered."""
    by_household = {h.key: h for h in households}
    by_sponsor = {s.key: s for s in sponsorships}
    home_town = {p.household_key: towns.get(p.offer_key, "") for p in placements}
    count: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    violations: list[SponsorViolation] = []
    for household_key, sponsor_key in sponsored:
        household, sponsor = by_household.get(household_key), by_sponsor.get(sponsor_key)
        if household is None or sponsor is None:
            violations.append(SponsorViolation(SponsorRule.SPONSOR_UNKNOWN, household_key, sponsor_key))
            continue
        seen[household_key] += 1
        count[sponsor_key] += 1
        if seen[household_key] > 1:
            violations.append(SponsorViolation(SponsorRule.ONE_SPONSOR, household_key, sponsor_key))
        if home_town.get(household_key) != sponsor.town:
            violations.append(SponsorViolation(SponsorRule.SPONSOR_TOWN, household_key, sponsor_key))
        if sponsor.state.upper() != household.destination_state.upper():
            violations.append(SponsorViolation(SponsorRule.SPONSOR_STATE, household_key, sponsor_key))
        if sponsor.key in household.vetoes or sponsor.town in household.vetoes:
            violations.append(SponsorViolation(SponsorRule.SPONSOR_VETO, household_key, sponsor_key))
    for sponsor_key, supported in count.items():
        if supported + (taken or {}).get(sponsor_key, 0) > by_sponsor[sponsor_key].households:
            violations.append(SponsorViolation(SponsorRule.SPONSOR_CAPACITY, "", sponsor_key))
    return violations
