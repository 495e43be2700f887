"""The authority's side of an application and what comes back from it: the application page gives the
authority the dossier and the evidence, a decision appears in the caseworker's case history, and the import
page says what it accepts and that a second import of a file records nothing twice."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from herzen.demo.applications import walk
from herzen.domain.referrals import COLUMNS
from herzen.evidence.referral_files import read_table, to_csv
from herzen.evidence.tests.factories import PDF_BYTES, make_evidence, make_upload
from herzen.pathways import services as pathway_services
from herzen.pathways.tests.factories import make_application

KEYS = [c.key for c in COLUMNS]


@pytest.fixture
def referred(open_regimes, caseworker_a, actor_for, today):
    application = make_application(caseworker_a)
    item = make_evidence(caseworker_a, application.case, file=make_upload())
    walk(application, target="submitted_foreign_ministry", actor_for=actor_for("DE"), today=today)
    return application, item


@pytest.fixture
def foreign_office(authorities):
    return authorities("DE")["foreign_ministry"]


def test_the_authority_sees_the_evidence_and_downloads_the_dossier_on_the_application_page(
    login, referred, foreign_office
):
    application, item = referred
    client = login(foreign_office)

    page = client.get(reverse("web:application-detail", args=[application.pk])).content.decode()

    file_url = reverse("web:application-evidence-file", args=[application.pk, item.pk])
    assert file_url in page
    assert "Повестка от 12 марта 2024" in page
    assert reverse("web:application-dossier", args=[application.pk]) in page
    assert "Germany" in page  # the destination by name
    response = client.get(file_url)
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/octet-stream"
    dossier = client.post(reverse("web:application-dossier", args=[application.pk]))
    assert dossier.status_code == 200
    assert "dossier.pdf" in zipfile.ZipFile(io.BytesIO(dossier.content)).namelist()
    # The NGO's own evidence pages stay closed to it.
    assert client.get(reverse("web:evidence-detail", args=[item.pk])).status_code == 404
    assert client.get(reverse("web:evidence-file", args=[item.pk])).status_code == 404


def test_another_authority_reaches_neither_the_evidence_nor_the_dossier(login, referred, authorities):
    application, item = referred
    client = login(authorities("DE")["embassy_consulate"])

    assert client.get(reverse("web:application-detail", args=[application.pk])).status_code == 404
    file_url = reverse("web:application-evidence-file", args=[application.pk, item.pk])
    assert client.get(file_url).status_code == 404
    assert client.post(reverse("web:application-dossier", args=[application.pk])).status_code == 404


def test_a_decision_by_the_authority_appears_in_the_case_history(
    login, referred, foreign_office, caseworker_a, today
):
    application, _item = referred
    pathway_services.application_transition(
        actor=foreign_office,
        application_id=application.pk,
        move="approve",
        facts={"decided_on": today, "deciding_body": "Referat 505", "reasons_given": False},
    )

    page = login(caseworker_a).get(reverse("web:case-detail", args=[application.case_id])).content.decode()

    history = page[page.index('id="history"') :]
    assert "Decision on the application" in history
    assert "Approve" in history
    assert "Approved by the foreign ministry" in history
    assert "Referat 505" in history
    assert "no reasons given" in history
    assert "foreign_ministry DE" in history  # who decided: the authority


def test_the_import_page_lists_the_accepted_values(login, foreign_office):
    page = login(foreign_office).get(reverse("web:referrals")).content.decode()
    accepted = page[page.index('id="accepted-values"') :]
    for word in ("approved", "granted", "genehmigt", "refused", "abgelehnt", "отказано", "“Issue the visa”"):
        assert word in accepted
    assert "DD.MM.YYYY" in accepted


def test_importing_the_same_file_twice_says_nothing_was_recorded_twice(
    login, referred, foreign_office, today
):
    client = login(foreign_office)
    exported = client.post(
        reverse("web:referral-export"), {"export-file_format": "csv", "export-authority": ""}
    )
    table = read_table(exported.content)
    table[2][KEYS.index("decision")] = "approved"
    table[2][KEYS.index("decided_on")] = (today - timedelta(days=1)).strftime("%d.%m.%Y")
    table[2][KEYS.index("deciding_body")] = "Referat 505"
    table[2][KEYS.index("reasons_given")] = "no"

    def upload():
        return client.post(
            reverse("web:decisions-import"),
            {"import-file": SimpleUploadedFile("list.csv", to_csv(table))},
            follow=True,
        ).content.decode()

    assert "Decisions recorded: 1." in upload()
    again = upload()
    assert "Already recorded before, left as they were: 1." in again
    assert "Nothing was imported" not in again


def test_a_large_decision_list_is_imported_by_the_worker_with_progress_and_its_problems_shown(
    login, referred, foreign_office, today, settings
):
    from herzen.jobs.models import Job, JobStatus
    from herzen.jobs.testing import run_queued
    from herzen.pathways.models import ApplicationDecision

    settings.HERZEN_IMPORT_JOB_THRESHOLD_BYTES = 10  # every list is "large"
    application, _item = referred
    client = login(foreign_office)
    exported = client.post(
        reverse("web:referral-export"), {"export-file_format": "csv", "export-authority": ""}
    )
    table = read_table(exported.content)
    table[2][KEYS.index("decision")] = "approved"
    table[2][KEYS.index("decided_on")] = "31.02.2026"  # no such day: the whole file is refused

    def upload():
        response = client.post(
            reverse("web:decisions-import"), {"import-file": SimpleUploadedFile("list.csv", to_csv(table))}
        )
        job = Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
        assert job.kind == "decision_import"
        assert job.input  # kept sealed until the worker has it
        assert to_csv(table) not in bytes(job.input)
        run_queued()
        job.refresh_from_db()
        return job, client.get(reverse("web:job-detail", args=[job.pk])).content.decode()

    job, page = upload()
    assert job.status == JobStatus.SUCCEEDED  # a refused file is an outcome, not a failure to retry
    assert job.input is None
    assert "Nothing was imported. Problems in the file: 3." in page  # the date, and the two facts missing
    assert "Line 3:" in page
    assert "31.02.2026" in page
    assert not ApplicationDecision.objects.filter(application=application).exists()

    table[2][KEYS.index("decided_on")] = (today - timedelta(days=1)).strftime("%d.%m.%Y")
    table[2][KEYS.index("deciding_body")] = "Referat 505"
    table[2][KEYS.index("reasons_given")] = "no"
    job, page = upload()
    assert (job.progress_done, job.progress_total) == (1, 1)  # every row checked
    assert "Decisions recorded: 1." in page
    assert ApplicationDecision.objects.filter(application=application).count() == 1
    job, page = upload()  # the same file again records nothing twice
    assert "Already recorded before, left as they were: 1." in page
    assert ApplicationDecision.objects.filter(application=application).count() == 1


def test_a_large_dossier_is_packed_by_the_worker_for_the_authority_that_asked(
    login, referred, foreign_office, authorities, settings
):
    from herzen.audit.models import AccessEvent, AuditEvent
    from herzen.jobs.testing import run_queued

    settings.HERZEN_DOSSIER_JOB_THRESHOLD_BYTES = 10  # the evidence file makes it "large"
    application, _item = referred
    # Another authority cannot start one either: the same 404 as for the page.
    other = login(authorities("DE")["embassy_consulate"])
    assert other.post(reverse("web:application-dossier", args=[application.pk])).status_code == 404
    client = login(foreign_office)
    response = client.post(reverse("web:application-dossier", args=[application.pk]))
    assert response.status_code == 302
    job_url = response["Location"]
    assert not AuditEvent.objects.filter(action="application.export_dossier").exists()
    run_queued()
    page = client.get(job_url).content.decode()
    assert f"dossier-{application.case.reference}" in page
    job_id = job_url.rstrip("/").split("/")[-1]
    download = client.get(reverse("web:job-result", args=[job_id]))
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert "dossier.pdf" in names
    assert any(name.endswith(".pdf") and name != "dossier.pdf" for name in names)  # the evidence file
    assert AuditEvent.objects.filter(
        action="application.export_dossier", target_id=str(application.pk)
    ).exists()
    assert AccessEvent.objects.filter(via="web:application-dossier", target_id=str(application.pk)).exists()
