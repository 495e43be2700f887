"""Files that carry lists — a referral list, a dossier, everything held about a person — cost as many
queries for 3k rows as for k. They are POSTs (each export is audited), so the coverage test does not ask
for them; they are counted because a per-row query in an export of a whole organisation's applications
would be the slowest request of all."""

import io
import json
import zipfile

from django.urls import reverse

from herzen.cases import services as case_services
from herzen.people.choices import HouseholdRole
from tests.performance.conftest import assert_flat, page_client, token_client
from tests.performance.registry import counts

SUBMITTED = "submitted_foreign_ministry"


def lines(response):
    return len(response.content.decode().strip().splitlines())


@counts("web:referral-export", "api:referral-exports")
def test_referral_list(filler, supervisor_a, open_regimes, actor_for):
    def grow(n):
        for _ in range(n):
            filler.application(actor_for=actor_for("DE"), target=SUBMITTED)

    page, api = page_client(supervisor_a), token_client(supervisor_a)
    form = {"export-file_format": "csv", "export-authority": ""}
    # The page counts the applications first (a list over the job threshold becomes a background job).
    assert_flat(grow, lambda: page.post(reverse("web:referral-export"), form), rows=lines, ceiling=20)
    assert_flat(
        grow,
        lambda: api.post(reverse("api:referral-exports"), {"file_format": "csv"}, format="json"),
        rows=lines,
        ceiling=19,
    )


@counts("web:application-dossier", "api:application-dossiers")
def test_dossier(filler, supervisor_a, open_regimes):
    application = filler.application()
    case = application.case

    def grow(n):
        for _ in range(n):
            filler.evidence(case)

    def files(response):
        return len(zipfile.ZipFile(io.BytesIO(response.content)).namelist())

    page, api = page_client(supervisor_a), token_client(supervisor_a)
    assert_flat(
        grow,
        lambda: page.post(reverse("web:application-dossier", args=[application.pk])),
        rows=files,
        ceiling=31,  # the API's 27, and the page's check whether the dossier is large enough for a job
    )
    assert_flat(
        grow,
        lambda: api.post(reverse("api:application-dossiers", args=[application.pk])),
        rows=files,
        ceiling=27,
    )


@counts("web:person-export", "api:person-exports")
def test_person_export(filler, supervisor_a, open_regimes):
    """More applications (each with history), notes and evidence on the person's case."""
    page, api = page_client(supervisor_a), token_client(supervisor_a)

    def applications(response):
        return len(json.loads(response.content)["cases"][0]["applications"])

    for client, name in ((page, "web:person-export"), (api, "api:person-exports")):
        case = filler.case()
        principal = case.household.members.get(role=HouseholdRole.PRINCIPAL).person
        pathways = iter(open_regimes)  # one application per pathway

        def grow(n, case=case, pathways=pathways):
            for _ in range(n):
                filler.application(case, pathway=next(pathways))
                case_services.case_note_add(actor=supervisor_a, case_id=case.pk, body="Ещё беседа.")
                filler.evidence(case)

        url = reverse(name, args=[principal.pk])
        assert_flat(grow, lambda client=client, url=url: client.post(url), rows=applications, ceiling=36)
