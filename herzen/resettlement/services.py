"""Writes in resettlement: offers, a household's needs, matching runs, hand edits, sending and answers.

Every hard rule is checked by herzen.domain.matching's validator, written apart from its solvers: a run whose
plan breaks one is refused, and so is a hand edit (with the broken rules named in the reader's language).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain import matching
from herzen.domain.matching import jobs, sponsors
from herzen.resettlement import selectors
from herzen.resettlement.matching_input import (
    explanation_document,
    household_of,
    instance_of,
    job_offer_of,
    jobs_document,
    placements_of,
    sponsor_document,
)
from herzen.resettlement.models import (
    HouseholdNeeds,
    JobPlacement,
    MatchRun,
    MatchWeights,
    Offer,
    OfferKind,
    Proposal,
    ProposalStatus,
    RunPolicy,
    RunStatus,
)
from herzen.resettlement.permissions import (
    can_change_offer,
    can_change_run,
    can_edit_needs,
    can_publish_offer,
    can_record_answer,
    can_run_match,
)
from herzen.resettlement.rule_words import rule_text

OFFER_FIELDS = frozenset(
    {
        "kind", "title", "country", "region", "town", "capacity_persons", "child_beds", "accessible",
        "pets_allowed", "smoking_allowed", "local_languages", "required_languages", "skills",
        "available_from", "available_to", "published",
    }
)  # fmt: skip
NEEDS_FIELDS = frozenset(
    {
        "adults", "children", "destination_country", "ready", "ready_on", "needs_accessible", "has_pets",
        "smokers", "profile", "medical_needs",
    }
)  # fmt: skip
RUN_FIELDS = frozenset(
    {
        "destination_country",
        "offers",
        "weights",
        "weights_version",
        "policy",
        "arrivals",
        "status",
        "started_by",
    }
)
RUN_RESULT_FIELDS = frozenset(
    {"status", "method", "proven_optimal", "objective", "upper_bound", "violations", "reserved"}
)
PROPOSAL_FIELDS = frozenset(
    {"case", "offer", "sponsorship", "persons", "children", "score", "explanation", "status"}
)


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, fields={field: [message]})


def _check_dates(offer: Offer) -> None:
    """Named on the end date, as the form and the API show it (the database's constraint would name no field)."""
    if offer.available_from and offer.available_to and offer.available_to < offer.available_from:
        raise _invalid("available_to", _("An offer cannot end before it is available."))


def _offer_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - OFFER_FIELDS
    if unknown:
        raise _invalid(sorted(unknown)[0], _("This field is not part of an offer."))
    cleaned = dict(values)
    for name in ("country",):
        if name in cleaned:
            cleaned[name] = str(cleaned[name]).strip().upper()
    for name in ("local_languages", "required_languages", "skills"):
        if name in cleaned:
            cleaned[name] = [str(v).strip().lower() for v in cleaned[name] or [] if str(v).strip()]
    return cleaned


@transaction.atomic
def offer_create(*, actor: Actor, **values: Any) -> Offer:
    if not can_publish_offer(actor):
        raise PermissionDenied(_("Your role cannot publish offers."))
    offer = Offer(organisation=actor.organisation, **_offer_values(values))
    if offer.kind not in OfferKind.values:
        raise _invalid("kind", _("Choose the kind of offer."))
    if offer.capacity_persons < 1:
        raise _invalid("capacity_persons", _("An offer has room for at least one person."))
    _check_dates(offer)
    validate(offer)
    offer.save()
    audit.record(actor=actor, action="resettlement_offer.create", target=offer, changed_fields=set(values))
    return offer


@transaction.atomic
def offer_update(*, actor: Actor, offer_id: object, **values: Any) -> Offer:
    """Change an open offer of the actor's organisation (only the fields given). Places already promised in sent
    or accepted proposals are kept: the offer cannot shrink below them."""
    offer = selectors.own_offer_get(actor=actor, offer_id=offer_id, for_update=True)
    if not can_change_offer(actor, offer):
        raise PermissionDenied(_("Only the organisation that published an offer can change it."))
    if not offer.is_open:
        raise Conflict(_("A closed offer cannot be changed."))
    cleaned = _offer_values(values)
    changed = {name for name, value in cleaned.items() if getattr(offer, name) != value}
    for name, value in cleaned.items():
        setattr(offer, name, value)
    if offer.kind not in OfferKind.values:
        raise _invalid("kind", _("Choose the kind of offer."))
    persons, children = selectors.places_taken([offer.pk]).get(offer.pk, (0, 0))
    persons = max(persons, selectors.positions_taken([offer.pk]).get(str(offer.pk), 0))  # a job's positions
    # A sponsorship's capacity counts the households it supports.
    persons = max(persons, selectors.sponsorships_taken([offer.pk]).get(str(offer.pk), 0))
    if offer.capacity_persons < max(persons, 1):
        raise _invalid(
            "capacity_persons",
            _("Households have been promised %(count)s places here: the offer cannot have fewer.")
            % {"count": max(persons, 1)},
        )
    if offer.child_beds < children:
        raise _invalid(
            "child_beds",
            _("Households have been promised %(count)s beds for children here: the offer cannot have fewer.")
            % {"count": children},
        )
    _check_dates(offer)
    validate(offer)
    offer.save()
    if changed:
        audit.record(actor=actor, action="resettlement_offer.update", target=offer, changed_fields=changed)
    return offer


@transaction.atomic
def offer_close(*, actor: Actor, offer_id: object) -> Offer:
    offer = selectors.own_offer_get(actor=actor, offer_id=offer_id, for_update=True)
    if not can_change_offer(actor, offer):
        raise PermissionDenied(_("Only the organisation that published an offer can close it."))
    if not offer.is_open:
        return offer
    offer.is_open = False
    offer.save(update_fields=["is_open", "updated_at"])
    audit.record(actor=actor, action="resettlement_offer.close", target=offer, changed_fields={"is_open"})
    return offer


@transaction.atomic
def household_needs_save(*, actor: Actor, case_id: object, **values: Any) -> HouseholdNeeds:
    """Create or update the needs kept on a case (only the fields given change)."""
    case = get_scoped(Case, actor, case_id)
    if not can_edit_needs(actor):
        raise PermissionDenied(_("Your role cannot change a household's needs."))
    unknown = set(values) - NEEDS_FIELDS
    if unknown:
        raise _invalid(sorted(unknown)[0], _("This field is not part of a household's needs."))
    needs = HouseholdNeeds.objects.for_actor(actor).select_for_update().filter(case=case).first()
    creating = needs is None
    if needs is None:
        needs = HouseholdNeeds(case=case, destination_country=str(values.get("destination_country", "")))
    for name, value in values.items():
        setattr(needs, name, value.strip().upper() if name == "destination_country" else value)
    if needs.adults < 1:
        raise _invalid("adults", _("A household has at least one adult."))
    if len(needs.destination_country) != 2:
        raise _invalid("destination_country", _("Give the destination country as a two-letter code."))
    # The sealed JSON is a text column underneath: full_clean would turn the dict into its repr.
    validate(needs, exclude=["profile"])
    if not isinstance(needs.profile, dict):
        raise _invalid("profile", _("The household's languages, skills and preferences are not valid."))
    needs.save()
    if creating:
        audit.record(
            actor=actor,
            action="resettlement_needs.create",
            target=needs,
            parent=case,
            changed_fields=set(values),
        )
    else:
        audit.record(
            actor=actor,
            action="resettlement_needs.update",
            target=needs,
            parent=case,
            changed_fields=set(values),
        )
    return needs


WEIGHT_FIELDS = frozenset({"destination_country", "employment", "preference", "ties_distance"})


@transaction.atomic
def match_weights_set(
    *, actor: Actor, destination_country: str, employment: float, preference: float, ties_distance: float
) -> MatchWeights:
    """A programme's new score weights, kept beside its earlier ones (dated); the next runs use them."""
    if not can_run_match(actor):
        raise PermissionDenied(_("Only a coordinator can set a programme's weights."))
    country = destination_country.strip().upper()
    if len(country) != 2:
        raise _invalid("destination_country", _("Give the destination country as a two-letter code."))
    weights = MatchWeights(organisation=actor.organisation, destination_country=country, employment=employment,
                           preference=preference, ties_distance=ties_distance, set_by=actor.user)  # fmt: skip
    try:
        matching.EmploymentModel.default(weights.as_overrides())
    except (ValueError, TypeError, KeyError) as error:
        raise _invalid("employment", _("The weights are not valid: give non-negative numbers.")) from error
    validate(weights)
    weights.save()
    audit.record(actor=actor, action="match_weights.set", target=weights, changed_fields=WEIGHT_FIELDS)
    return weights


@transaction.atomic
def match_run_start(
    *,
    actor: Actor,
    destination_country: str,
    offer_ids: Iterable[object],
    weights: dict[str, Any] | None = None,
    arrival_case_ids: Iterable[object] | None = None,
) -> MatchRun:
    """Record a run over the chosen offers and queue it as a background job. With `arrival_case_ids`, the run
    places only those households, who arrived now, by the dynamic policy: against today's capacity, keeping room
    for the country's other households expected later."""
    from herzen.jobs.runner import enqueue_job
    from herzen.resettlement.jobs import match_run_task

    if not can_run_match(actor):
        raise PermissionDenied(_("Only a coordinator can start a matching run."))
    country = destination_country.strip().upper()
    offers = list(
        selectors.offer_list(actor=actor, country=country).filter(pk__in=list(offer_ids), is_open=True)
    )
    if not offers:
        raise _invalid("offers", _("Choose at least one open offer in the destination country."))
    programme = None
    if not weights:  # the programme's weights (its latest version), or the model's defaults if it has none
        programme = selectors.programme_weights(actor=actor, country=country)
        weights = programme.as_overrides() if programme is not None else {}
    try:
        matching.EmploymentModel.default(weights)
    except (ValueError, TypeError, KeyError) as error:
        raise _invalid("weights", _("The weights are not valid: give non-negative numbers.")) from error
    arrivals = None
    if arrival_case_ids is not None:
        wanted = {str(pk) for pk in arrival_case_ids}
        arrivals = [
            n.case for n in selectors.match_pool(actor=actor, country=country) if str(n.case_id) in wanted
        ]
        if not arrivals or len(arrivals) != len(wanted):
            raise _invalid(
                "arrivals", _("Choose households admitted to the country, ready and not yet placed.")
            )
    run = MatchRun(organisation=actor.organisation, destination_country=country, weights=weights,
                   weights_version=programme, started_by=actor.user,
                   policy=RunPolicy.BATCH if arrivals is None else RunPolicy.DYNAMIC)  # fmt: skip
    validate(run)
    run.save()
    run.offers.set(offers)
    if arrivals:
        run.arrivals.set(arrivals)
    run.job = enqueue_job(
        match_run_task,
        kind="resettlement_match",
        params={"run_id": str(run.pk)},
        organisation_id=actor.organisation_id,
        started_by_id=actor.user.pk,
    )
    run.save(update_fields=["job", "updated_at"])
    audit.record(actor=actor, action="match_run.start", target=run, changed_fields=RUN_FIELDS)
    return run


@transaction.atomic
def match_run_record(
    *,
    actor: Actor,
    run_id: object,
    pool: list[HouseholdNeeds],
    result: matching.Result | None,
    violations: dict[str, int],
    reserved: dict[str, float] | None = None,
    sponsored: dict[str, sponsors.SponsorPlacement] | None = None,
    employed: dict[str, tuple[jobs.JobPlacement, ...]] | None = None,
) -> MatchRun:
    """Store a run's proposals with their explanations, or its refusal with the violations by rule."""
    run = get_scoped(MatchRun, actor, run_id, for_update=True)
    if run.status != RunStatus.QUEUED:
        return run  # a job delivered twice does nothing the second time
    if result is None:
        run.status = RunStatus.REFUSED
        run.violations = violations
        run.save(update_fields=["status", "violations", "updated_at"])
        audit.record(actor=actor, action="match_run.complete", target=run, changed_fields=RUN_RESULT_FIELDS)
        return run
    placed = {p.household_key: p for p in result.plan.placements}
    explained = {e.household_key: e for e in result.explanations}
    proposals = []
    job_rows: list[JobPlacement] = []
    for needs in pool:
        placement = placed.get(str(needs.case_id))
        explanation = explained[str(needs.case_id)]
        proposal = Proposal(
            run=run,
            case=needs.case,
            offer_id=placement.offer_key if placement else None,
            sponsorship_id=sponsor.sponsorship_key
            if (sponsor := (sponsored or {}).get(str(needs.case_id)))
            else None,
            persons=needs.adults + needs.children,
            children=needs.children,
            score=explanation.score,
            explanation={
                **explanation_document(explanation),
                "sponsor": sponsor_document(sponsor),
                "jobs": jobs_document(work := (employed or {}).get(str(needs.case_id), ())),
            },
        )
        proposal.save()
        proposals.append(proposal)
        job_rows.extend(
            JobPlacement(proposal=proposal, job_id=p.job_key, adult=p.adult, score=round(p.score, 4))
            for p in work
        )
    JobPlacement.objects.bulk_create(job_rows)
    run.status = RunStatus.DONE
    run.method = result.plan.method
    run.proven_optimal = result.plan.proven_optimal
    run.objective = result.plan.objective
    run.upper_bound = result.plan.upper_bound
    run.violations = {}
    run.reserved = {key: round(price, 4) for key, price in (reserved or {}).items() if price > 0}
    run.save(update_fields=[*RUN_RESULT_FIELDS, "updated_at"])
    audit.record(actor=actor, action="match_run.complete", target=run, changed_fields=RUN_RESULT_FIELDS)
    if proposals:
        audit.record_each(
            actor=actor,
            action="proposal.create",
            targets=[(p, p.case) for p in proposals],
            changed_fields=PROPOSAL_FIELDS,
        )
    if job_rows:
        audit.record_each(
            actor=actor,
            action="job_placement.create",
            targets=[(row, row.proposal.case) for row in job_rows],
            changed_fields={"proposal", "job", "adult", "score"},
        )
    return run


def _check_run(actor: Actor, run: MatchRun, proposals: list[Proposal]) -> None:
    """Re-check the run's placements against every hard rule; refuse, naming the rules, if any is broken."""
    offers = list(run.offers.all())
    needs = list(HouseholdNeeds.objects.filter(case_id__in=[p.case_id for p in proposals]))
    taken = selectors.places_taken([o.pk for o in offers], exclude_run=run.pk)
    instance = instance_of(needs, offers, taken)
    violations: list[Any] = [
        *matching.validate(instance, placements_of(proposals)),
        *_job_violations(run, proposals, needs, offers),
    ]
    if violations:
        rules = sorted({str(v.rule) for v in violations})
        message = _("This change breaks a rule: %(rules)s. Nothing was changed.") % {
            "rules": "; ".join(rule_text(rule) for rule in rules)
        }
        raise _invalid("offer", message)


def _job_violations(
    run: MatchRun, proposals: list[Proposal], needs: list[HouseholdNeeds], offers: list[Offer]
) -> list[jobs.JobViolation]:
    """The job stage's rules over the run's job placement rows as they are now (positions held by other runs'
    sent proposals included), checked by its own validator."""
    rows = list(
        JobPlacement.objects.filter(proposal__in=[p.pk for p in proposals]).select_related("proposal")
    )
    if not rows:
        return []
    job_offers = [job_offer_of(o) for o in offers if o.kind == OfferKind.JOB]
    taken = selectors.positions_taken([o.pk for o in offers], exclude_run=run.pk)
    return jobs.validate_job_placements(
        [household_of(n) for n in needs],
        placements_of(proposals),
        {str(o.pk): o.town for o in offers},
        job_offers,
        [(str(row.proposal.case_id), row.adult, str(row.job_id)) for row in rows],
        taken,
    )


def _jobs_gone(run: MatchRun) -> list[JobPlacement]:
    """The run's job placements whose job offer was closed since, or whose positions other runs' proposals
    sent since have filled (the lowest-scoring go first)."""
    rows = list(
        JobPlacement.objects.filter(proposal__run=run)
        .select_related("job", "proposal__case")
        .order_by("-score", "proposal__created_at", "adult")
    )
    taken = selectors.positions_taken(list({row.job_id for row in rows}), exclude_run=run.pk)
    left = {row.job_id: row.job.capacity_persons - taken.get(str(row.job_id), 0) for row in rows}
    gone = []
    for row in rows:
        if not row.job.is_open or left[row.job_id] <= 0:
            gone.append(row)
        else:
            left[row.job_id] -= 1
    return gone


def _drop_gone_jobs(run: MatchRun, proposals: list[Proposal]) -> list[JobPlacement]:
    """Before a run is checked again (a hand edit, sending): the positions of job offers closed or filled by
    other runs since are no longer proposed (the homes and the other jobs are). The rows dropped, to audit."""
    gone = _jobs_gone(run)
    for proposal in proposals:
        mine = [row for row in gone if row.proposal_id == proposal.pk]
        if mine:
            _without_jobs(proposal, mine)
            proposal.save(update_fields=["explanation", "updated_at"])
    return gone


def _without_jobs(proposal: Proposal, rows: list[JobPlacement]) -> None:
    """Take these job placements off the proposal: their rows, and their adults' words in its explanation."""
    if not rows:
        return
    gone = {row.adult for row in rows}
    explanation = proposal.explanation or {}
    proposal.explanation = {
        **explanation,
        "jobs": [entry for entry in explanation.get("jobs", []) if entry.get("adult") not in gone],
    }
    JobPlacement.objects.filter(pk__in=[row.pk for row in rows]).delete()


@transaction.atomic
def proposal_move(*, actor: Actor, proposal_id: object, offer_id: object | None) -> Proposal:
    """A coordinator's hand edit: place the household elsewhere (or nowhere). The validator re-checks the run."""
    proposal = get_scoped(Proposal.objects.select_related("run"), actor, proposal_id, for_update=True)
    run = proposal.run
    if not can_change_run(actor, run):
        raise PermissionDenied(_("Only a coordinator can change a run's proposals."))
    if run.status != RunStatus.DONE or proposal.status != ProposalStatus.PROPOSED:
        raise Conflict(_("Proposals can be changed only before they are sent."))
    if offer_id is not None and not run.offers.filter(pk=offer_id, is_open=True).exists():
        raise _invalid("offer", _("Choose one of the open offers of this run."))
    moved_town = proposal.offer.town if proposal.offer_id else None
    proposal.offer_id = offer_id  # type: ignore[assignment]
    proposal.edited_by_hand = True
    new_offer = Offer.objects.filter(pk=offer_id).first() if offer_id is not None else None
    if proposal.sponsorship_id is not None and (new_offer is None or new_offer.town != moved_town):
        # A sponsor supports households in its own town: moved elsewhere, the household has none in this run.
        proposal.sponsorship_id = None
        proposal.explanation = {**(proposal.explanation or {}), "sponsor": {}}
    dropped_jobs = [
        row
        for row in JobPlacement.objects.filter(proposal=proposal).select_related("job", "proposal__case")
        if new_offer is None or row.job.town != new_offer.town
    ]
    # A job is in its own town: moved elsewhere, the household's adults have none in this run.
    _without_jobs(proposal, dropped_jobs)
    others = list(Proposal.objects.filter(run=run).exclude(pk=proposal.pk))
    dropped_jobs += _drop_gone_jobs(run, [*others, proposal])
    _check_run(actor, run, [*others, proposal])
    proposal.save(update_fields=["offer", "sponsorship", "explanation", "edited_by_hand", "updated_at"])
    audit.record(actor=actor, action="proposal.move", target=proposal, parent=proposal.case,
                 changed_fields={"offer", "sponsorship", "edited_by_hand"})  # fmt: skip
    if dropped_jobs:
        audit.record_each(
            actor=actor,
            action="job_placement.drop",
            targets=[(row, row.proposal.case) for row in dropped_jobs],
            changed_fields={"proposal", "job", "adult"},
        )
    return proposal


@transaction.atomic
def match_run_send(*, actor: Actor, run_id: object) -> MatchRun:
    """Send the placed proposals to their households; the run is checked once more first."""
    run = get_scoped(MatchRun, actor, run_id, for_update=True)
    if not can_change_run(actor, run):
        raise PermissionDenied(_("Only a coordinator can send a run's proposals."))
    if run.status != RunStatus.DONE:
        raise Conflict(_("Only a finished run that has not been sent can be sent."))
    proposals = list(Proposal.objects.filter(run=run).select_related("case", "offer"))
    dropped_jobs = _drop_gone_jobs(run, proposals)
    _check_run(actor, run, proposals)
    placed = [p for p in proposals if p.offer_id is not None]
    closed = sorted({p.offer.title for p in placed if p.offer is not None and not p.offer.is_open})
    if closed:
        raise Conflict(
            _("These offers were closed after the run: %(offers)s. Move their households first.")
            % {"offers": ", ".join(closed)}
        )
    for proposal in placed:
        proposal.status = ProposalStatus.SENT
        proposal.save(update_fields=["status", "updated_at"])
    run.status = RunStatus.SENT
    run.sent_at = timezone.now()
    run.save(update_fields=["status", "sent_at", "updated_at"])
    audit.record(actor=actor, action="match_run.send", target=run, changed_fields={"status", "sent_at"})
    if dropped_jobs:
        audit.record_each(
            actor=actor,
            action="job_placement.drop",
            targets=[(row, row.proposal.case) for row in dropped_jobs],
            changed_fields={"proposal", "job", "adult"},
        )
    if placed:
        audit.record_each(
            actor=actor,
            action="proposal.send",
            targets=[(p, p.case) for p in placed],
            changed_fields={"status"},
        )
    return run


@transaction.atomic
def proposal_respond(*, actor: Actor, case_id: object, proposal_id: object, accept: bool) -> Proposal:
    """The household's answer on its status page. Declining costs nothing: the household is in the next run."""
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("case")
        .filter(pk=proposal_id, case_id=case_id)
        .first()
    )
    if proposal is None:
        raise NotFound(_("This proposal does not exist."))
    if proposal.status != ProposalStatus.SENT:
        raise Conflict(_("This proposal has already been answered."))
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    proposal.responded_at = timezone.now()
    proposal.save(update_fields=["status", "responded_at", "updated_at"])
    audit.record(actor=actor, action="proposal.respond", target=proposal, parent=proposal.case,
                 changed_fields={"status", "responded_at"})  # fmt: skip
    return proposal


@transaction.atomic
def proposal_answer_record(*, actor: Actor, proposal_id: object, accept: bool) -> Proposal:
    """A household's answer given to its caseworker (by phone, in person), recorded by staff of the run's
    organisation. The same rule as on the status page: declining costs nothing."""
    proposal = get_scoped(Proposal.objects.select_related("case", "run"), actor, proposal_id, for_update=True)
    if not can_record_answer(actor, proposal.run):
        raise PermissionDenied(_("Only caseworkers and coordinators can record a household's answer."))
    if proposal.status != ProposalStatus.SENT:
        raise Conflict(_("This proposal has already been answered."))
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    proposal.responded_at = timezone.now()
    proposal.save(update_fields=["status", "responded_at", "updated_at"])
    audit.record(actor=actor, action="proposal.respond", target=proposal, parent=proposal.case,
                 changed_fields={"status", "responded_at"})  # fmt: skip
    return proposal


def today() -> date:
    return timezone.localdate()
