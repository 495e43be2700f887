"""Referral pages: the dossier download on the case page, list export, and an authority's decision import."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from herzen.audit.models import AuditEvent
from herzen.demo.applications import walk
from herzen.domain.referrals import COLUMNS
from herzen.evidence.referral_files import read_table, to_csv
from herzen.pathways.models import Application
from herzen.pathways.tests.factories import make_application

KEYS = [c.key for c in COLUMNS]


@pytest.fixture
def submitted(open_regimes, caseworker_a, actor_for, today):
    return walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )


def test_the_case_page_offers_the_dossier_and_it_downloads_as_a_zip(login, open_regimes, caseworker_a):
    application = make_application(caseworker_a)
    client = login(caseworker_a)
    page = client.get(reverse("web:case-detail", args=[application.case_id])).content.decode()
    assert reverse("web:application-dossier", args=[application.pk]) in page

    response = client.post(reverse("web:application-dossier", args=[application.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment")
    assert "dossier.pdf" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert AuditEvent.objects.filter(action="application.export_dossier").count() == 1
    assert client.get(reverse("web:application-dossier", args=[application.pk])).status_code == 405


def test_an_auditor_sees_no_dossier_button(login, open_regimes, caseworker_a, auditor_a):
    application = make_application(caseworker_a)
    page = login(auditor_a).get(reverse("web:case-detail", args=[application.case_id])).content.decode()
    assert reverse("web:application-dossier", args=[application.pk]) not in page
    assert login(auditor_a).post(reverse("web:application-dossier", args=[application.pk])).status_code == 403


def test_an_authority_exports_fills_in_and_imports_its_list(login, submitted, authorities, today):
    foreign_office = authorities("DE")["foreign_ministry"]
    client = login(foreign_office)
    page = client.get(reverse("web:referrals")).content.decode()
    assert "#meta+id+application" in page
    assert 'enctype="multipart/form-data"' in page

    exported = client.post(
        reverse("web:referral-export"), {"export-file_format": "csv", "export-authority": ""}
    )
    table = read_table(exported.content)
    assert table[2][0] == str(submitted.pk)
    table[2][KEYS.index("decision")] = "refuse"
    table[2][KEYS.index("decided_on")] = today.isoformat()
    table[2][KEYS.index("deciding_body")] = "Referat 505"
    table[2][KEYS.index("reasons_given")] = "no"

    bad = [line[:] for line in table]
    bad[2][KEYS.index("reasons_given")] = "maybe"
    response = client.post(
        reverse("web:decisions-import"), {"import-file": SimpleUploadedFile("list.csv", to_csv(bad))}
    )
    assert response.status_code == 200
    assert "Line 3" in response.content.decode()
    assert Application.objects.get(pk=submitted.pk).state == "submitted_foreign_ministry"

    response = client.post(
        reverse("web:decisions-import"), {"import-file": SimpleUploadedFile("list.csv", to_csv(table))}
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=submitted.pk).state == "refused"


def test_an_ngo_has_no_import_form_and_is_refused(login, caseworker_a, submitted):
    client = login(caseworker_a)
    assert "import-form" not in client.get(reverse("web:referrals")).content.decode()
    assert client.post(reverse("web:decisions-import"), {}).status_code == 403


def test_the_referral_page_reads_russian(login, caseworker_a):
    page = login(caseworker_a, language="ru").get(reverse("web:referrals")).content.decode()
    assert "Списки передачи" in page
