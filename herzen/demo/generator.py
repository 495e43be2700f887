"""Synthetic households for the demo and for load tests: `generate` plans them and writes them through the
services. The plans (herzen.demo.planning) know nothing of how they are stored."""

import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date

from django.db import transaction

from herzen.core.actor import Actor
from herzen.organisations.models import Organisation

from .planning import plan_households, urgency_of
from .plans import HouseholdPlan, Summary
from .writer import Written, desks_for, write_household


def _count(summary: Summary, plan: HouseholdPlan, written: Written, today: date) -> None:
    members = plan.members
    summary.households += 1
    summary.persons += len(members)
    summary.cases += 1
    summary.notes += len(plan.case.notes)
    summary.documents += sum(len(m.documents) for m in members)
    summary.name_variants += sum(len(m.name_variants) for m in members)
    summary.contact_points += sum(len(m.contacts) for m in members)
    summary.stays += sum(len(m.stays) for m in members)
    summary.entry_refusals += sum(len(m.refusals) for m in members)
    summary.risk_factors += sum(len(m.risk_factors) for m in members)
    for counts, keys in (
        (summary.documents_by_status, [d.status for m in members for d in m.documents]),
        (summary.stays_by_country, [s.country for m in members for s in m.stays]),
        (summary.households_by_urgency, [urgency_of(written.household.earliest_stay_deadline, today)]),
        (summary.cases_by_status, [written.case.status]),
        (summary.cases_by_priority, [written.case.priority_band]),
    ):
        for key, number in Counter(keys).items():
            counts[key] = counts.get(key, 0) + number


def generate(
    *,
    organisations: Sequence[tuple[Organisation, Actor]],
    households: int,
    seed: int,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Write `households` synthetic households, spread over `organisations`, each written by its actor
    (a caseworker or supervisor there); cases go to the organisation's caseworkers and supervisors.

    Deterministic for a seed: the same names, papers, stays and notes (record ids and case references
    are random, as in the app). One outer transaction: all or nothing, and far fewer disk syncs.
    """
    started = time.perf_counter()
    summary = Summary()
    desks = desks_for(organisations)
    plans = plan_households(
        seed=seed,
        households=households,
        today=today,
        organisation_countries=[organisation.country for organisation, _ in organisations],
    )
    with transaction.atomic():
        for number, plan in enumerate(plans, start=1):
            written = write_household(desks[plan.organisation_index], plan)
            _count(summary, plan, written, today)
            if progress is not None:
                progress(number)
    summary.seconds = time.perf_counter() - started
    return summary
