"""A run's plan from the matching core: a read that writes nothing, so a long solve holds no lock.

The job (jobs.py) calls this, then `services.match_run_record` stores the result in one transaction."""

from herzen.core.actor import Actor
from herzen.domain import matching
from herzen.resettlement import selectors
from herzen.resettlement.matching_input import instance_of
from herzen.resettlement.models import HouseholdNeeds, MatchRun


def match_run_plan(
    *, run: MatchRun, actor: Actor
) -> tuple[list[HouseholdNeeds], matching.Result | None, dict]:
    """The run's inputs and the core's plan (a read: nothing is written here, so a long solve holds no lock).

    Returns the pool, the result (None if the validator refused the plan) and the violations by rule."""
    offers = list(run.offers.filter(is_open=True))  # an offer closed since the run was started is not used
    pool = list(selectors.match_pool(actor=actor, country=run.destination_country))
    taken = selectors.places_taken([o.pk for o in offers], exclude_run=run.pk)
    instance = instance_of(pool, offers, taken)
    try:
        return pool, matching.make_plan(instance, matching.EmploymentModel.default(run.weights)), {}
    except matching.PlanRefused as refused:
        return pool, None, matching.violations_by_rule(refused.violations)
