"""Application pages: the list (an NGO's applications, or an authority's work page of what was referred to it),
starting one from a case, and the application page with its history, deadlines, checklist and the moves this
actor may make, each a small form with the facts the move needs."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.cases.selectors import case_get
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid
from herzen.domain.workflow import PATHWAYS
from herzen.pathways import selectors, services
from herzen.pathways.labels import (
    DEADLINE_LABELS,
    EVIDENCE_LABELS,
    FACT_LABELS,
    MOVE_LABELS,
    OUTCOME_LABELS,
    PATHWAY_NAMES,
    STATE_LABELS,
    label,
)
from herzen.pathways.models import Application, ApplicationStateChange
from herzen.pathways.permissions import can_start_application
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.application_forms import ApplicationStartForm, MoveForm


@dataclass(frozen=True)
class ApplicationRow:
    application: Application
    pathway_name: str
    state_label: str


def application_rows(applications: list[Application]) -> list[ApplicationRow]:
    return [
        ApplicationRow(
            application=a,
            pathway_name=label(PATHWAY_NAMES, a.pathway),
            state_label=label(STATE_LABELS, a.state),
        )
        for a in applications
    ]


def start_form(actor: Actor, data: object = None) -> ApplicationStartForm:
    open_codes = [row.pathway.code for row in selectors.pathway_list(actor=actor) if row.open_regime]
    return ApplicationStartForm(data, pathway_codes=open_codes, prefix="application")


def case_applications_context(actor: Actor, case: object) -> dict[str, object]:
    """What the case page shows of applications: the case's list and, for those who may, the start form."""
    applications = selectors.application_list(
        actor=actor,
        filters=selectors.ApplicationFilters(case_id=case.pk),  # type: ignore[attr-defined]
    )
    can_start = can_start_application(actor, case.organisation_id)  # type: ignore[attr-defined]
    return {
        "application_rows": application_rows(list(applications)),
        "application_form": start_form(actor) if can_start else None,
    }


@require_GET
@organisation_page
def application_list_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    waiting = request.GET.get("waiting") == "1"
    filters = selectors.ApplicationFilters(waiting_on_authority=True if waiting else None)
    applications = list(selectors.application_list(actor=actor, filters=filters)[:200])
    is_authority = actor.organisation.is_authority
    return render(
        request,
        "web/applications/list.html",
        {"rows": application_rows(applications), "is_authority": is_authority, "waiting": waiting},
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def application_start_view(request: HttpRequest, case_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_start_application(actor, case.organisation_id))
    form = start_form(actor, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            application = services.application_start(
                actor=actor,
                case_id=case.pk,
                pathway=form.cleaned_data["pathway"],
                destination_country=form.cleaned_data["destination_country"],
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The application was started."))
            return redirect("web:application-detail", application.pk)
    return render(request, "web/applications/new.html", {"case": case, "form": form})


@dataclass(frozen=True)
class HistoryLine:
    change: ApplicationStateChange
    move_label: str
    to_label: str
    facts: list[tuple[str, str]]


@dataclass(frozen=True)
class MovePanel:
    name: str
    title: str
    form: MoveForm
    decision: bool


def render_application(
    request: HttpRequest, application: Application, *, bound: MoveForm | None = None
) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    pathway = PATHWAYS[application.pathway]
    today = timezone.localdate()
    deciding_body = actor.organisation.name if actor.organisation.is_authority else ""
    panels = []
    for option in selectors.application_moves(actor=actor, application_id=application.pk):
        name = option.transition.name
        form = (
            bound
            if bound is not None and bound.transition.name == name
            else MoveForm(
                transition=option.transition,
                authorities=option.authorities,
                today=today,
                deciding_body=deciding_body,
            )
        )
        panels.append(
            MovePanel(
                name=name,
                title=label(MOVE_LABELS, name),
                form=form,
                decision=option.transition.decision,
            )
        )
    history = [
        HistoryLine(
            change=change,
            move_label=_("Started")
            if change.transition == "start"
            else label(MOVE_LABELS, change.transition),
            to_label=label(STATE_LABELS, change.to_state),
            facts=[(label(FACT_LABELS, k), str(v)) for k, v in change.facts.items()],
        )
        for change in selectors.application_history(actor=actor, application=application)
    ]
    deadlines = [
        (deadline, label(DEADLINE_LABELS, deadline.kind))
        for deadline in selectors.application_deadlines(actor=actor, application=application)
    ]
    # The page shows who the application is for (names, dates of birth) and the case's reference.
    record_shown(request, application, "case", "identity", "household")
    context = {
        "application": application,
        "pathway": pathway,
        "pathway_name": label(PATHWAY_NAMES, pathway.code),
        "outcome_label": label(OUTCOME_LABELS, pathway.outcome.value),
        "state_label": label(STATE_LABELS, application.state),
        "is_authority": actor.organisation.is_authority,
        "household": selectors.application_household(actor=actor, application_id=application.pk),
        "history": history,
        "decisions": [
            (decision, label(MOVE_LABELS, decision.transition))
            for decision in selectors.application_decisions(actor=actor, application=application)
        ],
        "deadlines": deadlines,
        "checklist": [label(EVIDENCE_LABELS, code) for code in pathway.evidence_checklist],
        "panels": panels,
        "error_form": bound,
        "today": today,
    }
    return render(request, "web/applications/detail.html", context)


@require_GET
@organisation_page
def application_detail_view(request: HttpRequest, application_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    return render_application(request, selectors.application_get(actor=actor, application_id=application_id))


@require_POST
@organisation_page
def application_move_view(request: HttpRequest, application_id: object, move: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    application = selectors.application_get(actor=actor, application_id=application_id)
    option = next(
        (
            o
            for o in selectors.application_moves(actor=actor, application_id=application.pk)
            if o.transition.name == move
        ),
        None,
    )
    if option is None:
        # Not a move this actor may make from this state (a stale page, or a forged post): the service would
        # refuse it too; say so plainly instead of showing a form.
        if move not in MOVE_LABELS:
            raise Http404
        messages.error(
            request,
            _("The move “%(move)s” is not possible from “%(state)s”.")
            % {"move": label(MOVE_LABELS, move), "state": label(STATE_LABELS, application.state)},
        )
        return redirect("web:application-detail", application.pk)
    form = MoveForm(
        request.POST, transition=option.transition, authorities=option.authorities, today=timezone.localdate()
    )
    if form.is_valid():
        try:
            services.application_transition(
                actor=actor,
                application_id=application.pk,
                move=move,
                facts=form.facts(),
                authority_id=form.authority_id(),
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            application.refresh_from_db()
            messages.success(
                request,
                _("Done: the application is now “%(state)s”.")
                % {"state": label(STATE_LABELS, application.state)},
            )
            return redirect(f"{reverse('web:application-detail', args=[application.pk])}#state")
    return render_application(request, application, bound=form)
