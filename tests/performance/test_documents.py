"""An application's sealed documents: as many queries for 3k documents as for k."""

from django.urls import reverse
from django.utils import timezone

from herzen.cases.tests.factories import make_case
from herzen.demo.applications import walk
from herzen.documents import services as document_services
from herzen.pathways.tests.factories import make_application
from tests.performance.conftest import assert_flat, json_rows, links_to, page_client, token_client
from tests.performance.registry import counts


@counts("web:application-documents")
def test_application_documents(supervisor_a, open_regimes, actor_for, authorities):
    application = walk(
        make_application(supervisor_a, make_case(supervisor_a)),
        target="approved_foreign_ministry",
        actor_for=actor_for("DE"),
        today=timezone.localdate(),
    )
    foreign_office = authorities("DE")["foreign_ministry"]

    def grow(n):
        for index in range(n):
            document_services.document_issue(
                actor=supervisor_a if index % 2 else foreign_office,
                document_type="ngo_attestation" if index % 2 else "admission_notice",
                application_id=application.pk,
                case_id=application.case_id,
            )

    client = page_client(supervisor_a)
    url = f"/applications/{application.pk}/documents/"
    assert_flat(grow, lambda: client.get(url), rows=links_to("/documents/"), ceiling=25)


@counts("api:case-sealed-documents")
def test_case_sealed_documents_api(supervisor_a):
    case = make_case(supervisor_a)

    def grow(n):
        for _ in range(n):
            document_services.document_issue(
                actor=supervisor_a, document_type="ngo_attestation", case_id=case.pk
            )

    client = token_client(supervisor_a)
    url = reverse("api:case-sealed-documents", args=[case.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)
