"""Counts and published tables, each bound to one measure.

`Counts` are exact and internal (never published): what one organisation's records give for one measure.
Counts of the same measure from several organisations may be added (`Counts.__add__`); counts of two
measures may not — adding crossings to residents is how 650,000 and 920,000 end up in one sum. A
`PublishedTable` is built from one measure's noisy counts only (herzen.domain.statistics.privacy.publish),
and its constructor refuses a cell of another measure.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from herzen.domain.statistics.measures import Measure

CellKey = tuple[str, ...]
# The cell that holds the sum of the cells too small to publish on their own.
MERGED_KEY: CellKey = ("*",)


class MixedMeasures(TypeError):
    """Two measures were about to be added in one table."""


@dataclass(frozen=True)
class Counts:
    measure: Measure
    cells: Mapping[CellKey, int]
    # Whether one person known to two organisations is counted once (coalition linkage ran) or per file.
    distinct_across_organisations: bool = False

    def __post_init__(self) -> None:
        width = len(self.measure.dimensions)
        for key, value in self.cells.items():
            if len(key) != width:
                raise ValueError(f"a cell of {self.measure.key} has {width} dimensions, not {len(key)}")
            if value < 0:
                raise ValueError("a count is never negative")

    def __add__(self, other: object) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        if other.measure.key != self.measure.key:
            raise MixedMeasures(f"{self.measure.key} and {other.measure.key} measure different things")
        total: Counter[CellKey] = Counter(self.cells)
        total.update(other.cells)
        # Per-organisation counts added together count a person known to both twice.
        return Counts(self.measure, dict(total), distinct_across_organisations=False)


def bound_contributions(
    measure: Measure, rows: Iterable[tuple[Hashable, CellKey]], *, distinct: bool = False
) -> Counts:
    """Count `(unit, cell)` rows, keeping at most `measure.contribution_bound` rows per privacy unit (the
    first ones, in the order given), so that removing one unit changes the table by at most the bound."""
    kept: Counter[Hashable] = Counter()
    cells: Counter[CellKey] = Counter()
    for unit, cell in rows:
        if kept[unit] >= measure.contribution_bound:
            continue
        kept[unit] += 1
        cells[cell] += 1
    return Counts(measure, dict(cells), distinct_across_organisations=distinct)


@dataclass(frozen=True)
class PublishedCell:
    measure_key: str
    key: CellKey
    value: int | None  # None: suppressed, because its noise would exceed half its value
    error95: int  # the 95 % margin of error, in the measure's unit
    merged_from: int = 0  # for MERGED_KEY: how many small cells it holds

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def is_merged(self) -> bool:
        return self.key == MERGED_KEY


@dataclass(frozen=True)
class PublishedTable:
    measure: Measure
    period: str  # "2026-11"
    epsilon: float
    cells: tuple[PublishedCell, ...]
    distinct_across_organisations: bool
    suppressed_cells: int = field(default=0)
    # How many organisations' persons were linked before counting (0: counted per organisation).
    linked_organisations: int = field(default=0)

    def __post_init__(self) -> None:
        for cell in self.cells:
            if cell.measure_key != self.measure.key:
                raise MixedMeasures(f"a cell of {cell.measure_key} in a table of {self.measure.key}")

    @property
    def total(self) -> int:
        """The sum of the cells published: consistent with its parts by construction."""
        return sum(cell.value for cell in self.cells if cell.value is not None)

    @property
    def total_error95(self) -> int:
        """Margin of the total: the cells' noises are independent, so the margins add in quadrature (the
        cells' margins are each exact 95 % bounds; their root-sum-square is an approximation)."""
        squares = sum(cell.error95**2 for cell in self.cells if cell.value is not None)
        return round(math.sqrt(squares))

    @property
    def total_covers_everything(self) -> bool:
        return all(cell.value is not None for cell in self.cells)

    def __add__(self, other: object) -> PublishedTable:
        # Published tables are never added: not two measures, and not one measure twice (the noise and the
        # suppression differ, and the sum's error would be stated nowhere).
        raise MixedMeasures("published tables are never added together")
