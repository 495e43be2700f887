"""Resettlement pages (issue 17): offers, matching runs with their proposals and explanations, a case's needs."""

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.cases.selectors import case_get
from herzen.core.exceptions import Conflict, Invalid
from herzen.resettlement import selectors, services
from herzen.resettlement.forms import (
    NeedsForm,
    OfferForm,
    OfferImportForm,
    PlaceNowForm,
    ProposalMoveForm,
    RunStartForm,
    WeightsForm,
)
from herzen.resettlement.offer_import import offers_import
from herzen.resettlement.permissions import (
    can_change_offer,
    can_change_run,
    can_edit_needs,
    can_publish_offer,
    can_run_match,
    can_see_medical_needs,
)
from herzen.resettlement.rule_words import explained
from herzen.web.access import add_service_errors, organisation_page, record_shown, require


def _offers_page(request: HttpRequest, form: OfferForm | None = None, import_form: OfferImportForm | None = None,
                 status: int = 200) -> HttpResponse:  # fmt: skip
    actor = request.actor  # type: ignore[attr-defined]
    offers = list(selectors.offer_list(actor=actor).order_by("country", "town", "title"))
    taken = selectors.places_taken([o.pk for o in offers])
    rows = [{"offer": o, "taken": taken.get(o.pk, (0, 0))[0], "own": o.organisation_id == actor.organisation_id}
            for o in offers]  # fmt: skip
    can_publish = can_publish_offer(actor)
    context = {
        "rows": rows,
        "form": form or (OfferForm(prefix="offer") if can_publish else None),
        "import_form": import_form or (OfferImportForm(prefix="import") if can_publish else None),
    }
    return render(request, "web/resettlement/offers.html", context, status=status)


@require_http_methods(["GET", "POST"])
@organisation_page
def offers_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _offers_page(request)
    actor = request.actor  # type: ignore[attr-defined]
    require(can_publish_offer(actor))
    form = OfferForm(request.POST, prefix="offer")
    if form.is_valid():
        try:
            services.offer_create(actor=actor, **form.offer_values())
        except Invalid as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The offer is published."))
            return redirect("web:resettlement-offers")
    return _offers_page(request, form=form)


@require_http_methods(["GET", "POST"])
@organisation_page
def offer_edit_view(request: HttpRequest, offer_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    offer = selectors.own_offer_get(actor=actor, offer_id=offer_id)
    editable = can_change_offer(actor, offer) and offer.is_open
    form = OfferForm(request.POST or None, prefix="offer", initial=OfferForm.initial_of(offer))
    if request.method == "POST":
        require(editable)
        if form.is_valid():
            try:
                services.offer_update(actor=actor, offer_id=offer.pk, **form.offer_values())
            except (Invalid, Conflict) as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The offer is changed."))
                return redirect("web:resettlement-offers")
    taken = selectors.places_taken([offer.pk]).get(offer.pk, (0, 0))
    context = {"offer": offer, "form": form if editable else None, "taken": taken}
    return render(request, "web/resettlement/offer.html", context)


@require_POST
@organisation_page
def offer_close_view(request: HttpRequest, offer_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    offer = selectors.own_offer_get(actor=actor, offer_id=offer_id)
    require(can_change_offer(actor, offer))
    services.offer_close(actor=actor, offer_id=offer.pk)
    messages.success(request, _("The offer is closed: no new run will use it."))
    return redirect("web:resettlement-offers")


@require_POST
@organisation_page
def offers_import_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    require(can_publish_offer(actor))
    form = OfferImportForm(request.POST, request.FILES, prefix="import")
    if form.is_valid():
        try:
            offers = offers_import(actor=actor, content=form.cleaned_data["file"].read())
        except Invalid as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Offers imported: %(count)s.") % {"count": len(offers)})
            return redirect("web:resettlement-offers")
    return _offers_page(request, import_form=form)


def _runs_page(request: HttpRequest, form: RunStartForm | None = None) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    open_offers = selectors.offer_list(actor=actor).filter(is_open=True).order_by("country", "town")
    pool_counts = _pool_counts(actor)
    context = {
        "runs": selectors.run_list(actor=actor).annotate(proposal_count=Count("proposals"))[:50],
        "pool_counts": pool_counts,
        "form": form or (RunStartForm(prefix="run", offers=open_offers) if can_run_match(actor) else None),
    }
    return render(request, "web/resettlement/runs.html", context)


def _pool_counts(actor: Any) -> list[tuple[str, int]]:
    """How many households are ready for a run, per destination country (one query)."""
    return selectors.pool_counts(actor=actor)


@require_http_methods(["GET", "POST"])
@organisation_page
def runs_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _runs_page(request)
    actor = request.actor  # type: ignore[attr-defined]
    require(can_run_match(actor))
    offers = selectors.offer_list(actor=actor).filter(is_open=True)
    form = RunStartForm(request.POST, prefix="run", offers=offers)
    if form.is_valid():
        try:
            run = services.match_run_start(
                actor=actor,
                destination_country=form.cleaned_data["destination_country"],
                offer_ids=[o.pk for o in form.cleaned_data["offers"]],
                weights=form.weights(),
            )
        except Invalid as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The run has started; this page shows its proposals when it is done.")
            )
            return redirect("web:resettlement-run-detail", run_id=run.pk)
    return _runs_page(request, form=form)


@require_http_methods(["GET", "POST"])
@organisation_page
def weights_view(request: HttpRequest) -> HttpResponse:
    """The coordinator's settings of each programme's score weights, with every earlier version and its date."""
    actor = request.actor  # type: ignore[attr-defined]
    can_set = can_run_match(actor)
    form = WeightsForm(request.POST or None) if can_set else None
    if request.method == "POST":
        require(can_set)
        assert form is not None
        if form.is_valid():
            try:
                services.match_weights_set(actor=actor, **form.cleaned_data)
            except Invalid as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The programme's weights are saved; the next runs use them."))
                return redirect("web:resettlement-weights")
    history = list(selectors.programme_weights_history(actor=actor))
    current = {}
    for version in history:  # newest first within each country
        current.setdefault(version.destination_country, version.pk)
    rows = [{"weights": w, "current": current[w.destination_country] == w.pk} for w in history]
    return render(request, "web/resettlement/weights.html", {"form": form, "rows": rows})


def _explained(proposal: Any) -> dict[str, Any]:
    return explained(proposal.explanation or {}, proposal.persons, proposal.job_placements.all())


@require_GET
@organisation_page
def run_detail_view(request: HttpRequest, run_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    run = selectors.run_get(actor=actor, run_id=run_id)
    proposals = list(selectors.run_proposals(actor=actor, run=run))
    offers = list(run.offers.all())
    choices = [(str(o.pk), f"{o.title} — {o.town}") for o in offers if o.kind != "job"]
    editable = can_change_run(actor, run) and run.status == "done"
    rows = [
        {
            "proposal": p,
            "explained": _explained(p),
            "form": ProposalMoveForm(
                prefix=str(p.pk), choices=choices, initial={"offer": str(p.offer_id or "")}
            )
            if editable
            else None,
        }
        for p in proposals
    ]
    if proposals:
        record_shown(request, [p.case for p in proposals], "household")
    context = {
        "run": run,
        "rows": rows,
        "editable": editable,
        "job": run.job,
        "weights": run.weights.get("weights", {}),
    }
    return render(request, "web/resettlement/run.html", context)


@require_POST
@organisation_page
def proposal_move_view(request: HttpRequest, run_id: object, proposal_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    run = selectors.run_get(actor=actor, run_id=run_id)
    require(can_change_run(actor, run))
    offer_id = request.POST.get(f"{proposal_id}-offer") or None
    try:
        services.proposal_move(actor=actor, proposal_id=proposal_id, offer_id=offer_id)
    except (Invalid, Conflict) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal is changed; the run still keeps every rule."))
    return redirect("web:resettlement-run-detail", run_id=run.pk)


@require_POST
@organisation_page
def run_send_view(request: HttpRequest, run_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    run = selectors.run_get(actor=actor, run_id=run_id)
    require(can_change_run(actor, run))
    try:
        services.match_run_send(actor=actor, run_id=run.pk)
    except (Invalid, Conflict) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposals are sent; each household answers on its status page."))
    return redirect("web:resettlement-run-detail", run_id=run.pk)


@require_http_methods(["GET", "POST"])
@organisation_page
def case_needs_view(request: HttpRequest, case_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    needs = selectors.needs_for_case(actor=actor, case_id=case.pk)
    form = NeedsForm(request.POST or None, initial=NeedsForm.initial_of(needs))
    if not can_see_medical_needs(actor):
        del form.fields["medical_needs"]  # kept encrypted and shown only to those who keep the needs
    if request.method == "POST":
        require(can_edit_needs(actor))
        if form.is_valid():
            try:
                services.household_needs_save(actor=actor, case_id=case.pk, **form.needs_values())
            except Invalid as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The household's needs are saved."))
                return redirect("web:case-resettlement-needs", case_id=case.pk)
    record_shown(request, case, "household")
    context = {
        "case": case,
        "form": form,
        "can_edit": can_edit_needs(actor),
        "place_form": _place_form(actor, needs),
    }
    return render(request, "web/resettlement/needs.html", context)


def _place_offers(actor: Any, needs: Any) -> Any:
    return (
        selectors.offer_list(actor=actor, country=needs.destination_country)
        .filter(is_open=True)
        .exclude(kind="job")
    )


def _place_form(actor: Any, needs: Any, data: Any = None) -> PlaceNowForm | None:
    """A coordinator may place a household that is in the pool at once (dynamic policy)."""
    if needs is None or not can_run_match(actor):
        return None
    if not selectors.match_pool(actor=actor, country=needs.destination_country).filter(pk=needs.pk).exists():
        return None
    return PlaceNowForm(data, prefix="place", offers=_place_offers(actor, needs))


@require_POST
@organisation_page
def case_place_now_view(request: HttpRequest, case_id: object) -> HttpResponse:
    """Place a newly arrived household against today's capacity, keeping room for those expected later."""
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_run_match(actor))
    needs = selectors.needs_for_case(actor=actor, case_id=case.pk)
    form = _place_form(actor, needs, request.POST)
    if form is None:
        messages.error(request, _("This household is not ready to be matched, or already holds a proposal."))
        return redirect("web:case-resettlement-needs", case_id=case.pk)
    if form.is_valid():
        try:
            run = services.match_run_start(
                actor=actor,
                destination_country=needs.destination_country,
                offer_ids=[o.pk for o in form.cleaned_data["offers"]],
                arrival_case_ids=[case.pk],
            )
        except Invalid as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The household is being placed; this page shows the proposal when it is done.")
            )
            return redirect("web:resettlement-run-detail", run_id=run.pk)
    else:
        messages.error(request, _("Choose at least one offer."))
    return redirect("web:case-resettlement-needs", case_id=case.pk)
