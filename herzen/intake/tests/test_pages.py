"""The applicant's pages through Django's test client: the whole flow, errors that keep every value,
links that bind a new browser, and a status page in the applicant's language."""

import re

import pytest
from django.test import Client

from herzen.cases.models import Case
from herzen.intake import selectors, services
from herzen.intake.identity import applicant_actor
from herzen.intake.models import IntakeDraft
from herzen.intake.tests.factories import complete_answers, make_draft


def _start(client: Client, language: str = "ru") -> str:
    response = client.post("/apply/", {"language": language})
    assert response.status_code == 200
    match = re.search(r"/apply/link/([A-Za-z0-9_\-]+)/", response.content.decode())
    assert match, "the private link is shown after starting"
    return match.group(1)


def test_the_start_page_is_public_and_sets_no_cookie_but_session_and_csrf(client, db):
    response = client.get("/apply/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    client.post("/apply/", {"language": "uk"})
    assert set(client.cookies) <= {"sessionid", "csrftoken"}


def test_a_whole_application_through_the_pages(client, receiving):
    token = _start(client)
    answers = complete_answers(receiving.pk)
    about = {k: v for k, v in answers["about"].items() if k != "citizenships"}
    about["date_of_birth"] = "31.12.1990"
    about["citizenships"] = ["RU"]
    assert client.post("/apply/about/", about).status_code == 302
    for member in answers["household"]["members"]:
        typed = "/".join(reversed(member["date_of_birth"].split("-")))  # 17/05/2016: as people type it
        member = {**member, "date_of_birth": typed, "action": "add"}
        assert client.post("/apply/household/", member).status_code == 302
    assert client.post("/apply/household/", {"action": "continue"}).status_code == 302
    location = {**answers["location"], "entry_date": answers["location"]["entry_date"]}
    response = client.post("/apply/location/", location)
    assert response.status_code == 302
    assert "saved=1" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert 'id="deadline"' in page  # the computed legal-stay deadline is shown
    document = {**answers["documents"]["items"][0], "action": "add"}
    assert client.post("/apply/documents/", document).status_code == 302
    assert client.post("/apply/documents/", {"action": "continue"}).status_code == 302
    risks = {**answers["risks"]}
    assert client.post("/apply/risks/", risks).status_code == 302
    assert client.post("/apply/declarations/", {"borders": "on", "destalinisation": "on"}).status_code == 302
    assert client.post("/apply/needs/", {"pathway": "yes", "housing": "on"}).status_code == 302
    assert client.post("/apply/organisation/", {"organisation": str(receiving.pk)}).status_code == 302
    assert client.post("/apply/evidence/", {"action": "continue"}).status_code == 302
    check = client.get("/apply/check/")
    assert "Щукина" in check.content.decode()
    confirmation = client.post("/apply/check/")
    assert confirmation.status_code == 200
    case = Case.objects.get(organisation=receiving)
    assert case.reference in confirmation.content.decode()
    assert case.household.members.count() == 3

    # The first private link still opens it, in a browser that never saw it, at the status page.
    other = Client()
    response = other.get(f"/apply/link/{token}/")
    assert response["Location"] == "/apply/status/"
    status = other.get("/apply/status/").content.decode()
    assert case.reference in status
    assert "Получено" in status  # in the applicant's language (Russian)


def test_a_failed_page_keeps_every_value_and_ties_errors_to_fields(client, receiving):
    _start(client)
    typed = {
        "surname": "Shchukina",  # Latin where Cyrillic is asked: an error
        "given_name": "Анна",
        "patronymic": "Сергеевна",
        "sex": "F",
        "date_of_birth": "31.13.1990",  # no 13th month
        "email": "anna@example.org",
        "telegram": "@anna_sch",
        "preferred": "telegram",
        "citizenships": ["RU"],
        "latin1_surname": "SHCHUKINA",
        "latin1_given_name": "ANNA",
    }
    response = client.post("/apply/about/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    for value in (
        "Shchukina",
        "Анна",
        "Сергеевна",
        "31.13.1990",
        "anna@example.org",
        "@anna_sch",
        "SHCHUKINA",
    ):
        assert f'value="{value}"' in page
    assert 'href="#id_surname"' in page
    assert 'href="#id_date_of_birth"' in page
    assert 'aria-describedby="id_surname_hint id_surname_error"' in page
    assert IntakeDraft.objects.get().answers == {}


@pytest.mark.parametrize("typed", ["31.12.1990", "31/12/1990", "1990-12-31", "31-12-1990", "31 12 1990"])
def test_dates_are_accepted_as_people_type_them(typed):
    from datetime import date

    from herzen.intake.forms import parse_typed_date

    assert parse_typed_date(typed) == date(1990, 12, 31)


def test_pages_need_a_draft_and_a_bad_link_says_so(client, db):
    assert client.get("/apply/about/")["Location"] == "/apply/"
    response = client.get("/apply/link/not-a-real-token/")
    assert response.status_code == 404


def test_the_page_is_in_the_drafts_language(client, receiving):
    issued = make_draft(receiving, language="uk")
    client.get(f"/apply/link/{issued.token}/")
    page = client.get("/apply/continue/")
    assert page["Content-Language"] == "uk"
    assert "Про вас" in page.content.decode()  # Ukrainian, not the Russian "О вас"


def test_the_private_link_is_shown_once_and_no_second_one_appears_on_sending(client, receiving):
    """The start page says the link is shown only once: sending issues no new link and shows none."""
    token = _start(client)
    draft = selectors.draft_for_token(token)
    for step, values in complete_answers(receiving.pk).items():
        services.draft_save_step(
            actor=applicant_actor(),
            draft_id=draft.pk,
            step=step,
            answers=values,
            organisation_id=values.get("organisation") if step == "organisation" else None,
        )
    confirmation = client.post("/apply/check/").content.decode()
    assert "/apply/link/" not in confirmation  # no link at all on the confirmation page
    assert draft.links.count() == 1  # the one issued at the start, still the only one
    assert draft.links.get().revoked_at is None
    assert Client().get(f"/apply/link/{token}/")["Location"] == "/apply/status/"


def test_each_error_summary_entry_names_its_field(client, receiving):
    _start(client)  # in Russian
    page = client.post("/apply/about/", {}).content.decode()
    summary = page[
        page.index('class="error-summary"') : page.index("</ul>", page.index('class="error-summary"'))
    ]
    entries = re.findall(r"<li><a href=\"#[^\"]+\">([^<]+)</a></li>", summary)

    assert "Фамилия: Обязательное поле." in entries
    assert "Имя: Обязательное поле." in entries
    assert len(entries) == len(set(entries)) >= 3  # no two entries read the same
