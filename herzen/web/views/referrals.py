"""Referral files: a dossier download per application, referral lists out, an authority's decisions in."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from herzen.core.exceptions import Invalid
from herzen.domain.referrals import COLUMNS
from herzen.evidence import services
from herzen.evidence.jobs import decision_import, dossier_export, referral_export
from herzen.evidence.permissions import can_export_dossier, can_export_referral_list, can_import_decisions
from herzen.evidence.referral_labels import accepted_values, column_headers
from herzen.evidence.selectors import (
    application_evidence_bytes,
    application_evidence_file,
    referral_application_count,
    referral_authority_choices,
)
from herzen.evidence.services import ExportFile
from herzen.jobs.services import job_start
from herzen.pathways.selectors import application_get
from herzen.web.access import add_service_errors, organisation_page, record_shown, require


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label=gettext_lazy("File format"), choices=[("xlsx", "Excel (XLSX)"), ("csv", "CSV")], initial="xlsx"
    )
    authority = forms.ChoiceField(label=gettext_lazy("Applications now with"), required=False)

    def __init__(self, *args: object, authorities: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["authority"].choices = [("", gettext_lazy("Any authority")), *authorities]  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled-in referral list"),
        help_text=gettext_lazy(
            "The list as exported here (CSV or XLSX), with the decision columns filled in. If any line has a "
            "problem, nothing is recorded and every problem is listed with its line."
        ),
    )


def download(request: HttpRequest, export: ExportFile) -> HttpResponse:
    """The file as a download; every record whose data it carries is recorded as shown."""
    record_shown(request, export.shows, *export.categories)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition_header(True, export.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _render(
    request: HttpRequest, *, export_form: ExportForm | None = None, import_form: ImportForm | None = None
) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    authorities = referral_authority_choices(actor=actor)
    headers = column_headers()
    context = {
        "export_form": (export_form or ExportForm(prefix="export", authorities=authorities))
        if can_export_referral_list(actor)
        else None,
        "import_form": (import_form or ImportForm(prefix="import")) if can_import_decisions(actor) else None,
        "columns": [(headers[c.key], c.hxl, c.decision) for c in COLUMNS],
        "accepted": accepted_values(),
        "error_form": import_form if import_form is not None and import_form.errors else export_form,
    }
    return render(request, "web/referrals/page.html", context, status=200)


@require_GET
@organisation_page
def referrals_view(request: HttpRequest) -> HttpResponse:
    return _render(request)


@require_POST
@organisation_page
def referral_export_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    require(can_export_referral_list(actor))
    form = ExportForm(request.POST, prefix="export", authorities=referral_authority_choices(actor=actor))
    if form.is_valid():
        authority_id = form.cleaned_data["authority"] or None
        count = referral_application_count(actor=actor, authority_id=authority_id)
        if count > settings.HERZEN_EXPORT_JOB_THRESHOLD:
            # Too large for a request: the worker makes the file, the job page shows its progress and the
            # inbox says when it is ready.
            job = job_start(
                actor=actor,
                job_task=referral_export,
                kind="referral_export",
                params={"file_format": form.cleaned_data["file_format"], "authority_id": authority_id},
            )
            return redirect("web:job-detail", job_id=job.pk)
        try:
            export = services.referral_list_export(
                actor=actor,
                file_format=form.cleaned_data["file_format"],
                authority_id=authority_id,
                language=translation.get_language() or "en",
            )
        except Invalid as error:
            add_service_errors(form, error)
        else:
            return download(request, export)
    return _render(request, export_form=form)


@require_POST
@organisation_page
def decisions_import_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    require(can_import_decisions(actor))
    form = ImportForm(request.POST, request.FILES, prefix="import")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.HERZEN_IMPORT_JOB_THRESHOLD_BYTES:
            # Too large for a request: the worker checks it row by row (the job page shows how far) and
            # applies it, all or nothing, as here; the inbox says when it is done.
            job = job_start(
                actor=actor, job_task=decision_import, kind="decision_import", input_file=upload.read()
            )
            return redirect("web:job-detail", job_id=job.pk)
        try:
            result = services.decisions_import(actor=actor, content=upload.read())
        except Invalid as error:
            add_service_errors(form, error)
        else:
            if result.applied:
                messages.success(request, _("Decisions recorded: %(count)s.") % {"count": result.applied})
            if result.already_recorded:
                # Importing the same file again is harmless: say so rather than fail or record twice.
                messages.info(
                    request,
                    _("Already recorded before, left as they were: %(count)s. Nothing was recorded twice.")
                    % {"count": result.already_recorded},
                )
            return redirect("web:referrals")
    return _render(request, import_form=form)


@require_POST
@organisation_page
def application_dossier_view(request: HttpRequest, application_id: object) -> HttpResponse:
    """The dossier ZIP, in the reader's language. A POST, not a link: each export is audited, and a crawler
    or prefetch must not make one."""
    actor = request.actor  # type: ignore[attr-defined]
    language = translation.get_language() or "en"
    require(can_export_dossier(actor, application_get(actor=actor, application_id=application_id)))
    if application_evidence_bytes(actor=actor, application_id=application_id) > (
        settings.HERZEN_DOSSIER_JOB_THRESHOLD_BYTES
    ):
        # Too large to pack in a request: the worker makes the ZIP, the job page offers it when ready.
        job = job_start(
            actor=actor,
            job_task=dossier_export,
            kind="dossier_export",
            params={"application_id": str(application_id), "language": language},
        )
        return redirect("web:job-detail", job_id=job.pk)
    export = services.dossier_export(actor=actor, application_id=application_id, language=language)
    return download(request, export)


@require_GET
@organisation_page
def application_evidence_file_view(
    request: HttpRequest, application_id: object, evidence_id: object
) -> HttpResponse:
    """An evidence file of an application, for the NGO and the authority it was referred to; as a download,
    never rendered by the browser (an uploaded HTML or SVG must not run here)."""
    item, content = application_evidence_file(
        actor=request.actor,  # type: ignore[attr-defined]
        application_id=application_id,
        evidence_id=evidence_id,
    )
    # The item, and the person it concerns: what the item says is about them.
    record_shown(request, [item, item.person] if item.person_id else [item], "evidence")
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        True, item.file_name or f"evidence-{item.pk}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
