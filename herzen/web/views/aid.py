"""Aid pages: programmes with their report and chart (funders see these aggregates only), a grant with its
explanation and the four-eyes decision."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from herzen.aid import services
from herzen.aid.explain import grant_steps, hit_steps
from herzen.aid.permissions import can_decide_grant, can_decide_sanctions_hit
from herzen.aid.reports import as_file, chart_svg, months_table, programme_months
from herzen.aid.sanctions_services import sanctions_hit_decide
from herzen.aid.selectors import (
    grant_get,
    programme_get,
    programme_grants,
    programme_list,
    sanctions_hit_get,
    sanctions_hit_list,
)
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.web.access import organisation_page, record_shown, require

FILE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
@organisation_page
def programme_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "web/aid/programmes.html", {"programmes": programme_list(actor=request.actor)})  # type: ignore[attr-defined]


@require_GET
@organisation_page
def programme_detail_view(request: HttpRequest, programme_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    programme = programme_get(actor=actor, programme_id=programme_id)
    grants = list(programme_grants(actor=actor, programme=programme).order_by("-created_at")[:50])
    if grants:
        record_shown(request, [grant.payee for grant in grants], "identity")
    context = {
        "programme": programme,
        "months": programme_months(programme),
        "chart": chart_svg(programme),
        "grants": grants,
    }
    return render(request, "web/aid/programme.html", context)


@require_GET
@organisation_page
def programme_report_view(request: HttpRequest, programme_id: object, file_format: str) -> HttpResponse:
    if file_format not in FILE_TYPES:
        raise Http404
    programme = programme_get(actor=request.actor, programme_id=programme_id)  # type: ignore[attr-defined]
    content = as_file(months_table(programme), file_format, programme.title)
    response = HttpResponse(content, content_type=FILE_TYPES[file_format])
    response["Content-Disposition"] = (
        f'attachment; filename="programme-{str(programme.pk)[:8]}.{file_format}"'
    )
    return response


def _render_grant(request: HttpRequest, grant: object, status: int = 200) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    record_shown(request, grant.payee, "identity")  # type: ignore[attr-defined]
    context = {
        "grant": grant,
        "steps": grant_steps(grant),
        "can_decide": can_decide_grant(actor, grant),  # type: ignore[arg-type]
        "tranches": list(grant.tranches.all()),  # type: ignore[attr-defined]
    }
    return render(request, "web/aid/grant.html", context, status=status)


@require_GET
@organisation_page
def grant_detail_view(request: HttpRequest, grant_id: object) -> HttpResponse:
    return _render_grant(request, grant_get(actor=request.actor, grant_id=grant_id))  # type: ignore[attr-defined]


@require_POST
@organisation_page
def grant_decide_view(request: HttpRequest, grant_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    grant = grant_get(actor=actor, grant_id=grant_id)
    require(can_decide_grant(actor, grant))
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, _("Choose whether to approve or reject the grant."))
        return _render_grant(request, grant)
    try:
        services.grant_decide(actor=actor, grant_id=grant.pk, approve=decision == "approve")
    except (Invalid, Conflict, PermissionDenied) as error:
        messages.error(request, str(error))
        return _render_grant(request, grant)
    messages.success(
        request, _("The grant was approved.") if decision == "approve" else _("The grant was rejected.")
    )
    return redirect(reverse("web:aid-grant-detail", args=[grant.pk]))


@require_GET
@organisation_page
def sanctions_hit_list_view(request: HttpRequest) -> HttpResponse:
    hits = sanctions_hit_list(actor=request.actor)  # type: ignore[attr-defined]
    if hits:
        record_shown(request, [hit.person for hit in hits], "identity")
    rows = [{"hit": hit, "steps": hit_steps(hit)} for hit in hits]
    return render(request, "web/aid/sanctions_hits.html", {"rows": rows})


@require_POST
@organisation_page
def sanctions_hit_decide_view(request: HttpRequest, hit_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    hit = sanctions_hit_get(actor=actor, hit_id=hit_id)
    require(can_decide_sanctions_hit(actor))
    decision, reason = request.POST.get("decision"), request.POST.get("reason", "")
    if decision in ("clear", "confirm"):
        try:
            sanctions_hit_decide(actor=actor, hit_id=hit.pk, confirm=decision == "confirm", reason=reason)
        except (Invalid, Conflict) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect(reverse("web:aid-sanctions-hits"))
    else:
        messages.error(request, _("Choose whether the payee is the listed person, and say why."))
    record_shown(request, hit.person, "identity")
    rows = [{"hit": hit, "steps": hit_steps(hit), "reason": reason}]
    return render(request, "web/aid/sanctions_hits.html", {"rows": rows})
