"""What the pages say about each measure, translated: its name, definition, unit, date and geography.

The English canonical texts live in herzen.domain.statistics.measures (and go into the CSV and the HDX
metadata); tests check that every measure has its translated texts here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from herzen.domain.statistics.linkage_keys import MEASURED_PRECISION, MEASURED_RECALL, linkage_error_share
from herzen.domain.statistics.measures import Dimension, Measure, Reference, Unit
from herzen.domain.statistics.tables import MERGED_KEY, CellKey, PublishedTable
from herzen.pathways.labels import MOVE_LABELS, PATHWAY_NAMES, label
from herzen.statistics.sources import OTHER


@dataclass(frozen=True)
class MeasureText:
    name: Promise
    definition: Promise


MEASURE_TEXTS: dict[str, MeasureText] = {
    "open_cases_by_transit_country": MeasureText(
        _("Persons with an open case, by transit country"),
        _(
            "Persons who are members of a household whose case is open on the last day of the month, by the "
            "country of their stay open on that day. Each person is counted once."
        ),
    ),
    "decisions_by_pathway_outcome": MeasureText(
        _("Applications decided, by pathway and outcome"),
        _(
            "Decisions by an authority recorded during the month, by the application's pathway and the "
            "decision. At most two decisions per household per month are counted."
        ),
    ),
    "admissions_declared": MeasureText(
        _("Admissions declared, by destination country"),
        _(
            "Applications whose admission was declared by the destination's authority during the month (a "
            "declaration of admission, not an entry and not a residence title). At most one per household."
        ),
    ),
    "stays_expiring_30_days": MeasureText(
        _("Legal stays expiring within 30 days, by transit country"),
        _(
            "Persons whose stay open on the last day of the month has its last legal day within the "
            "following 30 days, by the country of that stay."
        ),
    ),
    "applications_started_by_pathway": MeasureText(
        _("Applications started, by pathway"),
        _("Applications opened during the month, by pathway. At most two per household per month."),
    ),
    "waiting_on_authority_by_destination": MeasureText(
        _("Applications waiting on an authority, by destination country"),
        _(
            "Applications that, on the last day of the month, wait on an authority's answer, by destination "
            "country. At most two per household."
        ),
    ),
    "cases_opened_by_transit_country": MeasureText(
        _("Households whose case was opened, by transit country"),
        _(
            "Households whose case was opened during the month, by the transit country of the household's "
            "first member with an open stay. Each household is counted once."
        ),
    ),
    "persons_arrived_by_transit_country": MeasureText(
        _("Persons who entered a transit country, by country"),
        _(
            "Persons with a stay whose entry date falls in the month, by the country of that stay: persons "
            "who arrived, not border crossings. Each person is counted once."
        ),
    ),
    "payouts_by_channel": MeasureText(
        _("Payouts made, by channel"),
        _("Payments of aid made to persons during the month, by payment channel."),
    ),
}

UNIT_LABELS: dict[Unit, Promise] = {
    Unit.PERSONS: _("persons"),
    Unit.HOUSEHOLDS: _("households"),
    Unit.APPLICATIONS: _("applications"),
    Unit.DECISIONS: _("decisions"),
    Unit.PAYOUTS: _("payouts"),
}
REFERENCE_LABELS: dict[Reference, Promise] = {
    Reference.MONTH_END: _("on the last day of the month"),
    Reference.DURING_MONTH: _("during the month"),
}
DIMENSION_LABELS: dict[Dimension, Promise] = {
    Dimension.TRANSIT_COUNTRY: _("Transit country"),
    Dimension.DESTINATION_COUNTRY: _("Destination country"),
    Dimension.PATHWAY: _("Pathway"),
    Dimension.OUTCOME: _("Decision"),
    Dimension.CHANNEL: _("Payment channel"),
}
SOURCE_TEXT = _("Case records of the organisations using Herzen (not border, visa or census data)")
PER_ORGANISATION = _("Counted per organisation; one person may be counted more than once.")
METHOD_TEXT = _(
    "Differential privacy with OpenDP's discrete Laplace mechanism. Each person or household contributes at "
    "most the stated number of records; each release spends at most ε = 1, and a year at most ε = 4. The "
    "margin shown is the 95 % error of each figure. Figures whose margin would exceed half their value are "
    "merged into one cell, which is suppressed if it is still too small; totals are the sums of the figures "
    "shown. Counts are rounded to whole non-negative numbers."
)


def measure_name(measure: Measure) -> str:
    return str(MEASURE_TEXTS[measure.key].name)


def measure_definition(measure: Measure) -> str:
    return str(MEASURE_TEXTS[measure.key].definition)


def _value_label(dimension: Dimension, value: str) -> str:
    if value == OTHER:
        return _g("Other")
    if dimension in (Dimension.TRANSIT_COUNTRY, Dimension.DESTINATION_COUNTRY):
        return str(countries.name(value)) or value
    if dimension == Dimension.PATHWAY:
        return label(PATHWAY_NAMES, value)
    if dimension == Dimension.OUTCOME:
        return label(MOVE_LABELS, value)
    return value


def cell_label(measure: Measure, key: CellKey) -> str:
    if key == MERGED_KEY:
        return _g("Smaller figures, merged")
    return " · ".join(_value_label(d, v) for d, v in zip(measure.dimensions, key, strict=True))


def _percent(share: float) -> str:
    return f"{number_format(share * 100, decimal_pos=1)} %"


def counting_text(table: PublishedTable) -> str:
    """How the table counts people across organisations, with the linkage's own error when it ran."""
    if not table.distinct_across_organisations:
        return str(PER_ORGANISATION)
    values = {
        "organisations": table.linked_organisations,
        "precision": _percent(MEASURED_PRECISION),
        "recall": _percent(MEASURED_RECALL),
        "error": _percent(linkage_error_share()),
    }
    if table.measure.unit in (Unit.PERSONS, Unit.HOUSEHOLDS):
        return (
            ngettext(
                "Persons counted once across %(organisations)s organisation (privacy-preserving linkage; estimated "
                "precision %(precision)s, recall %(recall)s). Linkage errors may move each figure by up to about "
                "%(error)s, besides the margin shown.",
                "Persons counted once across %(organisations)s organisations (privacy-preserving linkage; estimated "
                "precision %(precision)s, recall %(recall)s). Linkage errors may move each figure by up to about "
                "%(error)s, besides the margin shown.",
                table.linked_organisations,
            )
            % values
        )
    return (
        ngettext(
            "Households linked across %(organisations)s organisation (privacy-preserving linkage; estimated "
            "precision %(precision)s, recall %(recall)s), so each household's records are bounded once; an "
            "application followed by two organisations is still counted by each.",
            "Households linked across %(organisations)s organisations (privacy-preserving linkage; estimated "
            "precision %(precision)s, recall %(recall)s), so each household's records are bounded once; an "
            "application followed by two organisations is still counted by each.",
            table.linked_organisations,
        )
        % values
    )
