"""A release's tables: each measure's records bounded per person, counted over the measure's public cells,
noised by OpenDP and post-processed (herzen.domain.statistics.privacy.publish)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from herzen.domain.statistics.measures import Measure, available_measures, measure
from herzen.domain.statistics.privacy import publish, split_epsilon
from herzen.domain.statistics.tables import Counts, PublishedCell, PublishedTable
from herzen.statistics.noise import noisy_counts
from herzen.statistics.sources import bounded_counts, universe


def exact_counts(item: Measure, period: str, linkage_id: object | None = None) -> Counts:
    """Internal only: what the records give before noise, each unit's contributions bounded (in the database,
    herzen.statistics.sources.bounded_counts), persons found in several organisations counted as one when a
    linkage round is given. Never stored and never shown."""
    return Counts(
        item, bounded_counts(item, period, linkage_id), distinct_across_organisations=linkage_id is not None
    )


def release_tables(
    period: str,
    epsilon: float,
    measures: Sequence[Measure] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    linkage_id: object | None = None,
    linked_organisations: int = 0,
) -> list[PublishedTable]:
    chosen = list(measures if measures is not None else available_measures())
    shares = split_epsilon(epsilon, chosen)
    tables = []
    for done, item in enumerate(chosen, start=1):
        counts = exact_counts(item, period, linkage_id)
        keys = universe(item)
        values, margin = noisy_counts(item, shares[item.key], [counts.cells.get(key, 0) for key in keys])
        tables.append(
            publish(
                item,
                period,
                shares[item.key],
                dict(zip(keys, values, strict=True)),
                margin,
                distinct_across_organisations=counts.distinct_across_organisations,
                linked_organisations=linked_organisations,
            )
        )
        if progress is not None:
            progress(done, len(chosen))
    return tables


def table_as_json(table: PublishedTable) -> dict[str, Any]:
    return {
        "measure": table.measure.key,
        "period": table.period,
        "epsilon": table.epsilon,
        "distinct": table.distinct_across_organisations,
        "linked_organisations": table.linked_organisations,
        "suppressed_cells": table.suppressed_cells,
        "cells": [
            {"key": list(c.key), "value": c.value, "error95": c.error95, "merged_from": c.merged_from}
            for c in table.cells
        ],
    }


def table_from_json(data: dict[str, Any]) -> PublishedTable:
    item = measure(data["measure"])
    cells = tuple(
        PublishedCell(item.key, tuple(c["key"]), c["value"], c["error95"], c["merged_from"])
        for c in data["cells"]
    )
    return PublishedTable(
        item,
        data["period"],
        data["epsilon"],
        cells,
        data["distinct"],
        data["suppressed_cells"],
        data.get("linked_organisations", 0),
    )
