import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.demo.applications import walk
from herzen.domain.referrals import COLUMNS
from herzen.evidence.referral_files import read_table, to_xlsx
from herzen.pathways.models import Application
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


def test_dossier_list_and_import_through_the_api(
    api_as, open_regimes, caseworker_a, actor_for, authorities, today
):
    application = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    dossier = api_as(caseworker_a).post(f"/api/v1/applications/{application.pk}/dossiers/")
    assert dossier.status_code == 200
    assert "dossier.pdf" in zipfile.ZipFile(io.BytesIO(dossier.content)).namelist()

    foreign_office = authorities("DE")["foreign_ministry"]
    client = api_as(foreign_office)
    exported = client.post("/api/v1/referrals/exports/", {"file_format": "xlsx"}, format="json")
    assert exported.status_code == 200
    table = read_table(exported.content)
    table[2][KEYS.index("decision")] = "approve"
    table[2][KEYS.index("decided_on")] = today
    table[2][KEYS.index("deciding_body")] = "Referat 505"
    table[2][KEYS.index("reasons_given")] = "yes"
    # reasons given but none written: the machine refuses, and the line is named
    refused = client.post(
        "/api/v1/referrals/decision-imports/",
        {"file": SimpleUploadedFile("list.xlsx", to_xlsx(table))},
        format="multipart",
    )
    assert refused.status_code == 400
    assert refused.json()["fields"]["file"][0].startswith("Line 3")

    table[2][KEYS.index("reasons")] = "Criteria met."
    done = client.post(
        "/api/v1/referrals/decision-imports/",
        {"file": SimpleUploadedFile("list.xlsx", to_xlsx(table))},
        format="multipart",
    )
    assert done.status_code == 200, done.json()
    assert done.json() == {"applied": 1, "already_recorded": 0}
    assert Application.objects.get(pk=application.pk).state == "approved_foreign_ministry"
    again = client.post(
        "/api/v1/referrals/decision-imports/",
        {"file": SimpleUploadedFile("list.xlsx", to_xlsx(table))},
        format="multipart",
    )
    assert again.json() == {"applied": 0, "already_recorded": 1}  # the same file again: nothing twice

    ngo = api_as(caseworker_a).post(
        "/api/v1/referrals/decision-imports/",
        {"file": SimpleUploadedFile("list.xlsx", to_xlsx(table))},
        format="multipart",
    )
    assert ngo.status_code == 403
