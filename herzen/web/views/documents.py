"""Sealed documents (issue 19): an application's documents and issuing them, a document's page, its signed
PDF, and revoking or suspending it. The public verifier is herzen.web.views.verifier."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.core.exceptions import Conflict, Invalid
from herzen.documents import keystore, selectors, services
from herzen.documents.models import IssuedDocument
from herzen.documents.pdf import qr_png, render_pdf, sign_pdf
from herzen.documents.permissions import can_change_document_status, can_issue_document
from herzen.documents.types import DOCUMENT_TYPES
from herzen.pathways.selectors import application_get
from herzen.people.models import Person
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.document_forms import DocumentIssueForm, DocumentStatusForm


def _holder(document: IssuedDocument) -> Person:
    return Person(pk=document.person_id)  # names the person for the access event


@require_http_methods(["GET", "POST"])
@organisation_page
def application_documents_view(request: HttpRequest, application_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    application = application_get(actor=actor, application_id=application_id)
    options = selectors.issue_options(actor=actor, application=application)
    choices = [(option.code, option.title) for option in options if not option.why_not]
    form = DocumentIssueForm(request.POST or None, choices=choices)
    if request.method == "POST":
        require(bool(choices))
        if form.is_valid():
            try:
                document = services.document_issue(
                    actor=actor,
                    document_type=form.cleaned_data["document_type"],
                    application_id=application.pk,
                    case_id=application.case_id,
                )
            except (Invalid, Conflict) as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The document %(number)s was issued.") % {"number": document.number}
                )
                return redirect("web:document-detail", document.pk)
    documents = selectors.documents_of_application(actor=actor, application_id=application.pk)
    if documents:
        record_shown(request, [_holder(d) for d in documents], "identity")
    context = {
        "application": application,
        "options": options,
        "form": form,
        "can_issue": bool(choices),
        "documents": [(d, DOCUMENT_TYPES[d.document_type].title) for d in documents],
    }
    return render(request, "web/documents/application.html", context)


@require_POST
@organisation_page
def payout_receipt_view(request: HttpRequest, payout_id: object) -> HttpResponse:
    """Issue the sealed receipt for a confirmed payout (only the paying organisation), then show it."""
    actor = request.actor  # type: ignore[attr-defined]
    payout = selectors.payout_get(actor=actor, payout_id=payout_id)
    require(can_issue_document(actor, DOCUMENT_TYPES["aid_receipt"]))
    try:
        document = services.document_issue(actor=actor, document_type="aid_receipt", payout_id=payout.pk)
    except (Invalid, Conflict) as error:
        messages.error(request, str(error))
        return redirect("web:aid-grant-detail", payout.tranche.grant_id)
    messages.success(request, _("The document %(number)s was issued.") % {"number": document.number})
    return redirect("web:document-detail", document.pk)


def _render_document(
    request: HttpRequest, document: IssuedDocument, form: DocumentStatusForm | None = None
) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    record_shown(request, _holder(document), "identity")
    import base64

    context = {
        "document": document,
        "title": DOCUMENT_TYPES[document.document_type].title,
        "qr": "data:image/png;base64," + base64.b64encode(qr_png(document.token, scale=4)).decode(),
        "can_change": can_change_document_status(actor, document),
        "full_data": DOCUMENT_TYPES[document.document_type].full_data,
        "form": form or DocumentStatusForm(),
    }
    return render(request, "web/documents/detail.html", context)


@require_GET
@organisation_page
def document_detail_view(request: HttpRequest, document_id: object) -> HttpResponse:
    document = selectors.document_get(actor=request.actor, document_id=document_id)  # type: ignore[attr-defined]
    return _render_document(request, document)


@require_GET
@organisation_page
def document_pdf_view(request: HttpRequest, document_id: object) -> HttpResponse:
    document = selectors.document_get(actor=request.actor, document_id=document_id)  # type: ignore[attr-defined]
    record_shown(request, _holder(document), "identity")
    # ?full=1: the paper also carries the full-data seal (VDS-NC), for the types that offer it.
    full = request.GET.get("full") == "1" and DOCUMENT_TYPES[document.document_type].full_data
    pdf = render_pdf(
        document,
        verify_url=request.build_absolute_uri(reverse("web:verifier")),
        full_data=selectors.full_data_seal(document) if full else "",
    )
    pdf = sign_pdf(pdf, keystore.signer(document.kid))  # PAdES by whoever holds the seal key
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.number}.pdf"'
    return response


@require_POST
@organisation_page
def document_status_view(request: HttpRequest, document_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    document = selectors.document_get(actor=actor, document_id=document_id)
    require(can_change_document_status(actor, document))
    form = DocumentStatusForm(request.POST)
    if form.is_valid():
        try:
            services.document_status_change(
                actor=actor,
                document_id=document.pk,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status of the document was changed."))
            return redirect("web:document-detail", document.pk)
    return _render_document(request, document, form)
