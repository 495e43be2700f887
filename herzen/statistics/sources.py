"""Where each measure's records come from: `(privacy unit, cell)` rows read across the participating
organisations' records, and each measure's public universe of cells.

The release reads every organisation's records (it is the coalition's figure, computed by a job, never shown
unprotected to anyone), so it does not go through an actor's scoped selectors. Each row is one record's
contribution; herzen.domain.statistics.tables.bound_contributions keeps at most the measure's bound per unit.
The universe of cells is public knowledge (the transit countries Herzen has rules for, the shipped pathways
and their decisions): noise is drawn for every cell of it, so that whether a rare cell exists is not
revealed by its appearing; anything outside it is counted in the cell "other".
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from herzen.cases.models import Case
from herzen.domain.risk.stay_rules import DEFAULT_STAY_RULES
from herzen.domain.statistics.measures import Dimension, Measure
from herzen.domain.statistics.tables import CellKey
from herzen.domain.workflow.pathways import SHIPPED
from herzen.pathways.models import Application, ApplicationDecision, ApplicationStateChange
from herzen.people.models import HouseholdMember, Stay

OTHER = "other"
Rows = Iterable[tuple[object, CellKey]]

TRANSIT_COUNTRIES = (*sorted(DEFAULT_STAY_RULES), OTHER)
DESTINATION_COUNTRIES = (*sorted({p.destination_country for p in SHIPPED if p.destination_country}), OTHER)
PATHWAYS = tuple(p.code for p in SHIPPED)
DECISIONS = tuple((p.code, t.name) for p in SHIPPED for t in p.transitions if t.decision)
WAITING_STATES = sorted({s.code for p in SHIPPED for s in p.states if s.waiting_on_authority})
ADMISSION_DECLARED = "admission_declared"


def month_bounds(period: str) -> tuple[date, date]:
    year, month = (int(part) for part in period.split("-"))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def universe(measure: Measure) -> tuple[CellKey, ...]:
    if measure.dimensions == (Dimension.PATHWAY, Dimension.OUTCOME):
        return tuple(sorted(DECISIONS))
    values = {
        Dimension.TRANSIT_COUNTRY: TRANSIT_COUNTRIES,
        Dimension.DESTINATION_COUNTRY: DESTINATION_COUNTRIES,
        Dimension.PATHWAY: PATHWAYS,
    }[measure.dimensions[0]]
    return tuple((value,) for value in values)


def in_universe(key: CellKey, cells: frozenset[CellKey]) -> CellKey:
    return key if key in cells else tuple(OTHER for _ in key)


def _open_stays_on(day: date) -> QuerySet[Stay]:
    return Stay.objects.filter(entry_date__lte=day).filter(Q(exit_date__isnull=True) | Q(exit_date__gte=day))


def _open_case_persons(day: date) -> QuerySet[HouseholdMember]:
    end = _end_of(day)
    # Open on that day: opened before its end and not closed by then (closed_at is set when a case closes).
    open_cases = Case.objects.filter(opened_at__lt=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=end)
    )
    return HouseholdMember.objects.filter(household_id__in=open_cases.values("household_id"))


@dataclass(frozen=True)
class Source:
    """A measure's records as a query: the privacy unit's column and the cell's columns, in the order the
    contribution bound keeps them. `plain_counts` runs the same query as a plain GROUP BY (for comparison)."""

    rows: QuerySet[Any]
    unit: str
    cells: tuple[str, ...]


def open_cases_by_transit_country(first: date, last: date) -> Source:
    persons = _open_case_persons(last).values("person_id")
    stays = _open_stays_on(last).filter(person_id__in=persons).order_by("person_id", "-entry_date")
    return Source(stays, "person_id", ("country",))


def stays_expiring_30_days(first: date, last: date) -> Source:
    stays = _open_stays_on(last).filter(
        legal_deadline__gt=last, legal_deadline__lte=last + timedelta(days=30)
    )
    return Source(stays.order_by("person_id"), "person_id", ("country",))


def persons_arrived_by_transit_country(first: date, last: date) -> Source:
    stays = Stay.objects.filter(entry_date__gte=first, entry_date__lte=last).order_by(
        "person_id", "entry_date"
    )
    return Source(stays, "person_id", ("country",))


def decisions_by_pathway_outcome(first: date, last: date) -> Source:
    decisions = ApplicationDecision.objects.filter(decided_on__gte=first, decided_on__lte=last).order_by(
        "decided_on", "created_at"
    )
    return Source(decisions, "application__case__household_id", ("application__pathway", "transition"))


def admissions_declared(first: date, last: date) -> Source:
    changes = ApplicationStateChange.objects.filter(
        to_state=ADMISSION_DECLARED, occurred_at__gte=_start_of(first), occurred_at__lt=_end_of(last)
    ).order_by("occurred_at")
    return Source(changes, "application__case__household_id", ("application__destination_country",))


def applications_started_by_pathway(first: date, last: date) -> Source:
    applications = Application.objects.filter(
        created_at__gte=_start_of(first), created_at__lt=_end_of(last)
    ).order_by("created_at")
    return Source(applications, "case__household_id", ("pathway",))


def waiting_on_authority_by_destination(first: date, last: date) -> Source:
    state_then = (
        ApplicationStateChange.objects.filter(application=OuterRef("pk"), occurred_at__lt=_end_of(last))
        .order_by("-occurred_at")
        .values("to_state")[:1]
    )
    applications = (
        Application.objects.filter(created_at__lt=_end_of(last))
        .annotate(state_then=Subquery(state_then))
        .filter(state_then__in=WAITING_STATES)
        .order_by("case__household_id", "created_at")
    )
    return Source(applications, "case__household_id", ("destination_country",))


def cases_opened_by_transit_country(first: date, last: date) -> Source:
    country_then = (
        _open_stays_on(last)
        .filter(person__household_membership__household_id=OuterRef("household_id"))
        .order_by("entry_date")
        .values("country")[:1]
    )
    cases = (
        Case.objects.filter(opened_at__gte=_start_of(first), opened_at__lt=_end_of(last))
        .annotate(country_then=Subquery(country_then))
        .order_by("opened_at")
    )
    return Source(cases, "household_id", ("country_then",))


SOURCES: dict[str, Callable[[date, date], Source]] = {
    "open_cases_by_transit_country": open_cases_by_transit_country,
    "decisions_by_pathway_outcome": decisions_by_pathway_outcome,
    "admissions_declared": admissions_declared,
    "stays_expiring_30_days": stays_expiring_30_days,
    "applications_started_by_pathway": applications_started_by_pathway,
    "waiting_on_authority_by_destination": waiting_on_authority_by_destination,
    "cases_opened_by_transit_country": cases_opened_by_transit_country,
    "persons_arrived_by_transit_country": persons_arrived_by_transit_country,
}


def source_of(measure: Measure, period: str) -> Source:
    first, last = month_bounds(period)
    return SOURCES[measure.key](first, last)


def rows_of(measure: Measure, period: str) -> Iterator[tuple[object, CellKey]]:
    source = source_of(measure, period)
    cells = frozenset(universe(measure))
    for unit, *values in source.rows.values_list(source.unit, *source.cells).iterator(chunk_size=5000):
        yield unit, in_universe(tuple(value or OTHER for value in values), cells)


def bounded_counts(measure: Measure, period: str, linkage_id: object | None = None) -> dict[CellKey, int]:
    """The measure's counts with at most `contribution_bound` records per privacy unit, bounded and counted in
    the database: a window numbers each unit's records and only the first `bound` are grouped. Which of a
    unit's records are kept is the database's choice; the bound, and so the sensitivity, holds either way.

    With a linkage round, a person (or household) found in several organisations is one unit: its records in
    all of them share one bound, so a person known to two organisations is counted once."""
    from herzen.statistics.models import LinkedUnit

    source = source_of(measure, period)
    names = [f"cell_{index}" for index in range(len(source.cells))]
    inner = source.rows.annotate(
        unit_key=F(source.unit), **{name: F(column) for name, column in zip(names, source.cells, strict=True)}
    ).values_list("unit_key", *names)
    sql, params = inner.query.sql_with_params()
    columns = ", ".join(names)
    unit, join, join_params = "unit_key", "", []
    if linkage_id is not None:
        unit = "COALESCE(linked.canonical_id, records.unit_key)"
        join = (
            f" LEFT JOIN {LinkedUnit._meta.db_table} AS linked ON linked.round_id = %s AND linked.kind = %s "
            "AND linked.unit_id = records.unit_key"
        )
        round_field = LinkedUnit._meta.get_field("round")
        join_params = [round_field.get_db_prep_value(linkage_id, connection), measure.privacy_unit.value]
    selected = ", ".join(f"records.{name}" for name in names)
    query = (
        f"SELECT {columns}, COUNT(*) FROM (SELECT {selected}, ROW_NUMBER() OVER (PARTITION BY {unit}) AS n "  # noqa: S608 - our own column names
        f"FROM ({sql}) AS records{join}) AS numbered WHERE n <= %s GROUP BY {columns}"
    )
    cells = frozenset(universe(measure))
    counted: dict[CellKey, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, *join_params, measure.contribution_bound])
        for *values, units in cursor.fetchall():
            key = in_universe(tuple(value or OTHER for value in values), cells)
            counted[key] = counted.get(key, 0) + units
    return counted


def plain_counts(measure: Measure, period: str) -> dict[CellKey, int]:
    """The same records as one GROUP BY, distinct units per cell, no bound and no noise: internal only (the
    benchmark's reference), never published."""
    source = source_of(measure, period)
    grouped = source.rows.order_by().values(*source.cells).annotate(units=Count(source.unit, distinct=True))
    return {tuple(row[c] or OTHER for c in source.cells): row["units"] for row in grouped}
