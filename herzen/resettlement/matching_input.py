"""From database rows to the matching core's plain instance, and from its plan back to rows' values."""

from collections.abc import Iterable
from typing import Any

from herzen.domain import matching
from herzen.domain.matching import jobs, sponsors
from herzen.resettlement.models import HouseholdNeeds, Offer, OfferKind, Proposal


def _strings(values: Any) -> frozenset[str]:
    return frozenset(str(v).strip() for v in (values or []) if str(v).strip())


def household_of(needs: HouseholdNeeds) -> matching.Household:
    profile = needs.profile or {}
    ties = tuple(
        matching.Tie(town=str(tie.get("town", "")).strip(), relation=str(tie.get("relation", "relative")))
        for tie in profile.get("ties", [])
        if str(tie.get("town", "")).strip()
    )
    return matching.Household(
        key=str(needs.case_id),
        adults=needs.adults,
        children=needs.children,
        destination_state=needs.destination_country,
        languages=_strings(profile.get("languages")),
        skills=_strings(profile.get("skills")),
        needs_accessible=needs.needs_accessible,
        has_pets=needs.has_pets,
        smokers=needs.smokers,
        ties=ties,
        preferred_towns=tuple(str(t) for t in profile.get("preferred_towns", []) if str(t).strip()),
        vetoes=_strings(profile.get("vetoed_towns")),
        ready_on=needs.ready_on,
    )


def offer_of(offer: Offer, taken: tuple[int, int] = (0, 0)) -> matching.Offer:
    """The offer with what other runs' sent or accepted proposals hold already taken off."""
    return matching.Offer(
        key=str(offer.pk),
        kind=matching.OfferKind(offer.kind),
        town=offer.town,
        region=offer.region,
        state=offer.country,
        capacity_persons=max(0, offer.capacity_persons - taken[0]),
        child_beds=max(0, offer.child_beds - taken[1]),
        accessible=offer.accessible,
        pets_allowed=offer.pets_allowed,
        smoking_allowed=offer.smoking_allowed,
        local_languages=_strings(offer.local_languages),
        available_from=offer.available_from,
        available_to=offer.available_to,
    )


def job_of(offer: Offer) -> matching.Job:
    return matching.Job(
        key=str(offer.pk),
        town=offer.town,
        positions=offer.capacity_persons,
        languages=_strings(offer.required_languages),
        skills=_strings(offer.skills),
    )


def instance_of(
    needs: Iterable[HouseholdNeeds], offers: Iterable[Offer], taken: dict[object, tuple[int, int]]
) -> matching.Instance:
    places = [o for o in offers if o.kind not in (OfferKind.JOB, OfferKind.SPONSORSHIP)]
    jobs = [o for o in offers if o.kind == OfferKind.JOB]
    return matching.Instance(
        households=tuple(household_of(n) for n in needs),
        offers=tuple(offer_of(o, taken.get(o.pk, (0, 0))) for o in places),
        jobs=tuple(job_of(o) for o in jobs),
    )


def sponsorship_of(offer: Offer) -> sponsors.Sponsorship:
    """A sponsorship offer: its capacity counts households (what others' sent proposals hold is passed apart)."""
    return sponsors.Sponsorship(
        key=str(offer.pk),
        town=offer.town,
        state=offer.country,
        households=offer.capacity_persons,
        languages=_strings(offer.local_languages) | _strings(offer.required_languages),
        skills=_strings(offer.skills),
    )


def _parts_document(parts: Iterable[tuple[Any, float, str]]) -> list[dict[str, Any]]:
    """A later stage's score parts (a sponsor's, a job's): code, value, detail."""
    return [{"part": str(part), "value": round(value, 4), "detail": detail} for part, value, detail in parts]


def sponsor_document(placement: sponsors.SponsorPlacement | None) -> dict[str, Any]:
    if placement is None:
        return {}
    return {
        "score": round(placement.score, 4),
        "parts": _parts_document(placement.parts),
    }


def job_offer_of(offer: Offer) -> jobs.JobOffer:
    """A job offer: its capacity counts positions (what others' sent proposals hold is passed apart)."""
    return jobs.JobOffer(
        key=str(offer.pk),
        town=offer.town,
        state=offer.country,
        positions=offer.capacity_persons,
        languages=_strings(offer.required_languages),
        skills=_strings(offer.skills),
    )


def jobs_document(placements: Iterable[jobs.JobPlacement]) -> list[dict[str, Any]]:
    """A household's job placements for its sealed explanation: which adult, which job, and why."""
    return [
        {
            "adult": placement.adult,
            "job": placement.job_key,
            "score": round(placement.score, 4),
            "parts": _parts_document(placement.parts),
        }
        for placement in placements
    ]


def placements_of(proposals: Iterable[Proposal]) -> list[matching.Placement]:
    return [
        matching.Placement(str(p.case_id), str(p.offer_id), p.persons, p.children)
        for p in proposals
        if p.offer_id is not None
    ]


def explanation_document(explanation: matching.Explanation) -> dict[str, Any]:
    return {
        "town": explanation.town,
        "score": round(explanation.score, 4),
        "employment": round(explanation.employment_probability, 4),
        "parts": [
            {"part": p.part.value, "value": round(p.value, 4), "detail": p.detail} for p in explanation.parts
        ],
        "alternatives": [
            {
                "town": a.town,
                "score": round(a.score, 4),
                "better_on": [part.value for part in a.better_on],
                "reason": a.reason,
            }
            for a in explanation.alternatives
        ],
    }
