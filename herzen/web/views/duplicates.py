"""The merge queue (issue 16): pairs of records that may be one person, compared side by side; a caseworker
merges them, says they are two people, or undoes a merge. Starting a search queues the linkage job."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from herzen.core.exceptions import ApplicationError, Conflict, Invalid
from herzen.identity import selectors, services
from herzen.identity.finding import start_finding
from herzen.identity.labels import explained
from herzen.identity.models import PairStatus
from herzen.identity.permissions import can_decide_pair, can_find_duplicates, can_undo_merge
from herzen.people.selectors import person_detail, unlock_persons
from herzen.web.access import organisation_page, record_shown, require

QUEUE_PAGE = 50


@require_GET
@organisation_page
def queue_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    require(can_find_duplicates(actor))
    pairs = list(selectors.pair_queue(actor=actor)[:QUEUE_PAGE])
    persons = [person for pair in pairs for person in (pair.first, pair.second)]
    unlock_persons(persons)  # their data keys in one query, not one per name shown
    if persons:
        record_shown(request, persons, "identity")
    rows = [
        {"pair": pair, "percent": round(pair.probability * 100), "why": explained(pair.levels)}
        for pair in pairs
    ]
    return render(
        request, "identity/queue.html", {"rows": rows, "total": selectors.pair_queue(actor=actor).count()}
    )


@require_POST
@organisation_page
def search_start_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    require(can_find_duplicates(actor))
    job = start_finding(actor=actor)
    return redirect("web:job-detail", job.pk)


def _side(actor: object, person_id: object) -> object:
    return person_detail(actor=actor, person_id=person_id)  # type: ignore[arg-type]


@require_GET
@organisation_page
def pair_view(request: HttpRequest, pair_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    pair = selectors.pair_get(actor=actor, pair_id=pair_id)
    first, second = _side(actor, pair.first_id), _side(actor, pair.second_id)
    record_shown(request, [first, second], "identity", "contact", "documents", "household")
    merge = selectors.pair_merge(actor=actor, pair=pair) if pair.status == PairStatus.MERGED else None
    context = {
        "pair": pair,
        "sides": [first, second],
        "percent": round(pair.probability * 100),
        "why": explained(pair.levels),
        "can_decide": pair.status == PairStatus.OPEN and can_decide_pair(actor, pair),
        "merge": merge,
        "can_undo": merge is not None and can_undo_merge(actor, merge),
        "kept_apart": selectors.cases_kept_apart(actor=actor, merge=merge) if merge else [],
        "error": request.session.pop("duplicates_error", ""),
    }
    return render(request, "identity/pair.html", context)


def _back_with(request: HttpRequest, pair_id: object, error: ApplicationError) -> HttpResponse:
    # A refused decision changes nothing: the same page again, with the reason above the choices.
    request.session["duplicates_error"] = str(error)
    return redirect("web:duplicate-pair", pair_id)


@require_POST
@organisation_page
def merge_view(request: HttpRequest, pair_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    pair = selectors.pair_get(actor=actor, pair_id=pair_id)
    require(can_decide_pair(actor, pair))
    try:
        merge = services.pair_merge(
            actor=actor, pair_id=pair.pk, survivor_id=request.POST.get("survivor", "")
        )
    except (Invalid, Conflict) as error:
        return _back_with(request, pair.pk, error)
    messages.success(request, _("The records were merged. You can undo this here."))
    return redirect("web:duplicate-pair", merge.pair_id)


@require_POST
@organisation_page
def not_same_view(request: HttpRequest, pair_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    pair = selectors.pair_get(actor=actor, pair_id=pair_id)
    require(can_decide_pair(actor, pair))
    try:
        services.pair_not_same(actor=actor, pair_id=pair.pk)
    except Conflict as error:
        return _back_with(request, pair.pk, error)
    messages.success(request, _("Marked as different people. This pair will not be proposed again."))
    return redirect("web:duplicates")


@require_POST
@organisation_page
def undo_view(request: HttpRequest, merge_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    merge = selectors.merge_get(actor=actor, merge_id=merge_id)
    require(can_undo_merge(actor, merge))
    try:
        services.merge_undo(actor=actor, merge_id=merge.pk)
    except Conflict as error:
        return _back_with(request, merge.pair_id, error)
    messages.success(request, _("The merge was undone: both records are as they were."))
    return redirect("web:duplicate-pair", merge.pair_id)
