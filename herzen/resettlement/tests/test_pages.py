"""The pages: a coordinator publishes and imports offers, runs a match, reads an explanation, is refused a hand
edit that breaks a rule, sends; the household accepts on its status page."""

import pytest
from django.test import Client
from django.urls import reverse

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.intake import services as intake_services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.jobs.testing import run_queued
from herzen.resettlement import services
from herzen.resettlement.models import MatchRun, Offer, Proposal
from herzen.resettlement.tests.factories import admit, admitted_household, make_offer

CSV = (
    "Art,Titel,Land,Ort,Plätze,Kinderbetten,Barrierefrei\n"
    "#x_offer+kind,#x_offer+title,#country+code,#loc+name,#capacity+ind,#capacity+children,#x_accessible\n"
    "housing,Flat Dresden,DE,Dresden,3,0,nein\n"
)


def page(actor):
    return login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), actor.user)


@pytest.fixture
def applicant(org_a, caseworker_a, open_regimes):
    """A household that applied through the intake (so it has a status page), admitted to Germany."""
    org_a.intake_countries = ["GE"]
    org_a.save()
    issued = make_draft(org_a, answers=complete_answers(org_a.pk, country="GE"))
    intake_services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    issued.draft.refresh_from_db()
    case = issued.draft.case
    admit(caseworker_a, case, open_regimes)
    services.household_needs_save(
        actor=caseworker_a,
        case_id=case.pk,
        adults=2,
        children=2,
        destination_country="DE",
        ready=True,
        profile={"languages": ["de"], "ties": [{"town": "Leipzig", "relation": "sister"}]},
    )
    return issued


def test_offers_are_published_in_the_page_and_imported_from_a_file(supervisor_a):
    client = page(supervisor_a)
    response = client.post(
        reverse("web:resettlement-offers"),
        {"offer-kind": "housing", "offer-title": "Flat Leipzig", "offer-country": "de", "offer-town": "Leipzig",
         "offer-capacity_persons": "4", "offer-child_beds": "2", "offer-local_languages": "de"},
    )  # fmt: skip
    assert response.status_code == 302
    bad = client.post(
        reverse("web:resettlement-offers-import"),
        {"import-file": _file(CSV.replace(",3,", ",three,"))},
    )
    assert bad.status_code == 200
    assert "line 3" in bad.content.decode()
    assert Offer.objects.count() == 1  # nothing of a bad file is kept
    good = client.post(reverse("web:resettlement-offers-import"), {"import-file": _file(CSV)})
    assert good.status_code == 302
    listing = client.get(reverse("web:resettlement-offers")).content.decode()
    assert "Flat Leipzig" in listing
    assert "Flat Dresden" in listing


def _file(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("offers.csv", text.encode(), content_type="text/csv")


def test_a_coordinator_runs_reviews_is_refused_a_bad_edit_sends_and_the_household_accepts(
    supervisor_a, caseworker_a, open_regimes, applicant
):
    leipzig = services.offer_create(actor=supervisor_a, kind="housing", title="Flat Leipzig", country="DE",
                                    town="Leipzig", capacity_persons=4, child_beds=2, local_languages=["de"])  # fmt: skip
    small = services.offer_create(actor=supervisor_a, kind="housing", title="Room Dresden", country="DE",
                                  town="Dresden", capacity_persons=2, local_languages=["de"])  # fmt: skip
    cafe = services.offer_create(actor=supervisor_a, kind="job", title="Café Lindner", country="DE", town="Leipzig",
                                 capacity_persons=1, required_languages=["de"])  # fmt: skip
    client = page(supervisor_a)
    assert "DE: 1" in client.get(reverse("web:resettlement-runs")).content.decode()
    response = client.post(
        reverse("web:resettlement-runs"),
        {"run-destination_country": "DE", "run-offers": [str(leipzig.pk), str(small.pk), str(cafe.pk)],
         "run-weight_employment": "1", "run-weight_preference": "0.3", "run-weight_ties": "0.2"},
    )  # fmt: skip
    assert response.status_code == 302
    run_queued()
    run = MatchRun.objects.get()
    detail = client.get(reverse("web:resettlement-run-detail", args=[run.pk])).content.decode()
    assert "Placed in Leipzig" in detail
    assert "family or friends in town (sister)" in detail
    assert "Dresden was better on" not in detail or "no place for 4 persons" in detail
    proposal = Proposal.objects.get()
    refused = client.post(
        reverse("web:resettlement-proposal-move", args=[run.pk, proposal.pk]),
        {f"{proposal.pk}-offer": str(small.pk)},
        follow=True,
    )
    assert "not enough places for the household" in refused.content.decode()
    assert Proposal.objects.get().offer_id == leipzig.pk
    client.post(reverse("web:resettlement-run-send", args=[run.pk]))
    assert Proposal.objects.get().status == "sent"
    # The household, on its status page (through its private link).
    household = Client()
    household.get(reverse("intake:link", args=[applicant.token]))
    status = household.get(reverse("intake:status")).content.decode()
    assert "Leipzig" in status
    assert "И работа для одного из вас: Café Lindner в Leipzig." in status  # the job goes with the home
    household.post(reverse("intake:proposal-answer"), {"proposal": str(proposal.pk), "answer": "accept"})
    assert Proposal.objects.get().status == "accepted"


def test_offers_are_imported_from_an_xlsx_workbook(supervisor_a):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in CSV.strip().splitlines():
        sheet.append([int(cell) if cell.isdigit() else cell for cell in line.split(",")])
    content = io.BytesIO()
    workbook.save(content)
    upload = SimpleUploadedFile("offers.xlsx", content.getvalue())
    response = page(supervisor_a).post(reverse("web:resettlement-offers-import"), {"import-file": upload})
    assert response.status_code == 302
    assert Offer.objects.get().capacity_persons == 3


def test_an_offer_is_changed_and_closed_in_its_page_and_not_shrunk_below_what_is_promised(
    supervisor_a, caseworker_a, open_regimes
):
    from herzen.audit.models import AuditEvent
    from herzen.resettlement.tests.factories import admitted_household, make_offer

    admitted_household(caseworker_a, open_regimes, adults=2, children=1)
    offer = make_offer(supervisor_a, title="Flat Leipzig", capacity_persons=4, child_beds=2)
    run = services.match_run_start(actor=supervisor_a, destination_country="DE", offer_ids=[offer.pk])
    run_queued()
    services.match_run_send(actor=supervisor_a, run_id=run.pk)
    client = page(supervisor_a)
    url = reverse("web:resettlement-offer", args=[offer.pk])
    assert "Flat Leipzig" in client.get(url).content.decode()
    form = {"offer-kind": "housing", "offer-title": "Flat Leipzig", "offer-country": "DE", "offer-town": "Leipzig",
            "offer-capacity_persons": "2", "offer-child_beds": "2"}  # fmt: skip
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "promised 3 places" in refused.content.decode()
    assert Offer.objects.get().capacity_persons == 4
    assert client.post(url, {**form, "offer-capacity_persons": "5"}).status_code == 302
    assert Offer.objects.get().capacity_persons == 5
    assert AuditEvent.objects.filter(action="resettlement_offer.update").count() == 1
    assert client.post(reverse("web:resettlement-offer-close", args=[offer.pk])).status_code == 302
    assert Offer.objects.get().is_open is False
    assert AuditEvent.objects.filter(action="resettlement_offer.close").count() == 1
    assert 'id="offer-form"' not in client.get(url).content.decode()  # a closed offer is not changed


def test_medical_needs_are_not_shown_to_an_auditor(caseworker_a, auditor_a, open_regimes):
    from herzen.resettlement.tests.factories import admitted_household

    needs = admitted_household(caseworker_a, open_regimes, medical_needs="Insulin twice a day")
    url = reverse("web:case-resettlement-needs", args=[needs.case_id])
    assert "Insulin twice a day" in page(caseworker_a).get(url).content.decode()
    assert "Insulin twice a day" not in page(auditor_a).get(url).content.decode()


def test_a_coordinator_sets_a_programmes_weights_in_its_page(supervisor_a, caseworker_a):
    from herzen.resettlement.models import MatchWeights

    url = reverse("web:resettlement-weights")
    body = {"destination_country": "de", "employment": "1.5", "preference": "0.3", "ties_distance": "0.1"}
    assert page(caseworker_a).post(url, body).status_code == 403
    assert page(supervisor_a).post(url, body).status_code == 302
    assert page(supervisor_a).post(url, {**body, "employment": "-1"}).status_code == 200
    assert MatchWeights.objects.get().employment == 1.5
    listing = page(caseworker_a).get(url).content.decode()
    assert "in use" in listing
    assert 'id="weights-form"' not in listing


def test_a_coordinator_places_a_newly_arrived_household_from_its_needs_page(
    supervisor_a, caseworker_a, open_regimes
):
    from herzen.resettlement.tests.factories import admitted_household, make_offer

    needs = admitted_household(caseworker_a, open_regimes, adults=2)
    offer = make_offer(supervisor_a, title="Flat Leipzig", capacity_persons=4)
    url = reverse("web:case-resettlement-needs", args=[needs.case_id])
    assert 'id="place-form"' not in page(caseworker_a).get(url).content.decode()
    client = page(supervisor_a)
    assert 'id="place-form"' in client.get(url).content.decode()
    response = client.post(
        reverse("web:case-resettlement-place", args=[needs.case_id]), {"place-offers": [offer.pk]}
    )
    run = MatchRun.objects.get()
    assert response["Location"] == reverse("web:resettlement-run-detail", args=[run.pk])
    run_queued()
    detail = client.get(response["Location"]).content.decode()
    assert "keeping room" in detail or "room is kept" in detail
    assert "Placed in Leipzig" in detail


def test_the_import_reads_hxl_with_libhxl_attributes_in_any_order_and_names_each_bad_line():
    from herzen.resettlement.offer_import import read_offer_table

    text = (
        "Город,Вид,Название,Страна,Детские кровати,Места\n"
        "#loc+city+name,#x_offer+kind,#x_offer+title,#country+code,#capacity+children,#capacity+ind\n"
        "Leipzig,housing,Wohnung,DE,1,4\n"
        "\n"
        "Dresden,housing,Zimmer,DE,0,drei\n"
    )
    lines = read_offer_table(text.encode("cp1251"))
    from herzen.domain.matching.offer_table import parse_offers

    parsed = parse_offers(lines)
    assert [(p.row, p.field, p.code) for p in parsed.problems] == [(5, "capacity_persons", "not_a_number")]
    assert parsed.rows[0]["town"] == "Leipzig"
    assert parsed.rows[0]["capacity_persons"] == 4
    assert parse_offers(read_offer_table(b"a,b\n1,2\n")).problems[0].code == "no_hashtags"


def test_a_file_without_hashtags_is_refused_in_words(supervisor_a):
    response = page(supervisor_a).post(
        reverse("web:resettlement-offers-import"), {"import-file": _file("Title,Town\nFlat,Leipzig\n")}
    )
    assert "no line of HXL hashtags" in response.content.decode()
    assert Offer.objects.count() == 0


def test_the_run_page_shows_each_adults_job_in_words_and_a_move_out_of_town_drops_it(
    supervisor_a, caseworker_a, open_regimes
):
    household = admitted_household(caseworker_a, open_regimes, profile={"languages": ["de"],
                                                                     "skills": ["software developer"]})  # fmt: skip
    leipzig = make_offer(supervisor_a, title="Flat Leipzig", town="Leipzig", capacity_persons=2)
    dresden = make_offer(supervisor_a, title="Flat Dresden", town="Dresden", capacity_persons=2)
    job = make_offer(supervisor_a, kind="job", title="Elbe Software", town="Leipzig", capacity_persons=1,
                     child_beds=0, required_languages=["de"], skills=["software developer"])  # fmt: skip
    run = services.match_run_start(actor=supervisor_a, destination_country="DE",
                                   offer_ids=[leipzig.pk, dresden.pk, job.pk])  # fmt: skip
    run_queued()
    client = page(supervisor_a)
    url = reverse("web:resettlement-run-detail", args=[run.pk])
    detail = client.get(url).content.decode()
    assert "adult 1: job at Elbe Software in Leipzig: speaks german, software developer" in detail
    russian = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="ru"), supervisor_a.user).get(url).content.decode()
    assert "взрослый 1: работа — Elbe Software, Leipzig: владеет языком: немецкий" in russian
    proposal = Proposal.objects.get(case_id=household.case_id)
    moved = client.post(reverse("web:resettlement-proposal-move", args=[run.pk, proposal.pk]),
                        {f"{proposal.pk}-offer": str(dresden.pk)}, follow=True).content.decode()  # fmt: skip
    assert "Placed in Dresden" in moved
    assert "Elbe Software" not in moved
    assert not proposal.job_placements.exists()


def test_job_offers_are_imported_with_their_languages_skills_and_positions(supervisor_a):
    text = (
        "Art,Titel,Land,Ort,Stellen,Sprachen,Berufe\n"
        "#x_offer+kind,#x_offer+title,#country+code,#loc+name,#capacity+ind,#language+required,#x_skills\n"
        "job,Elbe Software,DE,Leipzig,2,de; en,software developer\n"
    )
    response = page(supervisor_a).post(
        reverse("web:resettlement-offers-import"), {"import-file": _file(text)}
    )
    assert response.status_code == 302
    job = Offer.objects.get()
    assert (job.kind, job.capacity_persons, job.town) == ("job", 2, "Leipzig")
    assert job.required_languages == ["de", "en"]
    assert job.skills == ["software developer"]
