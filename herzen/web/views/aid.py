"""Aid pages: programmes with their report and chart (funders see these aggregates only), proposing a grant
with the rules' explanation shown before it is sent, a grant with its tranches and payouts, and the four-eyes
decision."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.aid import services
from herzen.aid.explain import grant_steps, hit_steps, step_text
from herzen.aid.failure_reasons import failure_reason_label
from herzen.aid.permissions import (
    can_decide_grant,
    can_decide_sanctions_hit,
    can_handle_payouts,
    can_propose_grant,
    can_read_aid,
    is_proposer,
)
from herzen.aid.reports import as_file, chart_svg, months_table, programme_months
from herzen.aid.sanctions_services import sanctions_hit_decide
from herzen.aid.selectors import (
    grant_calculate,
    grant_case_find,
    grant_case_get,
    grant_get,
    grant_payouts,
    household_payees,
    payment_file_list,
    programme_get,
    programme_grants,
    programme_list,
    running_programmes,
    sanctions_hit_get,
    sanctions_hit_list,
)
from herzen.core.exceptions import ApplicationError, Conflict, Invalid, PermissionDenied
from herzen.documents.permissions import can_issue_document
from herzen.documents.selectors import receipts_of_payouts
from herzen.documents.types import DOCUMENT_TYPES
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.aid_forms import GrantProposeForm, GrantStartForm, PayoutConfirmForm, PayoutFailForm

FILE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
@organisation_page
def programme_list_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    context = {
        "programmes": programme_list(actor=actor),
        "can_pay": can_handle_payouts(actor),
        "reads_hits": can_read_aid(actor),
    }
    return render(request, "web/aid/programmes.html", context)


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
        "payment_files": payment_file_list(actor=actor, programme=programme),
        "can_propose": can_propose_grant(actor, programme),
        "can_pay": can_handle_payouts(actor) and programme.organisation_id == actor.organisation_id,
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


def render_grant(request: HttpRequest, grant: Any, status: int = 200, **forms: Any) -> HttpResponse:
    """The grant with its tranches, each tranche's payouts and the actions each allows (a payout action's
    form comes back here with its errors)."""
    actor = request.actor  # type: ignore[attr-defined]
    record_shown(request, grant.payee, "identity")
    payouts = grant_payouts(actor=actor, grant=grant)
    # A confirmed payout's sealed receipt (herzen.documents), or the button that issues one.
    receipts = receipts_of_payouts(actor=actor, payout_ids=[p.pk for ps in payouts.values() for p in ps])
    tranches = []
    for tranche in grant.tranches.all():
        rows = [
            {
                "payout": payout,
                "failure": failure_reason_label(payout.failure_reason) if payout.failure_reason else "",
                "confirm_form": forms.get(f"confirm-{payout.pk}")
                or PayoutConfirmForm(prefix=f"c{payout.pk.hex[:8]}"),
                "fail_form": forms.get(f"fail-{payout.pk}") or PayoutFailForm(prefix=f"f{payout.pk.hex[:8]}"),
                "receipt": receipts.get(payout.pk),
            }
            for payout in payouts.get(tranche.pk, [])
        ]
        open_payout = any(row["payout"].state not in ("failed", "rerouted", "cancelled") for row in rows)
        tranches.append({"tranche": tranche, "payouts": rows, "can_start": not open_payout})
    context = {
        "grant": grant,
        "steps": grant_steps(grant),
        "can_decide": can_decide_grant(actor, grant),
        "is_proposer": is_proposer(actor, grant),
        "can_pay": can_handle_payouts(actor) and grant.status == "approved",
        "tranches": tranches,
        "can_issue_receipt": can_issue_document(actor, DOCUMENT_TYPES["aid_receipt"]),
    }
    return render(request, "web/aid/grant.html", context, status=status)


@require_GET
@organisation_page
def grant_detail_view(request: HttpRequest, grant_id: object) -> HttpResponse:
    return render_grant(request, grant_get(actor=request.actor, grant_id=grant_id))  # type: ignore[attr-defined]


@require_POST
@organisation_page
def grant_decide_view(request: HttpRequest, grant_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    grant = grant_get(actor=actor, grant_id=grant_id)
    require(can_decide_grant(actor, grant))
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, _("Choose whether to approve or reject the grant."))
        return render_grant(request, grant)
    try:
        services.grant_decide(actor=actor, grant_id=grant.pk, approve=decision == "approve")
    except (Invalid, Conflict, PermissionDenied) as error:
        messages.error(request, str(error))
        return render_grant(request, grant)
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
    context = {"rows": rows, "can_decide": can_decide_sanctions_hit(request.actor)}  # type: ignore[attr-defined]
    return render(request, "web/aid/sanctions_hits.html", context)


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
    return render(request, "web/aid/sanctions_hits.html", {"rows": rows, "can_decide": True})


@require_http_methods(["GET", "POST"])
@organisation_page
def grant_new_view(request: HttpRequest) -> HttpResponse:
    """Propose a grant: choose the programme and the case (or come from either page with them chosen), see
    what the programme's rules give the household and why, choose the payee, send."""
    actor = request.actor  # type: ignore[attr-defined]
    today = timezone.localdate()
    programmes = running_programmes(actor=actor, today=today)
    source = request.POST if request.method == "POST" else request.GET
    chosen = {str(p.pk): p for p in programmes}
    programme = chosen.get(source.get("programme", ""))
    case = None
    start = GrantStartForm(
        source or None, programmes=programmes, initial={"programme": source.get("programme")}
    )
    if source.get("case"):
        case = grant_case_get(actor=actor, case_id=source["case"])
    elif source.get("case_reference") and start.is_valid():
        case = grant_case_find(actor=actor, reference=start.cleaned_data["case_reference"])
        if case is None:
            start.add_error("case_reference", _("No case of your organisation has this reference number."))
    if programme is None or case is None or not can_propose_grant(actor, programme):
        if not source.get("case_reference"):
            start = GrantStartForm(initial={"programme": source.get("programme")}, programmes=programmes)
        return render(request, "web/aid/grant_new.html", {"start": start, "case": case})
    payees = household_payees(actor=actor, case=case)
    record_shown(request, payees, "identity")
    calculation = grant_calculate(actor=actor, programme=programme, case=case, today=today)
    form = GrantProposeForm(request.POST if request.method == "POST" else None, payees=payees)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.grant_propose(
                actor=actor, programme_id=programme.pk, case_id=case.pk, payee_id=form.cleaned_data["payee"]
            )
        except ApplicationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The grant was proposed; another person must now approve it."))
            return redirect(reverse("web:aid-grant-detail", args=[grant.pk]))
    context = {
        "programme": programme,
        "case": case,
        "form": form,
        "total": calculation.total,
        "steps": [
            text
            for step in calculation.steps
            if (text := step_text(step.key, dict(step.values), programme.currency))
        ],
        "tranches": calculation.tranches,
    }
    return render(request, "web/aid/grant_new.html", context)
