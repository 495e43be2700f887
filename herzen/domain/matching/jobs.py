"""Job placements: the third stage, after homes and sponsors. Adults of housed households take job offers in the
town of their home.

A job offer is not a place to live: its capacity counts positions, one adult takes one position, and an adult
takes at most one job. Hard rules (checked by `validate_job_placements`, apart from the assignment): the job is
in the household's destination country and in the town of its home, no job gets more adults than it has
positions, the adult speaks one of the languages the job requires and has one of the skills or professions it
requires (where it requires any), and the household has not ruled the job or its town out. Score parts: the
adult speaks a language the job requires; the adult has the profession it seeks. The assignment is exact: each
adult is one unit of flow (OR-Tools min-cost flow over adults × jobs with capacity in positions).

A household's languages and skills are recorded for the household as a whole, so each of its adults is taken to
have them (`adults_of`); the rules and the solver work per adult, so a per-person record changes nothing here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from herzen.domain.matching import solvers
from herzen.domain.matching.model import Household, Placement


@dataclass(frozen=True)
class JobOffer:
    key: str
    town: str
    state: str
    positions: int
    languages: frozenset[str] = frozenset()  # one of them is required, where any is named
    skills: frozenset[str] = frozenset()  # one of them is required, where any is named


@dataclass(frozen=True)
class Adult:
    household_key: str
    index: int  # 0 … adults − 1 within the household
    languages: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()


def adults_of(household: Household) -> tuple[Adult, ...]:
    return tuple(
        Adult(household.key, index, household.languages, household.skills)
        for index in range(household.adults)
    )


@dataclass(frozen=True)
class JobWeights:
    """What a job is worth to an adult: a base (any work in town) and its parts."""

    base: float = 0.1
    language: float = 0.2
    profession: float = 0.3


class JobPart(StrEnum):
    LANGUAGE = "job_language"
    PROFESSION = "job_profession"


class JobRule(StrEnum):
    JOB_TOWN = "job_town"
    JOB_STATE = "job_state"
    JOB_VETO = "job_veto"
    JOB_CAPACITY = "job_capacity"
    JOB_LANGUAGE = "job_language"
    JOB_SKILL = "job_skill"
    ONE_JOB = "one_job"
    JOB_UNKNOWN = "job_unknown"


@dataclass(frozen=True)
class JobPlacement:
    household_key: str
    adult: int
    job_key: str
    score: float
    parts: tuple[tuple[JobPart, float, str], ...]  # part, value, detail (a language or a profession)


@dataclass(frozen=True)
class JobViolation:
    rule: JobRule
    household_key: str
    adult: int
    job_key: str


def may_work(household: Household, adult: Adult, town: str, job: JobOffer) -> bool:
    return (
        job.town == town
        and job.state == household.destination_state
        and not ({job.key, job.town} & set(household.vetoes))
        and (not job.languages or bool(adult.languages & job.languages))
        and (not job.skills or bool(adult.skills & job.skills))
    )


def job_score(
    adult: Adult, job: JobOffer, weights: JobWeights
) -> tuple[float, tuple[tuple[JobPart, float, str], ...]]:
    parts: list[tuple[JobPart, float, str]] = []
    spoken = sorted(adult.languages & job.languages)
    if spoken:
        parts.append((JobPart.LANGUAGE, weights.language, spoken[0]))
    trained = sorted(adult.skills & job.skills)
    if trained:
        parts.append((JobPart.PROFESSION, weights.profession, trained[0]))
    return weights.base + sum(value for _part, value, _detail in parts), tuple(parts)


def assign_jobs(
    households: Iterable[Household],
    placements: Iterable[Placement],
    towns: dict[str, str],
    jobs: Iterable[JobOffer],
    weights: JobWeights | None = None,
    taken: dict[str, int] | None = None,
) -> tuple[JobPlacement, ...]:
    """The best jobs for the adults of households already given a home; `towns` maps an offer key to its town and
    `taken` a job's key to positions it already fills."""
    weights = weights or JobWeights()
    taken = taken or {}
    by_key = {h.key: h for h in households}
    workers = [
        (by_key[p.household_key], adult, towns[p.offer_key])
        for p in placements
        if p.household_key in by_key
        for adult in adults_of(by_key[p.household_key])
    ]
    offers = list(jobs)
    arcs_a, arcs_j, scores = [], [], []
    for a_index, (household, adult, town) in enumerate(workers):
        for j_index, job in enumerate(offers):
            if may_work(household, adult, town, job):
                arcs_a.append(a_index)
                arcs_j.append(j_index)
                scores.append(job_score(adult, job, weights)[0])
    capacities = [j.positions - taken.get(j.key, 0) for j in offers]
    result = []
    for arc in solvers.solve_units(capacities, arcs_a, arcs_j, scores):
        _household, adult, _town = workers[arcs_a[arc]]
        job = offers[arcs_j[arc]]
        total, parts = job_score(adult, job, weights)
        result.append(JobPlacement(adult.household_key, adult.index, job.key, total, parts))
    result.sort(key=lambda p: (p.household_key, p.adult))
    return tuple(result)


def validate_job_placements(
    households: Iterable[Household],
    placements: Iterable[Placement],
    towns: dict[str, str],
    jobs: Iterable[JobOffer],
    placed: Iterable[tuple[str, int, str]],
    taken: dict[str, int] | None = None,
) -> list[JobViolation]:
    """Every job rule, checked from the facts alone: (household key, adult index, job key) triples against the
    households' homes (`placements`, `towns`: offer key → town) and what each job offered."""
    by_household = {h.key: h for h in households}
    by_job = {j.key: j for j in jobs}
    home_town = {p.household_key: towns.get(p.offer_key, "") for p in placements}
    filled: dict[str, int] = defaultdict(int)
    jobs_of_adult: dict[tuple[str, int], int] = defaultdict(int)
    violations: list[JobViolation] = []
    for household_key, adult, job_key in placed:
        household, job = by_household.get(household_key), by_job.get(job_key)
        if household is None or job is None or not 0 <= adult < household.adults:
            violations.append(JobViolation(JobRule.JOB_UNKNOWN, household_key, adult, job_key))
            continue
        member = adults_of(household)[adult]
        filled[job_key] += 1
        jobs_of_adult[(household_key, adult)] += 1
        if jobs_of_adult[(household_key, adult)] > 1:
            violations.append(JobViolation(JobRule.ONE_JOB, household_key, adult, job_key))
        if home_town.get(household_key) != job.town:
            violations.append(JobViolation(JobRule.JOB_TOWN, household_key, adult, job_key))
        if job.state.upper() != household.destination_state.upper():
            violations.append(JobViolation(JobRule.JOB_STATE, household_key, adult, job_key))
        if job.key in household.vetoes or job.town in household.vetoes:
            violations.append(JobViolation(JobRule.JOB_VETO, household_key, adult, job_key))
        if job.languages and not member.languages & job.languages:
            violations.append(JobViolation(JobRule.JOB_LANGUAGE, household_key, adult, job_key))
        if job.skills and not member.skills & job.skills:
            violations.append(JobViolation(JobRule.JOB_SKILL, household_key, adult, job_key))
    for job_key, count in filled.items():
        if count + (taken or {}).get(job_key, 0) > by_job[job_key].positions:
            violations.append(JobViolation(JobRule.JOB_CAPACITY, "", -1, job_key))
    return violations
