"""The score of placing a household in an offer, in named parts a coordinator can read and reweigh.

score = w_employment · P(at least one adult employed) + w_preference · preference + w_ties · closeness to ties

P comes from a transparent logistic model (coefficients are data: data/employment_model.json, overridden per
programme); each employment part is the change in P its feature makes, so "German speaker (+0.12)" means the
household's predicted employment is 12 points higher there because it speaks the local language.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from herzen.domain.matching.model import Household, Instance, Offer

DEFAULT_MODEL_FILE = Path(__file__).resolve().parent / "data" / "employment_model.json"
FEATURES = ("local_language", "profession", "job_market", "ties")


class Part(StrEnum):
    LOCAL_LANGUAGE = "local_language"
    PROFESSION = "profession"
    JOB_MARKET = "job_market"
    TIES = "ties"
    REGION = "region"
    PREFERENCE = "preference"
    TIES_DISTANCE = "ties_distance"


@dataclass(frozen=True)
class EmploymentModel:
    version: str
    intercept: float
    coefficients: Mapping[str, float]
    regions: Mapping[str, float] = field(default_factory=dict)
    weight_employment: float = 1.0
    weight_preference: float = 0.3
    weight_ties_distance: float = 0.2
    ties_distance_km: float = 100.0

    @classmethod
    def from_document(
        cls, document: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
    ) -> EmploymentModel:
        merged: dict[str, Any] = json.loads(json.dumps(document))
        for key, value in (overrides or {}).items():
            if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
                merged[key].update(value)
            else:
                merged[key] = value
        coefficients = {name: float(merged["coefficients"].get(name, 0.0)) for name in FEATURES}
        weights = merged.get("weights", {})
        model = cls(
            version=str(merged.get("version", "")),
            intercept=float(merged["intercept"]),
            coefficients=coefficients,
            regions={str(k): float(v) for k, v in merged.get("regions", {}).items()},
            weight_employment=float(weights.get("employment", 1.0)),
            weight_preference=float(weights.get("preference", 0.3)),
            weight_ties_distance=float(weights.get("ties_distance", 0.2)),
            ties_distance_km=float(merged.get("ties_distance_km", 100.0)),
        )
        if model.ties_distance_km <= 0 or min(model.weight_employment, model.weight_preference) < 0:
            raise ValueError("weights must not be negative and the ties distance must be positive")
        return model

    @classmethod
    def default(cls, overrides: Mapping[str, Any] | None = None) -> EmploymentModel:
        return cls.from_document(json.loads(DEFAULT_MODEL_FILE.read_text(encoding="utf-8")), overrides)


@dataclass(frozen=True)
class ScorePart:
    part: Part
    value: float
    # What the part is about, in the instance's own words: a language code, a town, a skill.
    detail: str = ""


@dataclass(frozen=True)
class Score:
    total: float
    employment_probability: float
    parts: tuple[ScorePart, ...]

    def part(self, name: Part) -> float:
        return sum(p.value for p in self.parts if p.part == name)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def features(household: Household, offer: Offer, instance: Instance) -> dict[str, str]:
    """The features present for this pair, each with the detail that explains it (absent features are left out)."""
    present: dict[str, str] = {}
    spoken = sorted(household.languages & offer.local_languages)
    if spoken:
        present["local_language"] = spoken[0]
    for job in instance.jobs_by_town.get(offer.town, ()):
        if job.positions <= 0 or (job.languages and not job.languages & household.languages):
            continue
        matching = sorted(job.skills & household.skills)
        if matching and "profession" not in present:
            present["profession"] = matching[0]
        present.setdefault("job_market", offer.town)
    if any(tie.town == offer.town for tie in household.ties):
        present["ties"] = next(tie.relation for tie in household.ties if tie.town == offer.town)
    return present


def _household_probability(model: EmploymentModel, logit: float, adults: int) -> float:
    # A household counts as employed when at least one adult is (GeoMatch's case-level outcome).
    return 1.0 - (1.0 - _sigmoid(logit)) ** max(adults, 1)


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def ties_closeness(household: Household, offer: Offer, model: EmploymentModel) -> tuple[float, str]:
    """1 in the same town as a tie, decaying with distance where coordinates are known, else 0."""
    best, where = 0.0, ""
    for tie in household.ties:
        if tie.town == offer.town:
            closeness = 1.0
        elif None not in (tie.latitude, tie.longitude, offer.latitude, offer.longitude):
            assert tie.latitude is not None
            assert tie.longitude is not None
            assert offer.latitude is not None
            assert offer.longitude is not None
            km = _distance_km(tie.latitude, tie.longitude, offer.latitude, offer.longitude)
            closeness = math.exp(-km / model.ties_distance_km)
        else:
            continue
        if closeness > best:
            best, where = closeness, tie.town
    return best, where


def score(household: Household, offer: Offer, instance: Instance, model: EmploymentModel) -> Score:
    present = features(household, offer, instance)
    region_effect = model.regions.get(offer.region, 0.0)
    logit = model.intercept + region_effect + sum(model.coefficients[name] for name in present)
    probability = _household_probability(model, logit, household.adults)
    parts: list[ScorePart] = []
    for name, detail in present.items():
        without = _household_probability(model, logit - model.coefficients[name], household.adults)
        parts.append(ScorePart(Part(name), model.weight_employment * (probability - without), detail))
    if region_effect:
        without = _household_probability(model, logit - region_effect, household.adults)
        parts.append(ScorePart(Part.REGION, model.weight_employment * (probability - without), offer.region))
    preference = 0.0
    if offer.town in household.preferred_towns:
        rank = household.preferred_towns.index(offer.town)
        preference = model.weight_preference * (1.0 - rank / len(household.preferred_towns))
        parts.append(ScorePart(Part.PREFERENCE, preference, str(rank + 1)))
    closeness, tie_town = ties_closeness(household, offer, model)
    if closeness:
        parts.append(ScorePart(Part.TIES_DISTANCE, model.weight_ties_distance * closeness, tie_town))
    total = model.weight_employment * probability + preference + model.weight_ties_distance * closeness
    return Score(total=total, employment_probability=probability, parts=tuple(parts))
