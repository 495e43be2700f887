"""Aid payout pages: a tranche's payout through a channel (or a failed one re-routed), its moves (approve, send,
confirm with the channel's proof, fail with a reason), the SEPA batch file, and a bank status report's import."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.aid import payout_services
from herzen.aid.payment_files import payment_file_content, sepa_file_create, status_report_import
from herzen.aid.permissions import can_handle_payouts
from herzen.aid.selectors import grant_get, payment_file_get, payout_get, programme_get, tranche_get
from herzen.core.exceptions import ApplicationError
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.aid_forms import PayoutConfirmForm, PayoutFailForm, PayoutForm, StatusReportForm
from herzen.web.views.aid import render_grant

OUTCOMES = {
    "confirmed": lambda: _("confirmed: the money arrived"),
    "failed": lambda: _("rejected or returned: the payout failed and its money is back in the programme"),
    "unchanged": lambda: _("no change"),
}


@require_http_methods(["GET", "POST"])
@organisation_page
def payout_new_view(request: HttpRequest, tranche_id: object) -> HttpResponse:
    """Choose a channel and its details for a tranche; with `rerouted_from`, a failed payout's money goes
    through this channel instead."""
    actor = request.actor  # type: ignore[attr-defined]
    tranche = tranche_get(actor=actor, tranche_id=tranche_id)
    require(can_handle_payouts(actor))
    record_shown(request, tranche.grant.payee, "identity")
    if request.method == "POST":
        form = PayoutForm(request.POST)
        if form.is_valid():
            failed = form.cleaned_data["rerouted_from"]
            try:
                if failed:
                    payout_services.payout_reroute(
                        actor=actor,
                        payout_id=failed,
                        channel=form.cleaned_data["channel"],
                        details=form.details(),
                    )
                else:
                    payout_services.payout_propose(
                        actor=actor,
                        tranche_id=tranche.pk,
                        channel=form.cleaned_data["channel"],
                        details=form.details(),
                    )
            except ApplicationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The payout was proposed; approve it to release it."))
                return redirect(reverse("web:aid-grant-detail", args=[tranche.grant_id]))
    else:
        form = PayoutForm(initial={"rerouted_from": request.GET.get("rerouted_from") or None})
    context = {
        "tranche": tranche,
        "grant": tranche.grant,
        "form": form,
        "rerouting": bool(form["rerouted_from"].value()),
    }
    return render(request, "web/aid/payout_new.html", context)


@require_POST
@organisation_page
def payout_action_view(request: HttpRequest, payout_id: object, action: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    payout = payout_get(actor=actor, payout_id=payout_id)
    if action not in ("approve", "send", "confirm", "fail"):
        raise Http404
    require(can_handle_payouts(actor))
    grant = grant_get(actor=actor, grant_id=payout.tranche.grant_id)
    forms: dict[str, Any] = {}
    try:
        if action == "approve":
            payout_services.payout_approve(actor=actor, payout_id=payout.pk)
            messages.success(request, _("The payout was approved."))
        elif action == "send":
            payout_services.payout_send(actor=actor, payout_id=payout.pk)
            messages.success(request, _("The payout was marked as sent."))
        elif action == "confirm":
            form = PayoutConfirmForm(request.POST, request.FILES, prefix=f"c{payout.pk.hex[:8]}")
            forms[f"confirm-{payout.pk}"] = form
            if not form.is_valid():
                return render_grant(request, grant, **forms)
            payout_services.payout_confirm(
                actor=actor, payout_id=payout.pk, proof=form.cleaned_data["proof"],
                receipt_file=form.cleaned_data["receipt"],
            )  # fmt: skip
            messages.success(request, _("The payout is confirmed: the money arrived."))
        else:
            form = PayoutFailForm(request.POST, prefix=f"f{payout.pk.hex[:8]}")
            forms[f"fail-{payout.pk}"] = form
            if not form.is_valid():
                return render_grant(request, grant, **forms)
            payout_services.payout_fail(actor=actor, payout_id=payout.pk, reason=form.cleaned_data["reason"])
            messages.success(
                request, _("The payout is marked as failed; choose another channel for its money.")
            )
    except ApplicationError as error:
        for form in forms.values():
            add_service_errors(form, error, {"receipt": "receipt", "proof": "proof"})
        if not forms:
            messages.error(request, error.message)
        return render_grant(request, grant, **forms)
    return redirect(reverse("web:aid-grant-detail", args=[grant.pk]))


@require_POST
@organisation_page
def sepa_file_create_view(request: HttpRequest, programme_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    programme = programme_get(actor=actor, programme_id=programme_id)
    require(can_handle_payouts(actor) and programme.organisation_id == actor.organisation_id)
    try:
        payment_file = sepa_file_create(actor=actor, programme_id=programme.pk)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The SEPA file %(id)s was written; its payouts are now sent. Download it for the bank.")
            % {"id": payment_file.message_id},
        )
    return redirect(reverse("web:aid-programme-detail", args=[programme.pk]) + "#payment-files")


@require_GET
@organisation_page
def payment_file_download_view(request: HttpRequest, payment_file_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    payment_file = payment_file_get(actor=actor, payment_file_id=payment_file_id)
    require(can_handle_payouts(actor))
    payouts = list(payment_file.payouts.select_related("tranche__grant__payee"))
    if payouts:
        record_shown(request, [payout.tranche.grant.payee for payout in payouts], "identity")
    content = payment_file_content(payment_file)
    is_sepa = payment_file.kind == "sepa"
    response = HttpResponse(content, content_type="application/xml" if is_sepa else "text/csv; charset=utf-8")
    name = f"{payment_file.message_id}.{'xml' if is_sepa else 'csv'}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@organisation_page
def status_report_view(request: HttpRequest) -> HttpResponse:
    """Upload a pain.002 or camt.054 and see each line's payout and what happened to it."""
    actor = request.actor  # type: ignore[attr-defined]
    require(can_handle_payouts(actor))
    summary = None
    form = StatusReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            summary = status_report_import(
                actor=actor, content=form.cleaned_data["file"].read(), kind=form.cleaned_data["kind"]
            )
        except ApplicationError as error:
            add_service_errors(form, error)
    lines = [
        {"line": line, "outcome": OUTCOMES[line.outcome]()}
        for line in (summary.lines if summary else ())
        if line.payout_id is not None  # the unmatched lines are listed apart
    ]
    return render(request, "web/aid/status_report.html", {"form": form, "summary": summary, "lines": lines})
