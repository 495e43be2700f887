"""The deciding authority's pages in German: no English and no Russian interface text on them.

Every message of the staff catalogues is looked for in the page's visible text: an English message whose
German differs must not be there (it would be an untranslated string), nor any Russian translation."""

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.urls import reverse

from herzen.demo.applications import walk
from herzen.evidence.tests.factories import make_evidence, make_upload
from herzen.pathways.tests.factories import make_application

HERZEN = Path(__file__).resolve().parents[2]
STAFF = [p for p in HERZEN.glob("**/locale/ru/LC_MESSAGES/django.po") if "intake" not in p.parts]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _messages():
    """(English, German, Russian) of every staff message long enough to be told apart from data."""
    triples = []
    for russian_path in STAFF:
        german = {
            (e.msgctxt, e.msgid): e.msgstr
            for e in polib.pofile(str(russian_path.parents[2] / "de" / "LC_MESSAGES" / "django.po"))
        }
        for entry in polib.pofile(str(russian_path)):
            if entry.msgid_plural or PLACEHOLDER.search(entry.msgid):
                continue
            triples.append((entry.msgid, german.get((entry.msgctxt, entry.msgid), ""), entry.msgstr))
    return triples


MESSAGES = _messages()


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return " ".join(unescape(html).split())


def assert_german(page: str) -> None:
    text = visible_text(page)
    english = [
        msgid
        for msgid, german, _russian in MESSAGES
        if len(msgid.split()) >= 2
        and german != msgid
        and re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", text)
    ]
    russian = [
        russian for _msgid, _german, russian in MESSAGES if len(russian.split()) >= 2 and russian in text
    ]
    assert english == []
    assert russian == []


@pytest.fixture
def referred(open_regimes, caseworker_a, actor_for, today):
    application = make_application(caseworker_a)
    make_evidence(caseworker_a, application.case, file=make_upload())
    return walk(application, target="submitted_foreign_ministry", actor_for=actor_for("DE"), today=today)


@pytest.fixture
def german_authority(login, authorities):
    return login(authorities("DE")["foreign_ministry"], language="de")


def test_the_check_finds_english_and_russian(referred):
    with pytest.raises(AssertionError):
        assert_german("<p>Referral lists</p>")
    with pytest.raises(AssertionError):
        assert_german("<p>Списки передачи</p>")
    assert_german("<p>Übermittlungslisten</p>")


@pytest.mark.parametrize(
    "page",
    ["web:application-list", "web:referrals", "web:application-time-in-state", "application-detail"],
)
def test_the_authoritys_main_pages_are_german(german_authority, referred, page):
    url = (
        reverse("web:application-detail", args=[referred.pk])
        if page == "application-detail"
        else reverse(page)
    )
    response = german_authority.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="de"' in html
    assert_german(html)


def test_the_application_page_in_german_names_things_in_german(german_authority, referred):
    html = german_authority.get(reverse("web:application-detail", args=[referred.pk])).content.decode()
    text = visible_text(html)
    assert "Beim Außenministerium eingereicht" in text
    assert "Dossier und Nachweise" in text
    assert "Deutschland" in text
    assert "Das Dossier herunterladen (ZIP)" in text


def test_the_staff_language_switcher_offers_german(login, caseworker_a):
    html = login(caseworker_a).get(reverse("web:case-list")).content.decode()
    assert 'name="language" value="de"' in html
    assert 'name="language" value="uk"' not in html  # the intake's languages stay the intake's
