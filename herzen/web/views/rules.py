"""The rules register for operators: every encoded legal rule with its sources, last check and status, and the
exports a lawyer reviews. It shows no personal data; only the platform operator and organisation admins see it."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from herzen.legal_rules.permissions import can_view_rules_register
from herzen.legal_rules.register import RegisterEntry, export_csv, export_json, legal_rules, summary_counts
from herzen.web.rules_labels import entry_title, kind_label, status_label


def _require_register(request: HttpRequest) -> None:
    actor = getattr(request, "actor", None)
    if actor is None or not can_view_rules_register(actor):
        raise PermissionDenied


@dataclass(frozen=True)
class RegisterRow:
    entry: RegisterEntry
    title: str
    kind: str
    status: str
    status_code: str  # for styling only, never shown
    last_checked: date | None
    stale: bool


@never_cache
@require_GET
def rules_register_view(request: HttpRequest) -> HttpResponse:
    _require_register(request)
    today = timezone.localdate()
    entries = legal_rules()
    rows = [
        RegisterRow(
            entry=entry,
            title=entry_title(entry),
            kind=kind_label(entry.kind),
            status=status_label(entry.note.verified),
            status_code=entry.note.verified.value,
            last_checked=entry.note.last_checked,
            stale=entry.is_stale(today),
        )
        for entry in entries
    ]
    context = {"rows": rows, "counts": summary_counts(entries, today), "today": today}
    return render(request, "web/rules/register.html", context)


@never_cache
@require_GET
def rules_register_export_view(request: HttpRequest, format: str) -> HttpResponse:
    _require_register(request)
    today = timezone.localdate()
    entries = legal_rules()
    if format not in ("csv", "json"):
        raise Http404
    if format == "json":
        response = HttpResponse(export_json(entries, today), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(export_csv(entries, today), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"herzen-rules-{today}.{format}")
    return response
