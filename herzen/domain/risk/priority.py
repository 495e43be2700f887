"""A case's priority: how urgently a household must move, from its typed risk factors and its stay clock.

`assess_priority` returns a score, a band, one explanation line per thing that counted (the lines add up to the
score exactly, tested as a property) and the dated deadlines that follow from the factors: summons deemed served
on Y, further restrictions from Z, stay limit reached on X. Weights come from `PriorityWeights` (configuration,
see priority_weights.py). It is pure: the same factors, deadline, date and weights give the same priority.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from herzen.domain.risk.factors import (
    ANTI_WAR_ARTICLES,
    CriminalStage,
    RiskFactorKind,
    Vulnerability,
    WantedScope,
    summons_deemed_served,
    summons_further_restrictions,
)
from herzen.domain.risk.priority_weights import DEFAULT_PRIORITY_WEIGHTS, PriorityWeights, StayTier


class PriorityBand(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class PriorityDeadlineKind(StrEnum):
    STAY_LIMIT = "stay_limit"  # the last legal day in the transit country
    SUMMONS_DEEMED_SERVED = "summons_deemed_served"  # 7 days after posting; the exit ban follows
    # 20 days after the appearance date stated in the summons (the posting date when it is not recorded: the
    # appearance cannot precede the posting, so that is the earliest the restrictions can start)
    SUMMONS_FURTHER_RESTRICTIONS = "summons_further_restrictions"
    REGISTRATION = "registration"  # a registration duty in the transit country falls due


@dataclass(frozen=True)
class RiskFactorFacts:
    """One current risk factor as plain facts. `reference` is the caller's id for it (shown back in the
    explanation, e.g. to link a line to the person's record); `subject` names whose factor it is."""

    kind: RiskFactorKind
    reference: str = ""
    subject: str = ""
    criminal_article: str = ""
    criminal_stage: CriminalStage | None = None
    wanted_scope: WantedScope | None = None
    vulnerability: Vulnerability | None = None
    occurred_on: date | None = None
    appearance_on: date | None = None  # a summons: the day the person is summoned to appear


@dataclass(frozen=True)
class Contribution:
    """One line of the explanation. `rule` names the weight that applied (e.g. "criminal_case.stage"), `value`
    the fact it applied to (e.g. "accused"); a factor outweighed by a stronger one of the same kind is listed
    with `rule` "<kind>.already_counted" and 0 points, so the caseworker sees it was considered."""

    source: str  # a RiskFactorKind value, "extradition_exposure", "stay_deadline" or "registration_deadline"
    rule: str
    value: str
    points: int
    reference: str = ""
    subject: str = ""


@dataclass(frozen=True)
class PriorityDeadline:
    kind: PriorityDeadlineKind
    on: date
    reference: str = ""
    subject: str = ""


_LASTING_DEADLINES = frozenset({PriorityDeadlineKind.STAY_LIMIT, PriorityDeadlineKind.REGISTRATION})


@dataclass(frozen=True)
class Priority:
    score: int
    band: PriorityBand
    contributions: tuple[Contribution, ...]
    deadlines: tuple[PriorityDeadline, ...]  # in date order
    as_of: date
    weights_version: str

    @property
    def next_deadline(self) -> date | None:
        """The earliest deadline still ahead; a stay limit or registration already passed stays the next one
        (an overstay or a missed registration is not over by waiting)."""
        live = [d.on for d in self.deadlines if d.on >= self.as_of or d.kind in _LASTING_DEADLINES]
        return min(live, default=None)

    def to_document(self) -> dict[str, Any]:
        """Plain JSON-ready data, for storing on the case and showing its explanation later."""
        return {
            "score": self.score,
            "band": self.band.value,
            "as_of": self.as_of.isoformat(),
            "weights_version": self.weights_version,
            "next_deadline": self.next_deadline.isoformat() if self.next_deadline else None,
            "contributions": [
                {
                    "source": c.source,
                    "rule": c.rule,
                    "value": c.value,
                    "points": c.points,
                    "reference": c.reference,
                    "subject": c.subject,
                }
                for c in self.contributions
            ],
            "deadlines": [
                {"kind": d.kind.value, "on": d.on.isoformat(), "reference": d.reference, "subject": d.subject}
                for d in self.deadlines
            ],
        }


def _factor_lines(factor: RiskFactorFacts, weights: PriorityWeights, as_of: date) -> list[Contribution]:
    def line(rule: str, value: str, points: int) -> Contribution:
        return Contribution(
            source=factor.kind.value,
            rule=f"{factor.kind.value}.{rule}",
            value=value,
            points=points,
            reference=factor.reference,
            subject=factor.subject,
        )

    kind = factor.kind
    if kind is RiskFactorKind.CRIMINAL_CASE:
        stage = factor.criminal_stage or CriminalStage.SUSPECT  # the least grave stage when none is recorded
        lines = [line("stage", stage.value, weights.criminal_stage[stage])]
        if factor.criminal_article.strip() in ANTI_WAR_ARTICLES:
            lines.append(line("anti_war_article", factor.criminal_article.strip(), weights.anti_war_article))
        return lines
    if kind is RiskFactorKind.MOBILISATION_SUMMONS:
        lines = [
            line(
                "posted", factor.occurred_on.isoformat() if factor.occurred_on else "", weights.summons_posted
            )
        ]
        if factor.occurred_on is not None and summons_deemed_served(factor.occurred_on) <= as_of:
            served = summons_deemed_served(factor.occurred_on).isoformat()
            lines.append(line("deemed_served", served, weights.summons_deemed_served))
        return lines
    if kind is RiskFactorKind.WANTED_LIST:
        scope = factor.wanted_scope or WantedScope.DOMESTIC
        return [line("scope", scope.value, weights.wanted_list[scope])]
    if kind is RiskFactorKind.VULNERABILITY:
        vulnerability = factor.vulnerability or Vulnerability.OTHER
        return [line("vulnerability", vulnerability.value, weights.vulnerability[vulnerability])]
    return [line("present", "", weights.simple_points(kind))]


def _group(factor: RiskFactorFacts) -> tuple[str, str]:
    # Distinct vulnerabilities are distinct dangers (a sick child); every other kind counts once per household.
    if factor.kind is RiskFactorKind.VULNERABILITY:
        return (factor.kind.value, (factor.vulnerability or Vulnerability.OTHER).value)
    return (factor.kind.value, "")


def _tier_points(days_left: int, tiers: Iterable[StayTier]) -> int:
    for tier in tiers:
        if days_left <= tier.days_left_at_most:
            return tier.points
    return 0


def _band(score: int, weights: PriorityWeights) -> PriorityBand:
    if score >= weights.band_critical:
        return PriorityBand.CRITICAL
    if score >= weights.band_high:
        return PriorityBand.HIGH
    if score >= weights.band_medium:
        return PriorityBand.MEDIUM
    return PriorityBand.LOW


def assess_priority(
    factors: Iterable[RiskFactorFacts],
    *,
    as_of: date,
    stay_deadline: date | None = None,
    registration_deadline: date | None = None,
    current_country: str = "",
    weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
) -> Priority:
    """The priority of a household: its members' current risk factors, the earliest last legal day of their
    stays (`stay_deadline`), the earliest registration still to be done there (`registration_deadline`), the
    country they are in now (for extradition exposure), on day `as_of`.

    Of several factors of the same kind, the strongest counts and the others are listed with 0 points: a second
    criminal case does not double the danger the first already shows, and counting it would let a long record
    outrank a graver one.
    """
    factors = sorted(factors, key=lambda f: (f.kind.value, f.reference, f.subject))
    strongest: dict[tuple[str, str], tuple[int, RiskFactorFacts]] = {}
    lines_of: dict[int, list[Contribution]] = {}
    for position, factor in enumerate(factors):
        lines_of[position] = _factor_lines(factor, weights, as_of)
        total = sum(c.points for c in lines_of[position])
        group = _group(factor)
        if group not in strongest or total > sum(c.points for c in lines_of[strongest[group][0]]):
            strongest[group] = (position, factor)
    counted = {position for position, _factor in strongest.values()}
    contributions: list[Contribution] = []
    for position, factor in enumerate(factors):
        if position in counted:
            contributions.extend(lines_of[position])
        else:
            contributions.append(
                Contribution(
                    source=factor.kind.value,
                    rule=f"{factor.kind.value}.already_counted",
                    value="",
                    points=0,
                    reference=factor.reference,
                    subject=factor.subject,
                )
            )

    country = current_country.strip().upper()
    exposed = [
        f
        for f in factors
        if f.kind is RiskFactorKind.WANTED_LIST and f.wanted_scope in weights.extradition_scopes
    ]
    if exposed and country in weights.extradition_countries:
        first = exposed[0]
        contributions.append(
            Contribution(
                source="extradition_exposure",
                rule="extradition_exposure.country",
                value=country,
                points=weights.extradition_points,
                reference=first.reference,
                subject=first.subject,
            )
        )

    deadlines: list[PriorityDeadline] = []
    if stay_deadline is not None:
        days_left = (stay_deadline - as_of).days
        points = _tier_points(days_left, weights.stay_tiers)
        contributions.append(
            Contribution(
                source="stay_deadline", rule="stay_deadline.days_left", value=str(days_left), points=points
            )
        )
        deadlines.append(PriorityDeadline(PriorityDeadlineKind.STAY_LIMIT, stay_deadline))
    if registration_deadline is not None:
        days_left = (registration_deadline - as_of).days
        contributions.append(
            Contribution(
                source="registration_deadline",
                rule="registration_deadline.days_left",
                value=str(days_left),
                points=_tier_points(days_left, weights.registration_tiers),
            )
        )
        deadlines.append(PriorityDeadline(PriorityDeadlineKind.REGISTRATION, registration_deadline))
    for factor in factors:
        if factor.kind is RiskFactorKind.MOBILISATION_SUMMONS and factor.occurred_on is not None:
            for kind, on in (
                (PriorityDeadlineKind.SUMMONS_DEEMED_SERVED, summons_deemed_served(factor.occurred_on)),
                (
                    PriorityDeadlineKind.SUMMONS_FURTHER_RESTRICTIONS,
                    summons_further_restrictions(factor.occurred_on, factor.appearance_on),
                ),
            ):
                deadlines.append(PriorityDeadline(kind, on, factor.reference, factor.subject))
    deadlines.sort(key=lambda d: (d.on, d.kind.value, d.reference))

    score = sum(c.points for c in contributions)
    return Priority(
        score=score,
        band=_band(score, weights),
        contributions=tuple(contributions),
        deadlines=tuple(deadlines),
        as_of=as_of,
        weights_version=weights.version,
    )
