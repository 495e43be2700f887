"""Reads for resettlement, each scoped to the actor's organisation."""

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from herzen.cases.models import CaseStatus
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.pathways.models import Application
from herzen.resettlement.models import (
    HOLDING,
    HouseholdNeeds,
    JobPlacement,
    MatchRun,
    MatchWeights,
    Offer,
    Proposal,
)

# Application states that mean the household is admitted to its destination (or has arrived there).
ADMITTED_STATES = (
    "approved",
    "approved_ministry",
    "approved_foreign_ministry",
    "visa_issued",
    "entered",
    "residence_permit_issued",
    "refugee_status_granted",
    "subsidiary_protection_granted",
)

# A proposal's job placements with their job offers, in one query for a whole run.
JOB_PLACEMENTS = Prefetch("job_placements", queryset=JobPlacement.objects.select_related("job"))


def offer_list(*, actor: Actor, country: str = "") -> QuerySet[Offer]:
    offers = Offer.objects.for_actor(actor).select_related("organisation")
    return offers.filter(country=country.upper()) if country else offers


def offer_get(*, actor: Actor, offer_id: object) -> Offer:
    return get_scoped(Offer, actor, offer_id)


def own_offer_get(*, actor: Actor, offer_id: object, for_update: bool = False) -> Offer:
    """An offer the actor's organisation published (others' offers, even published ones, are not found)."""
    offers = Offer.objects.filter(organisation_id=actor.organisation_id)
    offer = (offers.select_for_update() if for_update else offers).filter(pk=offer_id).first()
    if offer is None or actor.organisation_id is None:
        raise NotFound(_("This offer does not exist."))
    return offer


def places_taken(offer_ids: list[object], *, exclude_run: object = None) -> dict[object, tuple[int, int]]:
    """Persons and children each offer already holds through sent or accepted proposals (of other runs)."""
    rows = Proposal.objects.filter(offer_id__in=offer_ids, status__in=HOLDING)
    if exclude_run is not None:
        rows = rows.exclude(run_id=exclude_run)
    totals = rows.values("offer_id").annotate(persons=Sum("persons"), kids=Sum("children"))
    return {row["offer_id"]: (row["persons"] or 0, row["kids"] or 0) for row in totals}


def sponsorships_taken(offer_ids: list[object], *, exclude_run: object = None) -> dict[str, int]:
    """Households each sponsorship already supports through sent or accepted proposals (of other runs)."""
    rows = Proposal.objects.filter(sponsorship_id__in=offer_ids, status__in=HOLDING)
    if exclude_run is not None:
        rows = rows.exclude(run_id=exclude_run)
    totals = rows.values("sponsorship_id").annotate(households=Count("id"))
    return {str(row["sponsorship_id"]): row["households"] for row in totals}


def positions_taken(offer_ids: list[object], *, exclude_run: object = None) -> dict[str, int]:
    """Positions each job offer already fills through sent or accepted proposals (of other runs)."""
    rows = JobPlacement.objects.filter(job_id__in=offer_ids, proposal__status__in=HOLDING)
    if exclude_run is not None:
        rows = rows.exclude(proposal__run_id=exclude_run)
    totals = rows.values("job_id").annotate(adults=Count("id"))
    return {str(row["job_id"]): row["adults"] for row in totals}


def match_pool(*, actor: Actor, country: str) -> QuerySet[HouseholdNeeds]:
    """Households of the actor's open cases, admitted to `country`, marked ready, not holding a proposal."""
    admitted = Application.objects.for_actor(actor).filter(
        destination_country=country.upper(), state__in=ADMITTED_STATES
    )
    holding = Proposal.objects.filter(status__in=HOLDING).values("case_id")
    return (
        HouseholdNeeds.objects.for_actor(actor)
        .filter(destination_country=country.upper(), ready=True, case__status=CaseStatus.OPEN)
        .filter(Q(case_id__in=admitted.values("case_id")))
        .exclude(case_id__in=holding)
        .select_related("case")
    )


def expected_arrivals(*, actor: Actor, country: str) -> QuerySet[HouseholdNeeds]:
    """Households still to come to `country`, for the dynamic policy's forecast: the actor's open cases with needs
    for that country, ready or not yet, not holding a proposal."""
    holding = Proposal.objects.filter(status__in=HOLDING).values("case_id")
    return (
        HouseholdNeeds.objects.for_actor(actor)
        .filter(destination_country=country.upper(), case__status=CaseStatus.OPEN)
        .exclude(case_id__in=holding)
    )


def pool_counts(*, actor: Actor) -> list[tuple[str, int]]:
    admitted = Application.objects.for_actor(actor).filter(state__in=ADMITTED_STATES)
    holding = Proposal.objects.filter(status__in=HOLDING).values("case_id")
    rows = (
        HouseholdNeeds.objects.for_actor(actor)
        .filter(ready=True, case__status=CaseStatus.OPEN, case_id__in=admitted.values("case_id"))
        .exclude(case_id__in=holding)
        .values("destination_country")
        .annotate(households=Count("id"))
        .order_by("destination_country")
    )
    return [(row["destination_country"], row["households"]) for row in rows]


def needs_for_case(*, actor: Actor, case_id: object) -> HouseholdNeeds | None:
    return HouseholdNeeds.objects.for_actor(actor).filter(case_id=case_id).first()


def needs_get(*, actor: Actor, case_id: object) -> HouseholdNeeds:
    """A case's needs; NotFound if the case is not the actor's organisation's or has none recorded."""
    needs = HouseholdNeeds.objects.for_actor(actor).select_related("case").filter(case_id=case_id).first()
    if needs is None:
        raise NotFound(_("No needs are recorded for this case."))
    return needs


def programme_weights(*, actor: Actor, country: str) -> MatchWeights | None:
    """The latest weights the actor's organisation set for its programme to `country` (None: the defaults)."""
    return MatchWeights.objects.for_actor(actor).current(country)


def programme_weights_history(*, actor: Actor) -> QuerySet[MatchWeights]:
    return (
        MatchWeights.objects.for_actor(actor)
        .select_related("set_by")
        .order_by("destination_country", "-created_at")
    )


def run_list(*, actor: Actor) -> QuerySet[MatchRun]:
    return MatchRun.objects.for_actor(actor).select_related("started_by")


def run_get(*, actor: Actor, run_id: object) -> MatchRun:
    return get_scoped(MatchRun, actor, run_id)


def run_proposals(*, actor: Actor, run: MatchRun) -> QuerySet[Proposal]:
    return (
        Proposal.objects.for_actor(actor)
        .filter(run=run)
        .select_related("case", "offer", "sponsorship")
        .prefetch_related(JOB_PLACEMENTS)
    )


def run_proposal_get(*, actor: Actor, run_id: object, proposal_id: object) -> Proposal:
    """One proposal of one of the actor's organisation's runs."""
    proposal = (
        Proposal.objects.for_actor(actor)
        .select_related("case", "run")
        .prefetch_related(JOB_PLACEMENTS)
        .filter(pk=proposal_id, run_id=run_id)
        .first()
    )
    if proposal is None:
        raise NotFound(_("This proposal does not exist."))
    return proposal


def proposals_for_case(case_id: object) -> QuerySet[Proposal]:
    """A household's sent and answered proposals, for its own status page (the intake has checked its link)."""
    return (
        Proposal.objects.filter(case_id=case_id)
        .exclude(status="proposed")
        .select_related("offer")
        .prefetch_related(JOB_PLACEMENTS)
        .order_by("-created_at")
    )
