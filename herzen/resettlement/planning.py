"""A run's plan from the matching core: a read that writes nothing, so a long solve holds no lock.

The job (jobs.py) calls this, then `services.match_run_record` stores the result in one transaction."""

from collections import Counter
from dataclasses import dataclass, field

from herzen.core.actor import Actor
from herzen.domain import matching
from herzen.domain.matching import jobs, sponsors
from herzen.resettlement import selectors
from herzen.resettlement.matching_input import household_of, instance_of, job_offer_of, sponsorship_of
from herzen.resettlement.models import HouseholdNeeds, MatchRun, Offer, OfferKind, RunPolicy


@dataclass
class Planned:
    """The households the run proposes to, the core's result (None if the validator refused the plan), the
    violations by rule, and (dynamic policy) the price per person at which each offer's room is kept."""

    pool: list[HouseholdNeeds]
    result: matching.Result | None
    violations: dict[str, int] = field(default_factory=dict)
    reserved: dict[str, float] = field(default_factory=dict)
    # Per household key: its sponsor, assigned after the homes in the home's town.
    sponsored: dict[str, sponsors.SponsorPlacement] = field(default_factory=dict)
    # Per household key: its adults' jobs, assigned after the homes (and sponsors) in the home's town.
    employed: dict[str, tuple[jobs.JobPlacement, ...]] = field(default_factory=dict)


def match_run_plan(*, run: MatchRun, actor: Actor) -> Planned:
    """The run's inputs and the core's plan (a read: nothing is written here, so a long solve holds no lock)."""
    offers = list(run.offers.filter(is_open=True))  # an offer closed since the run was started is not used
    pool = list(selectors.match_pool(actor=actor, country=run.destination_country))
    taken = selectors.places_taken([o.pk for o in offers], exclude_run=run.pk)
    model = matching.EmploymentModel.default(run.weights)
    try:
        if run.policy != RunPolicy.DYNAMIC:
            planned = Planned(pool, matching.make_plan(instance_of(pool, offers, taken), model))
        else:
            arriving = set(run.arrivals.values_list("pk", flat=True))
            batch = [needs for needs in pool if needs.case_id in arriving]
            expected = selectors.expected_arrivals(actor=actor, country=run.destination_country)
            later = tuple(household_of(needs) for needs in expected if needs.case_id not in arriving)
            dynamic = matching.make_dynamic_plan(instance_of(batch, offers, taken), later, model)
            planned = Planned(batch, dynamic.result, reserved=dynamic.reserved)
    except matching.PlanRefused as refused:
        return Planned(pool, None, matching.violations_by_rule(refused.violations))
    return _with_jobs(_with_sponsors(planned, offers, run), offers, run)


def _with_sponsors(planned: Planned, offers: list[Offer], run: MatchRun) -> Planned:
    """Sponsors for the households given a home, checked by their own validator (a broken rule refuses the run)."""
    sponsorships = [sponsorship_of(o) for o in offers if o.kind == OfferKind.SPONSORSHIP]
    if planned.result is None or not sponsorships:
        return planned
    households = [household_of(needs) for needs in planned.pool]
    homes = planned.result.plan.placements
    towns = {str(o.pk): o.town for o in offers}
    taken = selectors.sponsorships_taken([o.pk for o in offers], exclude_run=run.pk)
    assigned = sponsors.assign_sponsorships(households, homes, towns, sponsorships, taken=taken)
    pairs = [(a.household_key, a.sponsorship_key) for a in assigned]
    broken = sponsors.validate_sponsorships(households, homes, towns, sponsorships, pairs, taken)
    if broken:
        return Planned(planned.pool, None, dict(Counter(str(violation.rule) for violation in broken)))
    planned.sponsored = {a.household_key: a for a in assigned}
    return planned


def _with_jobs(planned: Planned, offers: list[Offer], run: MatchRun) -> Planned:
    """Jobs for the adults of the households given a home, checked by their own validator (a broken rule refuses
    the run, as the homes' and the sponsors' do)."""
    job_offers = [job_offer_of(o) for o in offers if o.kind == OfferKind.JOB]
    if planned.result is None or not job_offers:
        return planned
    households = [household_of(needs) for needs in planned.pool]
    homes = planned.result.plan.placements
    towns = {str(o.pk): o.town for o in offers}
    taken = selectors.positions_taken([o.pk for o in offers], exclude_run=run.pk)
    assigned = jobs.assign_jobs(households, homes, towns, job_offers, taken=taken)
    triples = [(a.household_key, a.adult, a.job_key) for a in assigned]
    broken = jobs.validate_job_placements(households, homes, towns, job_offers, triples, taken)
    if broken:
        return Planned(planned.pool, None, dict(Counter(str(violation.rule) for violation in broken)))
    by_household: dict[str, list[jobs.JobPlacement]] = {}
    for placement in assigned:
        by_household.setdefault(placement.household_key, []).append(placement)
    planned.employed = {key: tuple(placements) for key, placements in by_household.items()}
    return planned
