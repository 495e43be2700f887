"""Large imports and dossiers through the API: the operation answers 202 with a job to poll, the job says
how far it got and what came of it, and only the person who started it takes its file."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.demo.applications import walk
from herzen.domain.referrals import COLUMNS
from herzen.evidence.referral_files import read_table, to_xlsx
from herzen.evidence.tests.factories import make_evidence, make_upload
from herzen.jobs.testing import run_queued
from herzen.pathways.models import ApplicationDecision
from herzen.pathways.tests.factories import make_application

KEYS = [c.key for c in COLUMNS]


@pytest.fixture
def api_as():
    def build(actor):
        client = APIClient()
        login_with_mfa(client, actor.user)
        client.credentials(HTTP_X_HERZEN_ORGANISATION=str(actor.organisation_id))
        return client

    return build


@pytest.fixture
def referred(open_regimes, caseworker_a, actor_for, today):
    application = make_application(caseworker_a)
    make_evidence(caseworker_a, application.case, file=make_upload())
    return walk(application, target="submitted_foreign_ministry", actor_for=actor_for("DE"), today=today)


def test_a_large_decision_list_is_a_job_whose_problems_and_outcome_the_api_gives(
    api_as, referred, authorities, today, settings
):
    settings.HERZEN_IMPORT_JOB_THRESHOLD_BYTES = 10  # every list is "large"
    client = api_as(authorities("DE")["foreign_ministry"])
    table = read_table(
        client.post("/api/v1/referrals/exports/", {"file_format": "xlsx"}, format="json").content
    )
    table[2][KEYS.index("decision")] = "approve"
    table[2][KEYS.index("decided_on")] = today - timedelta(days=1)
    table[2][KEYS.index("deciding_body")] = "Referat 505"
    table[2][KEYS.index("reasons_given")] = "yes"  # but none written: refused, the line named

    def upload():
        response = client.post(
            "/api/v1/referrals/decision-imports/",
            {"file": SimpleUploadedFile("list.xlsx", to_xlsx(table))},
            format="multipart",
        )
        assert response.status_code == 202
        assert response.json()["status"] == "queued"
        run_queued()
        return client.get(response["Location"]).json()

    refused = upload()
    assert refused["status"] == "succeeded"  # a refused file is an outcome, not a failure
    assert refused["outcome"].startswith("Nothing was imported.")
    assert refused["problems"][0].startswith("Line 3")
    assert not ApplicationDecision.objects.filter(application=referred).exists()

    table[2][KEYS.index("reasons")] = "Criteria met."
    applied = upload()
    assert applied["outcome"] == "Decisions recorded: 1."
    assert (applied["progress_done"], applied["progress_total"]) == (1, 1)
    assert applied["problems"] == []
    assert ApplicationDecision.objects.filter(application=referred).count() == 1


def test_a_large_dossier_is_a_job_whose_file_only_its_starter_takes(
    api_as, referred, caseworker_a, supervisor_a, authorities, settings
):
    settings.HERZEN_DOSSIER_JOB_THRESHOLD_BYTES = 10  # the evidence file makes it "large"
    url = f"/api/v1/applications/{referred.pk}/dossiers/"
    assert api_as(authorities("DE")["embassy_consulate"]).post(url).status_code == 404  # not referred there
    client = api_as(caseworker_a)

    started = client.post(url)

    assert started.status_code == 202
    run_queued()
    job = client.get(started["Location"]).json()
    assert job["status"] == "succeeded"
    assert job["label"] == "Dossier export"
    names = zipfile.ZipFile(io.BytesIO(client.get(job["file_url"]).content)).namelist()
    assert "dossier.pdf" in names
    supervisor = api_as(supervisor_a)
    seen_by_supervisor = supervisor.get(started["Location"]).json()
    assert seen_by_supervisor["file_url"] is None  # they follow it, but the export is the caseworker's
    assert supervisor.get(job["file_url"]).status_code == 403
