"""How much each kind of danger weighs in a case's priority: configuration, not code.

The weights below are Herzen's defaults; a deployment overrides any part of them with a JSON file
(`HERZEN_PRIORITY_WEIGHTS_FILE`, read by herzen.cases.priority_weights) that `load_priority_weights` merges over
the defaults and checks. Points are whole numbers so that an explanation adds up to its score exactly.

Why the defaults are what they are (a caseworker's sense of "who must move first", not a statistical model):
- The scale is anchored on the bands: 80+ critical (act this week), 50+ high, 25+ medium, below that low. One
  grave factor alone (a conviction in absentia, an Interpol notice) should reach at least "medium"; two grave
  ones, or one plus exposure to extradition where the person is, should reach "critical".
- Criminal cases weigh by stage: the further the case, the nearer prison. In absentia weighs most, because a
  sentence is waiting and an arrest warrant and wanted listing usually follow. An anti-war article
  (207.3, 280.3, ...) adds points: half of such verdicts are now prison terms (DOMAIN.md).
- A wanted list weighs by reach; interstate (CIS) and Interpol listings expose a person to arrest and extradition
  abroad, and add the extradition points when the household is in a country that extradites on such requests
  (Kazakhstan and Kyrgyzstan; Armenia detains on such listings though it refuses most extraditions: DOMAIN.md).
- A mobilisation summons weighs once posted, and more once deemed served (7 days after posting), when the
  automatic exit ban applies.
- The legal-stay clock adds points as it runs out; an overstay weighs most, because detention and deportation to
  Russia become possible.
- A registration duty in the transit country (host's notice, registration by day N) adds points as it falls due;
  less than the stay clock, because missing it costs a fine rather than the right to stay.
- Vulnerabilities add smaller amounts: they make every other danger worse rather than being dangers alone.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from herzen.domain.risk.factors import CriminalStage, RiskFactorKind, Vulnerability, WantedScope

DEFAULT_PRIORITY_WEIGHTS_DOCUMENT: Mapping[str, Any] = MappingProxyType(
    {
        "version": "herzen-default-2026.1",
        "criminal_case": {
            "stage": {"suspect": 25, "accused": 35, "convicted": 40, "in_absentia": 45},
            "anti_war_article": 10,
        },
        "administrative_case": 5,
        "foreign_agent": 25,
        "mobilisation_summons": {"posted": 20, "deemed_served": 10},
        "exit_ban": 20,
        "passport_refusal": 15,
        "wanted_list": {"domestic": 20, "interstate": 35, "interpol": 40},
        "extradition_exposure": {
            "points": 30,
            "scopes": ["interstate", "interpol"],
            # Armenia refuses most extradition requests but detains people on Russian wanted lists.
            "countries": ["KZ", "KG", "AM"],
        },
        "transit_country_risk": 10,
        "vulnerability": {"minor": 10, "health": 10, "lgbtq": 15, "family_pressure": 5, "other": 5},
        "other": 5,
        # The first tier whose "days_left_at_most" the stay's days left fit in gives its points (0 or fewer days
        # left: the stay limit is reached or passed).
        "stay_deadline": [
            {"days_left_at_most": 0, "points": 40},
            {"days_left_at_most": 7, "points": 30},
            {"days_left_at_most": 14, "points": 20},
            {"days_left_at_most": 30, "points": 10},
            {"days_left_at_most": 60, "points": 5},
        ],
        # A missed registration means a fine and, for a wanted person, the police's attention: it weighs less than
        # the stay clock, and only while the registration is still to be done.
        "registration_deadline": [
            {"days_left_at_most": 0, "points": 20},
            {"days_left_at_most": 3, "points": 15},
            {"days_left_at_most": 7, "points": 10},
        ],
        "bands": {"critical": 80, "high": 50, "medium": 25},
    }
)


@dataclass(frozen=True)
class StayTier:
    days_left_at_most: int
    points: int


@dataclass(frozen=True)
class PriorityWeights:
    version: str
    criminal_stage: Mapping[CriminalStage, int]
    anti_war_article: int
    administrative_case: int
    foreign_agent: int
    summons_posted: int
    summons_deemed_served: int
    exit_ban: int
    passport_refusal: int
    wanted_list: Mapping[WantedScope, int]
    extradition_points: int
    extradition_scopes: frozenset[WantedScope]
    extradition_countries: frozenset[str]
    transit_country_risk: int
    vulnerability: Mapping[Vulnerability, int]
    other: int
    stay_tiers: tuple[StayTier, ...]
    registration_tiers: tuple[StayTier, ...]
    band_critical: int
    band_high: int
    band_medium: int

    def simple_points(self, kind: RiskFactorKind) -> int:
        """The points of a kind that has no further detail."""
        return {
            RiskFactorKind.ADMINISTRATIVE_CASE: self.administrative_case,
            RiskFactorKind.FOREIGN_AGENT: self.foreign_agent,
            RiskFactorKind.EXIT_BAN: self.exit_ban,
            RiskFactorKind.PASSPORT_REFUSAL: self.passport_refusal,
            RiskFactorKind.TRANSIT_COUNTRY_RISK: self.transit_country_risk,
            RiskFactorKind.OTHER: self.other,
        }[kind]


class PriorityWeightsError(ValueError):
    """A weights document is malformed; the message names the key at fault."""


def _merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """`override` over `base`, object by object (a list replaces the list it overrides)."""
    merged = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _points(where: str, value: object) -> int:
    # bool is a subclass of int; `true` in a JSON file is a typo, not a weight.
    if isinstance(value, bool) or not isinstance(value, int):
        raise PriorityWeightsError(f"{where} must be a whole number of points, got {value!r}")
    if value < 0:
        raise PriorityWeightsError(f"{where} must not be negative, got {value}")
    return value


def _object(where: str, value: object, keys: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PriorityWeightsError(f"{where} must be an object, got {value!r}")
    if set(value) != keys:
        raise PriorityWeightsError(f"{where} must have exactly the keys {sorted(keys)}, got {sorted(value)}")
    return value


def _by_enum(
    where: str, value: object, enum: type[CriminalStage] | type[WantedScope] | type[Vulnerability]
) -> dict[Any, int]:
    data = _object(where, value, frozenset(member.value for member in enum))
    return {enum(key): _points(f"{where}.{key}", points) for key, points in data.items()}


_TOP_KEYS = frozenset(DEFAULT_PRIORITY_WEIGHTS_DOCUMENT)


def _tiers(name: str, tiers_data: object) -> tuple[StayTier, ...]:
    if not isinstance(tiers_data, list):
        raise PriorityWeightsError(f"{name} must be a list of tiers, got {tiers_data!r}")
    tiers: list[StayTier] = []
    for position, tier in enumerate(tiers_data):
        where = f"{name}[{position}]"
        tier_data = _object(where, tier, frozenset({"days_left_at_most", "points"}))
        days = tier_data["days_left_at_most"]
        if isinstance(days, bool) or not isinstance(days, int):
            raise PriorityWeightsError(f"{where}.days_left_at_most must be a whole number, got {days!r}")
        if tiers and days <= tiers[-1].days_left_at_most:
            raise PriorityWeightsError(f"{where}: tiers must be in increasing order of days_left_at_most")
        tiers.append(StayTier(days, _points(f"{where}.points", tier_data["points"])))
    return tuple(tiers)


def load_priority_weights(document: Mapping[str, Any] | None = None) -> PriorityWeights:
    """Merge `document` over the defaults and check the result. Raises PriorityWeightsError naming the key."""
    if document is not None and not isinstance(document, Mapping):
        raise PriorityWeightsError(f"priority weights must be an object, got {document!r}")
    unknown = set(document or {}) - _TOP_KEYS
    if unknown:
        raise PriorityWeightsError(f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_TOP_KEYS)}")
    data = _merged(DEFAULT_PRIORITY_WEIGHTS_DOCUMENT, document or {})
    version = data["version"]
    if not isinstance(version, str) or not version.strip():
        raise PriorityWeightsError(f"version must be non-empty text, got {version!r}")
    criminal = _object("criminal_case", data["criminal_case"], frozenset({"stage", "anti_war_article"}))
    summons = _object(
        "mobilisation_summons", data["mobilisation_summons"], frozenset({"posted", "deemed_served"})
    )
    extradition = _object(
        "extradition_exposure", data["extradition_exposure"], frozenset({"points", "scopes", "countries"})
    )
    scopes = extradition["scopes"]
    countries = extradition["countries"]
    if not isinstance(scopes, list) or not all(s in set(WantedScope) for s in scopes):
        raise PriorityWeightsError(
            f"extradition_exposure.scopes must be a list of {sorted(WantedScope)}, got {scopes!r}"
        )
    if not isinstance(countries, list) or not all(
        isinstance(c, str) and len(c) == 2 and c.isalpha() and c.isupper() for c in countries
    ):
        raise PriorityWeightsError(
            f"extradition_exposure.countries must be a list of ISO 3166-1 alpha-2 codes, got {countries!r}"
        )
    tiers = _tiers("stay_deadline", data["stay_deadline"])
    registration_tiers = _tiers("registration_deadline", data["registration_deadline"])
    bands = _object("bands", data["bands"], frozenset({"critical", "high", "medium"}))
    critical, high, medium = (_points(f"bands.{b}", bands[b]) for b in ("critical", "high", "medium"))
    if not critical > high > medium > 0:
        raise PriorityWeightsError(
            f"bands must satisfy critical > high > medium > 0, got {critical}, {high}, {medium}"
        )
    return PriorityWeights(
        version=version.strip(),
        criminal_stage=MappingProxyType(_by_enum("criminal_case.stage", criminal["stage"], CriminalStage)),
        anti_war_article=_points("criminal_case.anti_war_article", criminal["anti_war_article"]),
        administrative_case=_points("administrative_case", data["administrative_case"]),
        foreign_agent=_points("foreign_agent", data["foreign_agent"]),
        summons_posted=_points("mobilisation_summons.posted", summons["posted"]),
        summons_deemed_served=_points("mobilisation_summons.deemed_served", summons["deemed_served"]),
        exit_ban=_points("exit_ban", data["exit_ban"]),
        passport_refusal=_points("passport_refusal", data["passport_refusal"]),
        wanted_list=MappingProxyType(_by_enum("wanted_list", data["wanted_list"], WantedScope)),
        extradition_points=_points("extradition_exposure.points", extradition["points"]),
        extradition_scopes=frozenset(WantedScope(s) for s in scopes),
        extradition_countries=frozenset(countries),
        transit_country_risk=_points("transit_country_risk", data["transit_country_risk"]),
        vulnerability=MappingProxyType(_by_enum("vulnerability", data["vulnerability"], Vulnerability)),
        other=_points("other", data["other"]),
        stay_tiers=tiers,
        registration_tiers=registration_tiers,
        band_critical=critical,
        band_high=high,
        band_medium=medium,
    )


DEFAULT_PRIORITY_WEIGHTS = load_priority_weights()
