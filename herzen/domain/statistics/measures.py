"""What each published number measures: measures as data.

Estimates of how many people left Russia disagree because they count different things (border crossings,
entries, people still abroad, permits, visas) and then add them. Here every figure belongs to exactly one
`Measure`, which says what is counted (its unit), from which records (source), where (geography), on which
day or over which period (date), how it was protected (method) and how much one person can change it
(contribution bound). A table holds one measure only (herzen.domain.statistics.tables).

The English texts here are the canonical definitions written into CSV files and HDX metadata; the pages
show their translations (herzen.statistics.texts), keyed by `Measure.key`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    PERSONS = "persons"
    HOUSEHOLDS = "households"
    APPLICATIONS = "applications"
    DECISIONS = "decisions"
    PAYOUTS = "payouts"


class PrivacyUnit(StrEnum):
    """Whose presence the noise hides. A household's figures protect each of its members, because removing a
    person changes a household-level count by at most what removing the whole household does."""

    PERSON = "person"
    HOUSEHOLD = "household"


class Reference(StrEnum):
    """When a figure is taken: a stock on the last day of the month, or a flow during the month."""

    MONTH_END = "month_end"
    DURING_MONTH = "during_month"


class Dimension(StrEnum):
    TRANSIT_COUNTRY = "transit_country"
    DESTINATION_COUNTRY = "destination_country"
    PATHWAY = "pathway"
    OUTCOME = "outcome"
    CHANNEL = "channel"


SOURCE = "Case records of the organisations using Herzen (not border, visa or census data)"
GEOGRAPHY_TRANSIT = "Transit country where the person's open stay is recorded (ISO 3166-1)"
GEOGRAPHY_DESTINATION = "Destination country of the application (ISO 3166-1)"
GEOGRAPHY_PAYOUT = "Country of the paying organisation (ISO 3166-1)"


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    definition: str
    unit: Unit
    dimensions: tuple[Dimension, ...]
    reference: Reference
    geography: str
    privacy_unit: PrivacyUnit
    # The most cells (each +1) one privacy unit can add to this measure's table in one release: the L1
    # sensitivity the noise is scaled to. Contributions above it are dropped before counting.
    contribution_bound: int
    source: str = SOURCE
    # A measure declared before its data exist (payouts wait for the aid module): listed, never computed.
    available: bool = True
    hxl_tag: str = "#affected+num"

    def __post_init__(self) -> None:
        if self.contribution_bound < 1:
            raise ValueError("a measure's contribution bound is at least 1")
        if not self.dimensions:
            raise ValueError("a measure is broken down by at least one dimension")


MEASURES: tuple[Measure, ...] = (
    Measure(
        key="open_cases_by_transit_country",
        name="Persons with an open case, by transit country",
        definition=(
            "Persons who are members of a household whose case is open on the last day of the month, by the "
            "country of their stay open on that day. Each person is counted once."
        ),
        unit=Unit.PERSONS,
        dimensions=(Dimension.TRANSIT_COUNTRY,),
        reference=Reference.MONTH_END,
        geography=GEOGRAPHY_TRANSIT,
        privacy_unit=PrivacyUnit.PERSON,
        contribution_bound=1,
        hxl_tag="#affected+ind+refugees",
    ),
    Measure(
        key="decisions_by_pathway_outcome",
        name="Applications decided, by pathway and outcome",
        definition=(
            "Decisions by an authority recorded during the month, by the application's pathway and the "
            "decision. At most two decisions per household per month are counted."
        ),
        unit=Unit.DECISIONS,
        dimensions=(Dimension.PATHWAY, Dimension.OUTCOME),
        reference=Reference.DURING_MONTH,
        geography=GEOGRAPHY_DESTINATION,
        privacy_unit=PrivacyUnit.HOUSEHOLD,
        contribution_bound=2,
        hxl_tag="#output+decisions+num",
    ),
    Measure(
        key="admissions_declared",
        name="Admissions declared, by destination country",
        definition=(
            "Applications whose admission was declared by the destination's authority during the month (a "
            "declaration of admission, not an entry and not a residence title). At most one per household."
        ),
        unit=Unit.APPLICATIONS,
        dimensions=(Dimension.DESTINATION_COUNTRY,),
        reference=Reference.DURING_MONTH,
        geography=GEOGRAPHY_DESTINATION,
        privacy_unit=PrivacyUnit.HOUSEHOLD,
        contribution_bound=1,
        hxl_tag="#output+admissions+num",
    ),
    Measure(
        key="stays_expiring_30_days",
        name="Legal stays expiring within 30 days, by transit country",
        definition=(
            "Persons whose stay open on the last day of the month has its last legal day within the "
            "following 30 days, by the country of that stay."
        ),
        unit=Unit.PERSONS,
        dimensions=(Dimension.TRANSIT_COUNTRY,),
        reference=Reference.MONTH_END,
        geography=GEOGRAPHY_TRANSIT,
        privacy_unit=PrivacyUnit.PERSON,
        contribution_bound=1,
        hxl_tag="#affected+ind+at_risk",
    ),
    Measure(
        key="applications_started_by_pathway",
        name="Applications started, by pathway",
        definition="Applications opened during the month, by pathway. At most two per household per month.",
        unit=Unit.APPLICATIONS,
        dimensions=(Dimension.PATHWAY,),
        reference=Reference.DURING_MONTH,
        geography=GEOGRAPHY_DESTINATION,
        privacy_unit=PrivacyUnit.HOUSEHOLD,
        contribution_bound=2,
        hxl_tag="#output+applications+num",
    ),
    Measure(
        key="waiting_on_authority_by_destination",
        name="Applications waiting on an authority, by destination country",
        definition=(
            "Applications that, on the last day of the month, wait on an authority's answer, by destination "
            "country. At most two per household."
        ),
        unit=Unit.APPLICATIONS,
        dimensions=(Dimension.DESTINATION_COUNTRY,),
        reference=Reference.MONTH_END,
        geography=GEOGRAPHY_DESTINATION,
        privacy_unit=PrivacyUnit.HOUSEHOLD,
        contribution_bound=2,
        hxl_tag="#output+pending+num",
    ),
    Measure(
        key="cases_opened_by_transit_country",
        name="Households whose case was opened, by transit country",
        definition=(
            "Households whose case was opened during the month, by the transit country of the household's "
            "first member with an open stay. Each household is counted once."
        ),
        unit=Unit.HOUSEHOLDS,
        dimensions=(Dimension.TRANSIT_COUNTRY,),
        reference=Reference.DURING_MONTH,
        geography=GEOGRAPHY_TRANSIT,
        privacy_unit=PrivacyUnit.HOUSEHOLD,
        contribution_bound=1,
        hxl_tag="#affected+hh+refugees",
    ),
    Measure(
        key="persons_arrived_by_transit_country",
        name="Persons who entered a transit country, by country",
        definition=(
            "Persons with a stay whose entry date falls in the month, by the country of that stay: persons "
            "who arrived, not border crossings. Each person is counted once."
        ),
        unit=Unit.PERSONS,
        dimensions=(Dimension.TRANSIT_COUNTRY,),
        reference=Reference.DURING_MONTH,
        geography=GEOGRAPHY_TRANSIT,
        privacy_unit=PrivacyUnit.PERSON,
        contribution_bound=1,
        hxl_tag="#affected+ind+arrived",
    ),
    Measure(
        key="payouts_by_channel",
        name="Payouts made, by channel",
        definition="Payments of aid made to persons during the month, by payment channel.",
        unit=Unit.PAYOUTS,
        dimensions=(Dimension.CHANNEL,),
        reference=Reference.DURING_MONTH,
        geography=GEOGRAPHY_PAYOUT,
        privacy_unit=PrivacyUnit.PERSON,
        contribution_bound=4,
        available=False,
        hxl_tag="#output+payouts+num",
    ),
)

BY_KEY: dict[str, Measure] = {measure.key: measure for measure in MEASURES}


def measure(key: str) -> Measure:
    return BY_KEY[key]


def available_measures() -> tuple[Measure, ...]:
    return tuple(m for m in MEASURES if m.available)
