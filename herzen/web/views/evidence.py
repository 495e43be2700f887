"""Evidence pages: adding evidence to a case, one item's page, its file, and the verification actions."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from herzen.audit.selectors import audit_history
from herzen.cases.selectors import case_get
from herzen.core.exceptions import Conflict, Invalid
from herzen.evidence import services
from herzen.evidence.models import EvidenceItem
from herzen.evidence.permissions import (
    can_add_evidence,
    can_corroborate_evidence,
    can_flag_fraud,
    can_open_evidence_file,
    can_vouch_for_evidence,
    can_withdraw_vouch,
)
from herzen.evidence.selectors import evidence_file, evidence_get, vouch_get
from herzen.web.access import add_service_errors, organisation_page, require
from herzen.web.evidence_forms import CorroborateForm, FraudForm, VouchForm, WithdrawVouchForm
from herzen.web.evidence_panel import evidence_form
from herzen.web.history import history_rows
from herzen.web.views.cases import render_case


def _item_url(item: EvidenceItem, anchor: str = "") -> str:
    url = reverse("web:evidence-detail", args=[item.pk])
    return f"{url}#{anchor}" if anchor else url


@require_POST
@organisation_page
def case_evidence_add_view(request: HttpRequest, case_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_add_evidence(actor, case))
    form = evidence_form(actor, case, request.POST, request.FILES)
    if form.is_valid():
        try:
            item = services.evidence_add(actor=actor, case_id=case.pk, **form.service_arguments())
        except (Invalid, Conflict) as error:
            add_service_errors(form, error, field_map={"person": "person"})
        else:
            messages.success(request, _("The evidence “%(title)s” was added.") % {"title": item.title})
            return redirect(_item_url(item))
    return render_case(request, case, bound={"evidence": form})


def render_item(
    request: HttpRequest, item: EvidenceItem, *, bound: dict[str, object] | None = None
) -> HttpResponse:
    """An item's page; `bound` holds a submitted form that failed, shown with its errors and values."""
    actor = request.actor  # type: ignore[attr-defined]
    bound = bound or {}
    forms: dict[str, object] = {}
    if can_corroborate_evidence(actor, item):
        forms["corroborate"] = bound.get("corroborate") or CorroborateForm(prefix="corroborate")
    if can_vouch_for_evidence(actor, item):
        forms["vouch"] = bound.get("vouch") or VouchForm(prefix="vouch")
    if can_flag_fraud(actor, item):
        forms["fraud"] = bound.get("fraud") or FraudForm(prefix="fraud")
    vouches = [
        {
            "vouch": vouch,
            "withdraw_form": (
                bound.get(f"withdraw-{vouch.pk}") or WithdrawVouchForm(prefix=f"withdraw-{vouch.pk}")
                if vouch.is_active and can_withdraw_vouch(actor, vouch)
                else None
            ),
        }
        for vouch in item.vouch_history  # type: ignore[attr-defined]  # prefetched by evidence_get
    ]
    context = {
        "item": item,
        "case": item.case,
        "vouches": vouches,
        "forms": forms,
        "can_open_file": item.has_file and can_open_evidence_file(actor, item),
        "history": history_rows(list(audit_history(actor=actor, target=item))),
        "error_form": next(iter(bound.values()), None),
    }
    return render(request, "web/evidence/detail.html", context)


@require_GET
@organisation_page
def evidence_detail_view(request: HttpRequest, evidence_id: object) -> HttpResponse:
    return render_item(request, evidence_get(actor=request.actor, evidence_id=evidence_id))  # type: ignore[attr-defined]


@require_GET
@organisation_page
def evidence_file_view(request: HttpRequest, evidence_id: object) -> HttpResponse:
    """The file as a download, never rendered by the browser: an uploaded HTML or SVG must not run here."""
    item, content = evidence_file(actor=request.actor, evidence_id=evidence_id)  # type: ignore[attr-defined]
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        True, item.file_name or f"evidence-{item.pk}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
@organisation_page
def evidence_corroborate_view(request: HttpRequest, evidence_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    item = evidence_get(actor=actor, evidence_id=evidence_id)
    require(can_corroborate_evidence(actor, item))
    form = CorroborateForm(request.POST, prefix="corroborate")
    if form.is_valid():
        try:
            services.evidence_corroborate(
                actor=actor,
                evidence_id=item.pk,
                source=form.cleaned_data["corroboration_source"],
                reference=form.cleaned_data["corroboration_reference"],
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The public source was recorded."))
            return redirect(_item_url(item, "verification"))
    return render_item(request, item, bound={"corroborate": form})


@require_POST
@organisation_page
def evidence_vouch_view(request: HttpRequest, evidence_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    item = evidence_get(actor=actor, evidence_id=evidence_id)
    require(can_vouch_for_evidence(actor, item))
    form = VouchForm(request.POST, prefix="vouch")
    if form.is_valid():
        try:
            services.evidence_vouch(
                actor=actor, evidence_id=item.pk, statement=form.cleaned_data["statement"]
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your organisation now vouches for this evidence."))
            return redirect(_item_url(item, "vouches"))
    return render_item(request, item, bound={"vouch": form})


@require_POST
@organisation_page
def vouch_withdraw_view(request: HttpRequest, vouch_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    vouch = vouch_get(actor=actor, vouch_id=vouch_id)
    require(can_withdraw_vouch(actor, vouch))
    item = evidence_get(actor=actor, evidence_id=vouch.evidence_id)
    prefix = f"withdraw-{vouch.pk}"
    form = WithdrawVouchForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            services.vouch_withdraw(
                actor=actor, vouch_id=vouch.pk, reason=form.cleaned_data["withdrawal_reason"]
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The vouch was withdrawn."))
            return redirect(_item_url(item, "vouches"))
    return render_item(request, item, bound={prefix: form})


@require_POST
@organisation_page
def evidence_flag_fraud_view(request: HttpRequest, evidence_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    item = evidence_get(actor=actor, evidence_id=evidence_id)
    require(can_flag_fraud(actor, item))
    form = FraudForm(request.POST, prefix="fraud")
    if form.is_valid():
        try:
            services.evidence_flag_fraud(
                actor=actor, evidence_id=item.pk, reason=form.cleaned_data["fraud_reason"]
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evidence was flagged as falsified."))
            return redirect(_item_url(item, "verification"))
    return render_item(request, item, bound={"fraud": form})
