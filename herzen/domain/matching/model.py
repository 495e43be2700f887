"""The matching instance: households that need a place, the offers that can take them, the jobs around them.

Everything here is plain data. Keys are the caller's identifiers (the app uses database ids as strings); a town is
compared by name and a destination state by ISO country code, so the core needs no geography of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class OfferKind(StrEnum):
    HOUSING = "housing"
    HOST_PLACE = "host_place"
    SPONSORSHIP = "sponsorship"


@dataclass(frozen=True)
class Tie:
    """A relative or friend already living somewhere; coordinates are optional (then only the town name counts)."""

    town: str
    relation: str = "relative"
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Household:
    key: str
    adults: int
    children: int
    destination_state: str
    languages: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    needs_accessible: bool = False
    has_pets: bool = False
    smokers: bool = False
    ties: tuple[Tie, ...] = ()
    # Towns in the household's order of preference, best first.
    preferred_towns: tuple[str, ...] = ()
    # Towns or offer keys the household refuses; a veto is a hard rule.
    vetoes: frozenset[str] = frozenset()
    ready_on: date | None = None

    @property
    def persons(self) -> int:
        return self.adults + self.children


@dataclass(frozen=True)
class Offer:
    key: str
    kind: OfferKind
    town: str
    region: str
    state: str
    capacity_persons: int
    child_beds: int = 0
    accessible: bool = False
    pets_allowed: bool = True
    smoking_allowed: bool = True
    # Languages one can live in there (the country's, and a diaspora's where the publisher says so).
    local_languages: frozenset[str] = frozenset()
    available_from: date | None = None
    available_to: date | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Job:
    key: str
    town: str
    positions: int
    languages: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Instance:
    households: tuple[Household, ...]
    offers: tuple[Offer, ...]
    jobs: tuple[Job, ...] = ()

    households_by_key: dict[str, Household] = field(init=False, repr=False, compare=False)
    offers_by_key: dict[str, Offer] = field(init=False, repr=False, compare=False)
    jobs_by_town: dict[str, tuple[Job, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so the indexes are set once here rather than rebuilt on each look-up.
        object.__setattr__(self, "households_by_key", {h.key: h for h in self.households})
        object.__setattr__(self, "offers_by_key", {o.key: o for o in self.offers})
        by_town: dict[str, list[Job]] = {}
        for job in self.jobs:
            by_town.setdefault(job.town, []).append(job)
        object.__setattr__(self, "jobs_by_town", {town: tuple(jobs) for town, jobs in by_town.items()})


@dataclass(frozen=True)
class Placement:
    """A household (all of its persons) placed in an offer. `persons` is stated so a split would show."""

    household_key: str
    offer_key: str
    persons: int
    children: int


@dataclass(frozen=True)
class Plan:
    placements: tuple[Placement, ...]
    objective: float
    method: str
    proven_optimal: bool
    # The LP relaxation's value where it was computed: no plan can score more.
    upper_bound: float | None = None
    notes: tuple[str, ...] = field(default=())
