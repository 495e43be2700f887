"""A run's plan from the matching core: a read that writes nothing, so a long solve holds no lock.

The job (jobs.py) calls this, then `services.match_run_record` stores the result in one transaction."""

from dataclasses import dataclass, field

from herzen.core.actor import Actor
from herzen.domain import matching
from herzen.resettlement import selectors
from herzen.resettlement.matching_input import household_of, instance_of
from herzen.resettlement.models import HouseholdNeeds, MatchRun, RunPolicy


@dataclass
class Planned:
    """The households the run proposes to, the core's result (None if the validator refused the plan), the
    violations by rule, and (dynamic policy) the price per person at which each offer's room is kept."""

    pool: list[HouseholdNeeds]
    result: matching.Result | None
    violations: dict[str, int] = field(default_factory=dict)
    reserved: dict[str, float] = field(default_factory=dict)


def match_run_plan(*, run: MatchRun, actor: Actor) -> Planned:
    """The run's inputs and the core's plan (a read: nothing is written here, so a long solve holds no lock)."""
    offers = list(run.offers.filter(is_open=True))  # an offer closed since the run was started is not used
    pool = list(selectors.match_pool(actor=actor, country=run.destination_country))
    taken = selectors.places_taken([o.pk for o in offers], exclude_run=run.pk)
    model = matching.EmploymentModel.default(run.weights)
    try:
        if run.policy != RunPolicy.DYNAMIC:
            return Planned(pool, matching.make_plan(instance_of(pool, offers, taken), model))
        arriving = set(run.arrivals.values_list("pk", flat=True))
        batch = [needs for needs in pool if needs.case_id in arriving]
        expected = selectors.expected_arrivals(actor=actor, country=run.destination_country)
        later = tuple(household_of(needs) for needs in expected if needs.case_id not in arriving)
        dynamic = matching.make_dynamic_plan(instance_of(batch, offers, taken), later, model)
        return Planned(batch, dynamic.result, reserved=dynamic.reserved)
    except matching.PlanRefused as refused:
        return Planned(pool, None, matching.violations_by_rule(refused.violations))
