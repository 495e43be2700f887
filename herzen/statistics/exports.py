"""Downloads of a published table: CSV and XLSX with an HXL hashtag row, and the HDX metadata of a release.

One file per measure (a file never holds two measures). Texts in the files are the canonical English
definitions of herzen.domain.statistics.measures, so that the files of every language are the same data.
Every row repeats what the figure measures, its margin, how it was counted and its source, so a row copied
out of the file still says what it is.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from openpyxl import Workbook

from herzen.domain.statistics.linkage_keys import MEASURED_PRECISION, MEASURED_RECALL, linkage_error_share
from herzen.domain.statistics.measures import Dimension, Measure, Unit
from herzen.domain.statistics.privacy import METHOD
from herzen.domain.statistics.tables import PublishedTable
from herzen.statistics.sources import month_bounds

LICENCE = "cc-by-4.0"
UPDATE_FREQUENCY_DAYS = "30"
PER_ORGANISATION = "Counted per organisation; one person may be counted more than once."
CAVEATS = (
    "These figures count what the participating organisations' case records show: they are not estimates of "
    "how many people left Russia, and must not be added to border crossings, entries, permits or visas, nor "
    "to one another. Unless the table says otherwise, a person known to several organisations is counted by "
    "each. Every figure carries random noise (differential privacy); its 95 % margin is given beside it. "
    "Smaller figures are merged or suppressed."
)
_DIMENSION_TAGS = {
    Dimension.TRANSIT_COUNTRY: "#country+code+transit",
    Dimension.DESTINATION_COUNTRY: "#country+code+destination",
    Dimension.PATHWAY: "#indicator+pathway",
    Dimension.OUTCOME: "#indicator+outcome",
    Dimension.CHANNEL: "#indicator+channel",
}


def _columns(measure: Measure) -> list[tuple[str, str]]:
    return [
        ("Measure", "#indicator+code"),
        ("Name", "#indicator+name"),
        ("Definition", "#description"),
        ("Unit", "#indicator+unit"),
        ("Month", "#date+period"),
        ("Date", "#date+reference"),
        ("Geography", "#meta+geography"),
        *(
            (dimension.value.replace("_", " ").capitalize(), _DIMENSION_TAGS[dimension])
            for dimension in measure.dimensions
        ),
        ("Value", measure.hxl_tag),
        ("Margin of error (95 %)", "#meta+error95"),
        ("Suppressed", "#meta+suppressed"),
        ("Counting", "#meta+counting"),
        ("Source", "#meta+source"),
        ("Method", "#meta+method"),
    ]


def counting(table: PublishedTable) -> str:
    """The canonical English statement of how people are counted across organisations (texts.counting_text
    says the same in the page's language)."""
    if not table.distinct_across_organisations:
        return PER_ORGANISATION
    rates = (
        f"privacy-preserving linkage; estimated precision {MEASURED_PRECISION * 100:.1f} %, "
        f"recall {MEASURED_RECALL * 100:.1f} %"
    )
    if table.measure.unit in (Unit.PERSONS, Unit.HOUSEHOLDS):
        return (
            f"Persons counted once across {table.linked_organisations} organisations ({rates}). Linkage errors "
            f"may move each figure by up to about {linkage_error_share() * 100:.1f} %, besides the margin shown."
        )
    return (
        f"Households linked across {table.linked_organisations} organisations ({rates}), so each household's "
        "records are bounded once; an application followed by two organisations is still counted by each."
    )


def rows(table: PublishedTable) -> list[list[Any]]:
    measure = table.measure
    columns = _columns(measure)
    out: list[list[Any]] = [[name for name, _tag in columns], [tag for _name, tag in columns]]
    for cell in table.cells:
        key = list(cell.key) if not cell.is_merged else ["*"] * len(measure.dimensions)
        out.append(
            [
                measure.key,
                measure.name,
                measure.definition
                + (f" (merged from {cell.merged_from} smaller figures)" if cell.is_merged else ""),
                measure.unit.value,
                table.period,
                measure.reference.value,
                measure.geography,
                *key,
                "" if cell.value is None else cell.value,
                cell.error95,
                "yes" if cell.value is None else "no",
                counting(table),
                measure.source,
                METHOD,
            ]
        )
    return out


def as_csv(table: PublishedTable) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows(table))
    return buffer.getvalue()


def metadata(tables: list[PublishedTable], period: str, epsilon: float) -> dict[str, Any]:
    """The HDX dataset fields (licence, methodology, caveats, expected update frequency) of one release."""
    first, last = month_bounds(period)
    return {
        "name": f"herzen-statistics-{period}",
        "title": f"Herzen coalition statistics, {period}",
        "notes": "Monthly privacy-protected counts from the case records of organisations helping people "
        "persecuted in Russia. Each table is one measure; see each row's definition.",
        "dataset_source": "Case records of the organisations using Herzen",
        "license_id": LICENCE,
        "methodology": "Other",
        "methodology_other": METHOD + f" This release spent ε = {epsilon:g}.",
        "caveats": " ".join([CAVEATS, *dict.fromkeys(counting(t) for t in tables)]),
        "data_update_frequency": UPDATE_FREQUENCY_DAYS,
        "dataset_date": f"[{first.isoformat()}T00:00:00 TO {last.isoformat()}T23:59:59]",
        "tags": ["refugees", "asylum", "migration", "hxl"],
        "measures": [
            {
                "key": t.measure.key,
                "name": t.measure.name,
                "definition": t.measure.definition,
                "unit": t.measure.unit.value,
                "contribution_bound": t.measure.contribution_bound,
                "privacy_unit": t.measure.privacy_unit.value,
                "epsilon": t.epsilon,
                "counting": counting(t),
            }
            for t in tables
        ],
    }


def as_xlsx(table: PublishedTable, release_epsilon: float) -> bytes:
    book = Workbook()
    data = book.active
    assert data is not None
    data.title = "data"
    for row in rows(table):
        data.append(row)
    sheet = book.create_sheet("metadata")
    for key, value in metadata([table], table.period, release_epsilon).items():
        sheet.append([key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
