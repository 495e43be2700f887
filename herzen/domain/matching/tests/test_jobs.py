"""Job placements are the third stage: adults of housed households take jobs in their home's town, never more
than a job's positions, only where they speak a required language and have a required skill; the validator finds
every broken job rule on its own, and on small random instances the assignment is as good as brute force."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from herzen.domain.matching import Household, Placement
from herzen.domain.matching.jobs import (
    JobOffer,
    JobPart,
    JobRule,
    JobWeights,
    adults_of,
    assign_jobs,
    job_score,
    may_work,
    validate_job_placements,
)

DEV = Household(
    key="dev",
    adults=2,
    children=1,
    destination_state="DE",
    languages=frozenset({"de", "ru"}),
    skills=frozenset({"software developer"}),
)
NURSE = Household(
    key="nurse",
    adults=1,
    children=0,
    destination_state="DE",
    languages=frozenset({"ru"}),
    skills=frozenset({"nurse"}),
)
PICKY = Household(
    key="picky",
    adults=1,
    children=0,
    destination_state="DE",
    languages=frozenset({"de"}),
    skills=frozenset({"nurse"}),
    vetoes=frozenset({"j-care"}),
)
HOMES = (
    Placement("dev", "flat-l", 3, 1),
    Placement("nurse", "flat-l", 1, 0),
    Placement("picky", "flat-l", 1, 0),
)
TOWNS = {"flat-l": "Leipzig", "flat-d": "Dresden"}
JOBS = (
    JobOffer(
        key="j-soft",
        town="Leipzig",
        state="DE",
        positions=1,
        languages=frozenset({"de"}),
        skills=frozenset({"software developer"}),
    ),
    JobOffer(key="j-care", town="Leipzig", state="DE", positions=2, skills=frozenset({"nurse"})),
    JobOffer(key="j-ru", town="Leipzig", state="DE", positions=5, languages=frozenset({"ru"})),
    JobOffer(key="j-dresden", town="Dresden", state="DE", positions=5),
)


def test_each_adult_gets_a_job_that_fits_in_the_homes_town_and_no_job_is_overfilled() -> None:
    placed = assign_jobs((DEV, NURSE, PICKY), HOMES, TOWNS, JOBS)
    triples = {(p.household_key, p.adult, p.job_key) for p in placed}
    # One developer position (German and software): one adult of "dev" takes it, the other a Russian-speaking job;
    # the nurse takes the care job; "picky" ruled the care job out and speaks no Russian: nothing fits.
    assert {(h, j) for h, _a, j in triples} == {("dev", "j-soft"), ("dev", "j-ru"), ("nurse", "j-care")}
    assert len({(h, a) for h, a, _j in triples}) == 3  # one job per adult
    assert not any(j == "j-dresden" for _h, _a, j in triples)
    soft = next(p for p in placed if p.job_key == "j-soft")
    assert [(part, detail) for part, _value, detail in soft.parts] == [
        (JobPart.LANGUAGE, "de"),
        (JobPart.PROFESSION, "software developer"),
    ]
    assert validate_job_placements((DEV, NURSE, PICKY), HOMES, TOWNS, JOBS, triples) == []


def test_positions_held_elsewhere_are_not_given_twice() -> None:
    placed = assign_jobs((DEV, NURSE, PICKY), HOMES, TOWNS, JOBS, taken={"j-soft": 1, "j-care": 2, "j-ru": 5})
    assert placed == ()


def test_the_validator_names_every_broken_job_rule() -> None:
    wrong = [
        ("dev", 0, "j-dresden"),  # the home is in Leipzig
        ("dev", 1, "j-care"),  # not a nurse
        ("nurse", 0, "j-soft"),  # speaks no German, no developer
        ("nurse", 0, "j-ru"),  # a second job for the same adult
        ("picky", 0, "j-care"),  # vetoed
        ("dev", 2, "j-ru"),  # "dev" has two adults
        ("ghost", 0, "j-ru"),
    ]
    wrong_state = JobOffer(key="j-fr", town="Leipzig", state="FR", positions=0)
    rules = {
        v.rule
        for v in validate_job_placements(
            (DEV, NURSE, PICKY), HOMES, TOWNS, (*JOBS, wrong_state), [*wrong, ("dev", 0, "j-fr")]
        )
    }
    assert rules == set(JobRule)


# Small random instances: 1–3 housed households of 1–2 adults in two towns, 1–3 jobs.
LANGS = st.frozensets(st.sampled_from(["de", "ru", "en"]), max_size=2)
SKILLS = st.frozensets(st.sampled_from(["nurse", "welder"]), max_size=1)
TOWN = st.sampled_from(["A", "B"])


@st.composite
def job_instances(draw: st.DrawFn) -> tuple[list[Household], list[Placement], list[JobOffer], dict[str, int]]:
    households, homes = [], []
    for index in range(draw(st.integers(1, 3))):
        key = f"h{index}"
        vetoes = draw(st.frozensets(st.sampled_from(["j0", "j1", "B"]), max_size=1))
        households.append(
            Household(
                key=key,
                adults=draw(st.integers(1, 2)),
                children=0,
                destination_state=draw(st.sampled_from(["DE", "DE", "FR"])),
                languages=draw(LANGS),
                skills=draw(SKILLS),
                vetoes=vetoes,
            )
        )
        homes.append(Placement(key, draw(TOWN), 1, 0))
    jobs = [
        JobOffer(
            key=f"j{index}",
            town=draw(TOWN),
            state="DE",
            positions=draw(st.integers(0, 2)),
            languages=draw(LANGS),
            skills=draw(SKILLS),
        )
        for index in range(draw(st.integers(1, 3)))
    ]
    taken = {job.key: draw(st.integers(0, job.positions)) for job in jobs}
    return households, homes, jobs, taken


def brute_force_best(
    households: list[Household], homes: list[Placement], jobs: list[JobOffer], taken: dict[str, int]
) -> float:
    """Every way of giving each adult one job that fits it or none, within positions: the best total."""
    weights = JobWeights()
    home = {p.household_key: p.offer_key for p in homes}
    workers = [(h, adult) for h in households for adult in adults_of(h)]
    options = [[None, *[j for j in jobs if may_work(h, adult, home[h.key], j)]] for h, adult in workers]
    best = 0.0
    for choice in itertools.product(*options):
        filled: dict[str, int] = {}
        for job in choice:
            if job is not None:
                filled[job.key] = filled.get(job.key, 0) + 1
        if any(filled.get(j.key, 0) + taken[j.key] > j.positions for j in jobs):
            continue
        total = sum(
            job_score(adult, job, weights)[0]
            for (_h, adult), job in zip(workers, choice, strict=True)
            if job is not None
        )
        best = max(best, total)
    return best


@settings(max_examples=150, deadline=None)
@given(job_instances())
def test_job_placements_pass_the_validator_and_are_optimal(
    instance: tuple[list[Household], list[Placement], list[JobOffer], dict[str, int]],
) -> None:
    households, homes, jobs, taken = instance
    towns = {town: town for town in ("A", "B")}
    placed = assign_jobs(households, homes, towns, jobs, taken=taken)
    triples = [(p.household_key, p.adult, p.job_key) for p in placed]
    assert validate_job_placements(households, homes, towns, jobs, triples, taken) == []
    total = sum(p.score for p in placed)
    assert abs(total - brute_force_best(households, homes, jobs, taken)) < 1e-6
