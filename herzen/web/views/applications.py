"""Application pages: the list (an NGO's applications, or an authority's work page of what was referred to it),
starting one from a case, and the application page with its history, deadlines, checklist and the moves this
actor may make, each a small form with the facts the move needs."""

import re
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from herzen.cases.selectors import case_get
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid
from herzen.domain.rules import Outcome, Recommendation, ScreeningResult
from herzen.domain.workflow import PATHWAYS
from herzen.evidence.permissions import can_export_dossier
from herzen.evidence.selectors import application_evidence
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
from herzen.pathways.screening_labels import fact_name, fact_value, legal_basis, shipped_text
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.application_forms import ApplicationStartForm, MoveForm


@dataclass(frozen=True)
class ApplicationRow:
    application: Application
    pathway_name: str
    state_label: str
    days_in_state: int | None = None  # whole days since it entered its state (queues only)


def application_rows(applications: list[Application], *, today: date | None = None) -> list[ApplicationRow]:
    return [
        ApplicationRow(
            application=a,
            pathway_name=label(PATHWAY_NAMES, a.pathway),
            state_label=label(STATE_LABELS, a.state),
            days_in_state=(today - timezone.localdate(a.state_entered_at)).days if today else None,
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


DUE_THIS_WEEK_DAYS = 7
STAY_EXPIRES_SOON_DAYS = 14
DEFAULT_WAITING_DAYS = 30
MAX_DAYS = 3650


def days_parameter(request: HttpRequest, name: str) -> int | None:
    """A whole number of days from the query string; anything else (empty, negative, text) is no filter."""
    raw = request.GET.get(name, "").strip()
    if not raw.isdigit():
        return None
    return min(int(raw), MAX_DAYS)


@require_GET
@organisation_page
def application_list_view(request: HttpRequest) -> HttpResponse:
    """The work queue: the applications the actor sees, the most urgent case first (the case's priority,
    then the nearest open deadline, then the longest wait), with the queue views as filters."""
    actor = request.actor  # type: ignore[attr-defined]
    is_authority = actor.organisation.is_authority
    today = timezone.localdate()
    waiting = request.GET.get("waiting") == "1"
    due = days_parameter(request, "due")
    # An authority does not read the NGO's file on stays: the filter is the NGO's only.
    within = None if is_authority else days_parameter(request, "within")
    waiting_days = days_parameter(request, "waiting_days")
    filters = selectors.ApplicationFilters(
        waiting_on_authority=True if waiting else None,
        deadline_within_days=due,
        stay_within_days=within,
        waiting_longer_than_days=waiting_days,
        queue_order=True,
    )
    applications = list(selectors.application_list(actor=actor, filters=filters, today=today)[:200])
    # Each row shows an application's pathway, destination and state under its case's reference (and, to
    # the NGO, when the household's stay ends).
    record_shown(
        request,
        [*applications, *(a.case for a in applications)],
        "application",
        "case",
        *(() if is_authority else ("stays",)),
    )
    return render(
        request,
        "web/applications/list.html",
        {
            "rows": application_rows(applications, today=today),
            "is_authority": is_authority,
            "waiting": waiting,
            "due": due,
            "within": within,
            "waiting_days": waiting_days,
            "is_filtered": waiting or due is not None or within is not None or waiting_days is not None,
            "due_this_week_days": DUE_THIS_WEEK_DAYS,
            "stay_expires_soon_days": STAY_EXPIRES_SOON_DAYS,
            "default_waiting_days": DEFAULT_WAITING_DAYS,
            "today": today,
        },
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


RECOMMENDATION_LABELS = {
    Recommendation.ELIGIBLE: gettext_lazy("Appears eligible"),
    Recommendation.NOT_ELIGIBLE: gettext_lazy("Appears not eligible"),
    Recommendation.NEEDS_REVIEW: gettext_lazy("Needs review"),
}
OUTCOME_OF_CRITERION = {
    Outcome.MET: gettext_lazy("met"),
    Outcome.NOT_MET: gettext_lazy("not met"),
    Outcome.UNKNOWN: gettext_lazy("not known"),
}
SCREENING_PROBLEMS = {
    selectors.ScreeningProblem.NO_RULE_SET: gettext_lazy("The policy regime has no screening rules."),
    selectors.ScreeningProblem.INVALID_RULE_SET: gettext_lazy(
        "The policy regime's screening rules cannot be read; the platform operator must correct them."
    ),
}
# Screening shows what the case record knows: risk factors, whether a passport is valid, when the stay ends.
SCREENING_SHOWN = ("risk", "documents", "stays", "declarations")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def recorded_fact_text(value: object) -> str:
    """A fact recorded with a move (JSON: a yes/no, an ISO date, a text) as a person reads it: never `True`
    or `2026-03-01`."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date_format(date.fromisoformat(value), "j E Y")
        except ValueError:
            return value
    return str(value)


@dataclass(frozen=True)
class CriterionLine:
    label: str
    required: bool
    outcome: str
    outcome_label: str
    facts: list[tuple[str, str]]


def screening_context(result: ScreeningResult) -> dict[str, object]:
    return {
        "result": result,
        # Rule sets share their pathway's code (herzen/domain/rules/rule_sets): named, not shown as a code.
        "rule_set_name": label(PATHWAY_NAMES, result.rule_set_id),
        "recommendation_label": RECOMMENDATION_LABELS[result.recommendation],
        "criteria": [
            CriterionLine(
                label=shipped_text(criterion.label),
                required=criterion.required,
                outcome=criterion.outcome.value,
                outcome_label=str(OUTCOME_OF_CRITERION[criterion.outcome]),
                facts=[(fact_name(fact.name), fact_value(fact.name, fact.value)) for fact in criterion.facts],
            )
            for criterion in result.criteria
        ],
    }


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
            facts=[(label(FACT_LABELS, k), recorded_fact_text(v)) for k, v in change.facts.items()],
        )
        for change in selectors.application_history(actor=actor, application=application)
    ]
    deadlines = [
        (deadline, label(DEADLINE_LABELS, deadline.kind))
        for deadline in selectors.application_deadlines(actor=actor, application=application)
    ]
    household = selectors.application_identities(actor=actor, application_id=application.pk)
    screening = selectors.application_screening(actor=actor, application=application, today=today)
    evidence = application_evidence(actor=actor, application_id=application.pk)
    record_shown(
        request,
        [application, application.case, *selectors.shown_people(household), *evidence],
        "application",
        "case",
        "identity",
        "documents",
        "household",
        *(("evidence",) if evidence else ()),
        *(SCREENING_SHOWN if screening.result else ()),
    )
    context = {
        "application": application,
        "pathway": pathway,
        "pathway_name": label(PATHWAY_NAMES, pathway.code),
        "legal_basis": legal_basis(pathway.code, pathway.legal_basis),
        "regime_name": shipped_text(application.regime.name),
        "outcome_label": label(OUTCOME_LABELS, pathway.outcome.value),
        "state_label": label(STATE_LABELS, application.state),
        "is_authority": actor.organisation.is_authority,
        "household": household,
        "destination_name": countries.name(application.destination_country),
        "evidence": evidence,
        "can_download_dossier": can_export_dossier(actor, application),
        "history": history,
        "decisions": [
            (decision, label(MOVE_LABELS, decision.transition))
            for decision in selectors.application_decisions(actor=actor, application=application)
        ],
        "deadlines": deadlines,
        "checklist": [label(EVIDENCE_LABELS, code) for code in pathway.evidence_checklist],
        "panels": panels,
        "screening": screening_context(screening.result) if screening.result else None,
        "screening_problem": SCREENING_PROBLEMS.get(screening.problem, ""),
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


CHART_WIDTH = 360  # SVG user units; the image scales to the width of the page
BAR_AREA = 340
ROW_HEIGHT = 46


@dataclass(frozen=True)
class ChartRow:
    state_label: str
    stays: int
    median_days: float
    p90_days: float
    # geometry of the server-drawn bar chart, in SVG user units
    label_y: int
    median_y: int
    p90_y: int
    median_width: float
    p90_width: float


@dataclass(frozen=True)
class PathwayChart:
    code: str
    name: str
    applications: int
    rows: list[ChartRow]
    height: int


def pathway_chart(figures: selectors.PathwayDurations) -> PathwayChart:
    longest = max((row.p90_days for row in figures.states), default=0.0) or 1.0
    rows = []
    for index, row in enumerate(figures.states):
        top = index * ROW_HEIGHT
        rows.append(
            ChartRow(
                state_label=label(STATE_LABELS, row.state),
                stays=row.stays,
                median_days=round(row.median_days, 1),
                p90_days=round(row.p90_days, 1),
                label_y=top + 14,
                median_y=top + 20,
                p90_y=top + 31,
                # at least a sliver, so that a state left within the hour still shows a bar
                median_width=round(max(row.median_days / longest * BAR_AREA, 1.0), 1),
                p90_width=round(max(row.p90_days / longest * BAR_AREA, 1.0), 1),
            )
        )
    return PathwayChart(
        code=figures.pathway.code,
        name=label(PATHWAY_NAMES, figures.pathway.code),
        applications=figures.applications,
        rows=rows,
        height=max(len(rows) * ROW_HEIGHT, ROW_HEIGHT),
    )


@require_GET
@organisation_page
def application_time_in_state_view(request: HttpRequest) -> HttpResponse:
    """How long applications stay in each state, per pathway: median and 90th percentile days, over the
    applications the actor sees. Figures only: no application or person is shown, so nothing is logged."""
    actor = request.actor  # type: ignore[attr-defined]
    charts = [pathway_chart(figures) for figures in selectors.time_in_state_by_pathway(actor=actor)]
    return render(
        request,
        "web/applications/time_in_state.html",
        {
            "charts": charts,
            "is_authority": actor.organisation.is_authority,
            "chart_width": CHART_WIDTH,
        },
    )
