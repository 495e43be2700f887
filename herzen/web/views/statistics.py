"""Statistics: the public page and its downloads (no login), the statistics officers' releases, and an
organisation's own dashboard.

The public page shows only approved releases: noisy, bounded counts with their margins, no person's data, so
it logs no access. Each figure carries its definition, unit, date, geography, source, method and margin.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.core.exceptions import ApplicationError, NotFound
from herzen.domain.statistics.measures import MEASURES, Measure
from herzen.domain.statistics.tables import PublishedTable
from herzen.pathways.labels import PATHWAY_NAMES, STATE_LABELS, label
from herzen.statistics import selectors, services
from herzen.statistics.charts import Bar, bar_chart
from herzen.statistics.exports import as_csv, as_xlsx, metadata
from herzen.statistics.external import EXTERNAL_ESTIMATES
from herzen.statistics.models import ReleaseStatus
from herzen.statistics.permissions import can_request_release, can_review_release
from herzen.statistics.texts import (
    DIMENSION_LABELS,
    METHOD_TEXT,
    REFERENCE_LABELS,
    SOURCE_TEXT,
    UNIT_LABELS,
    cell_label,
    counting_text,
    measure_definition,
    measure_name,
)
from herzen.web.access import add_service_errors, organisation_page


@dataclass(frozen=True)
class FigureRow:
    label: str
    value: int | None
    margin: int
    merged_from: int


@dataclass(frozen=True)
class Figure:
    measure: Measure
    name: str
    definition: str
    unit: str
    reference: str
    breakdown: str
    counting: str
    rows: list[FigureRow]
    total: int
    total_margin: int
    total_complete: bool
    epsilon: float
    chart: SafeString
    available: bool = True


def _figure(table: PublishedTable) -> Figure:
    measure = table.measure
    rows = [FigureRow(cell_label(measure, c.key), c.value, c.error95, c.merged_from) for c in table.cells]
    shown = [Bar(row.label, row.value, row.margin) for row in rows if row.value is not None]
    return Figure(
        measure=measure,
        name=measure_name(measure),
        definition=measure_definition(measure),
        unit=str(UNIT_LABELS[measure.unit]),
        reference=str(REFERENCE_LABELS[measure.reference]),
        breakdown=" · ".join(str(DIMENSION_LABELS[d]) for d in measure.dimensions),
        counting=counting_text(table),
        rows=rows,
        total=table.total,
        total_margin=table.total_error95,
        total_complete=table.total_covers_everything,
        epsilon=table.epsilon,
        chart=bar_chart(measure_name(measure), shown),
    )


@require_GET
@login_not_required
def public_statistics_view(request: HttpRequest) -> HttpResponse:
    release_id = request.GET.get("release") or None
    try:
        release = selectors.published_release(release_id)
    except (NotFound, ValueError, forms.ValidationError):
        raise Http404 from None
    figures = [_figure(table) for table in selectors.tables_of(release)] if release else []
    shown = {figure.measure.key for figure in figures}
    unavailable = [
        (measure_name(m), measure_definition(m)) for m in MEASURES if not m.available and m.key not in shown
    ]
    context = {
        "release": release,
        "figures": figures,
        "unavailable": unavailable,
        "releases": selectors.published_releases(),
        "external": EXTERNAL_ESTIMATES,
        "method": METHOD_TEXT,
        "source": SOURCE_TEXT,
    }
    return render(request, "web/statistics/public.html", context)


@require_GET
@login_not_required
def public_statistics_download_view(
    request: HttpRequest, release_id: object, name: str, format: str
) -> HttpResponse:
    try:
        release = selectors.published_release(release_id)
    except NotFound:
        raise Http404 from None
    assert release is not None
    tables = selectors.tables_of(release)
    if name == "metadata" and format == "json":
        body = json.dumps(metadata(tables, release.period, release.epsilon), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        table = next((t for t in tables if t.measure.key == name), None)
        if table is None or format not in ("csv", "xlsx"):
            raise Http404
        if format == "csv":
            response = HttpResponse(as_csv(table), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                as_xlsx(table, release.epsilon),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
    response["Content-Disposition"] = content_disposition_header(
        True, f"herzen-{release.period}-{name}.{format}"
    )
    return response


class ReleaseRequestForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("Month"), max_length=7, help_text=gettext_lazy("As YYYY-MM, for example 2026-11.")
    )
    epsilon = forms.FloatField(
        label=gettext_lazy("Privacy loss (ε)"),
        min_value=0.05,
        max_value=1.0,
        initial=1.0,
        help_text=gettext_lazy("At most 1 per release and 4 per year. Lower means more noise."),
    )
    link_organisations = forms.BooleanField(
        label=gettext_lazy("Count people once across organisations"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "Links the organisations' persons with keys made for this release only (no name leaves an "
            "organisation's records); the secret, the keys and the links are deleted once the tables are "
            "computed."
        ),
    )


def _last_month() -> str:
    today = date.today()
    return f"{today.year - 1}-12" if today.month == 1 else f"{today.year}-{today.month - 1:02d}"


@require_http_methods(["GET", "POST"])
@organisation_page
def release_list_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not can_request_release(actor):
        raise PermissionDenied
    form = ReleaseRequestForm(request.POST or None, initial={"period": _last_month()})
    if request.method == "POST" and form.is_valid():
        try:
            release = services.release_request(
                actor=actor,
                period=form.cleaned_data["period"],
                epsilon=form.cleaned_data["epsilon"],
                link_organisations=form.cleaned_data["link_organisations"],
            )
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The release is being computed; it will wait for review."))
            return redirect(reverse("web:statistics-release", args=[release.pk]))
    context = {
        "releases": selectors.releases_for_officer(actor),
        "form": form,
        "budget": selectors.budget_state(),
    }
    return render(request, "web/statistics/releases.html", context)


@require_GET
@organisation_page
def release_detail_view(request: HttpRequest, release_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    release = selectors.release_for_officer(actor, release_id)
    figures = [_figure(table) for table in selectors.tables_of(release)]
    context = {
        "release": release,
        "figures": figures,
        "can_review": release.status == ReleaseStatus.AWAITING_REVIEW and can_review_release(actor, release),
        "method": METHOD_TEXT,
    }
    return render(request, "web/statistics/release.html", context)


@require_POST
@organisation_page
def release_review_view(request: HttpRequest, release_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    release = selectors.release_for_officer(actor, release_id)
    if not can_review_release(actor, release):
        raise PermissionDenied
    decision = request.POST.get("decision")
    try:
        if decision == "approve":
            services.release_approve(actor=actor, release_id=release.pk)
            messages.success(request, _("The release is public."))
        elif decision == "reject":
            services.release_reject(actor=actor, release_id=release.pk)
            messages.success(request, _("The release was rejected; its budget stays spent."))
        else:
            messages.error(request, _("Choose to approve or to reject the release."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(reverse("web:statistics-release", args=[release.pk]))


def _age_label(low: int, high: int | None) -> str:
    if high is None:
        return _("%(low)s days and more") % {"low": low}
    return _("%(low)s to %(high)s days") % {"low": low, "high": high}


@require_GET
@organisation_page
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """The organisation's own work, exact (no noise: it is its own data, shown to its own staff). Figures only:
    no case or person is shown, so nothing is logged."""
    actor = request.actor  # type: ignore[attr-defined]
    figures = selectors.dashboard(actor)
    ages = [(_age_label(low, high), count) for (low, high), count in figures.open_by_age]
    pending = [
        (label(PATHWAY_NAMES, pathway), label(STATE_LABELS, state), count)
        for pathway, state, count in figures.pending_by_state
    ]
    authorities = [
        (name or _("Unknown authority"), count, reasons)
        for name, count, reasons in figures.decisions_by_authority
    ]
    context = {
        "ages": ages,
        "ages_chart": bar_chart(_("Open cases by time since opening"), [Bar(a, c) for a, c in ages]),
        "pending": pending,
        "pending_chart": bar_chart(
            _("Applications in process, by state"), [Bar(f"{s} ({p})", c) for p, s, c in pending]
        ),
        "authorities": authorities,
        "authorities_chart": bar_chart(_("Decisions by authority"), [Bar(n, c) for n, c, _r in authorities]),
    }
    return render(request, "web/statistics/dashboard.html", context)
