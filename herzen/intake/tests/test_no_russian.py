"""Georgian, Armenian and Kazakh intake pages show no Russian: a page that declares `lang="ka|hy|kk"` and then
falls back to Russian is read aloud with the wrong voice and may not be understood at all.

Kazakh is written in Cyrillic too, so Russian is recognised by what it says, not by its script: every text of
the page is compared with every Russian translation the site could fall back to (Herzen's catalogues, Django's,
django-countries'). Every page of the intake is rendered, with and without errors, before and after sending."""

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import django_countries
import polib
import pytest
from django.core import mail
from django.test import Client

from herzen.cases.models import Case
from herzen.cases.services import case_assign, case_change_status
from herzen.intake.tests.factories import make_draft

ROOT = Path(__file__).resolve().parents[3]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}")
LANGUAGES = ("ka", "hy", "kk")


def _catalogues(language: str) -> list[Path]:
    herzen = sorted((ROOT / "herzen").glob(f"**/locale/{language}/LC_MESSAGES/django.po"))
    libraries = [
        Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES" / "django.po",
        Path(django_countries.__file__).parent / "locale" / language / "LC_MESSAGES" / "django.po",
    ]
    return herzen + [path for path in libraries if path.exists()]


def _msgstrs(language: str) -> set[str]:
    texts = set()
    for path in _catalogues(language):
        for entry in polib.pofile(str(path)):
            texts.update(t for t in [entry.msgstr, *entry.msgstr_plural.values()] if t)
    return texts


def _russian_fragments(language: str) -> tuple[set[str], set[str]]:
    """(short, long) pieces of Russian text between placeholders: a short one counts when it is a whole text
    of the page, a long one wherever it appears. Pieces the page's own language also uses are left out."""
    own = {_normal(t) for t in _msgstrs(language)}
    short, long = set(), set()
    for text in _msgstrs("ru"):
        for piece in PLACEHOLDER.split(text):
            piece = _normal(piece)
            if len(piece) < 4 or not CYRILLIC.search(piece) or piece in own:
                continue
            (long if len(piece) >= 20 else short).add(piece)
    return short, long


def _normal(text: str) -> str:
    return " ".join(text.split()).strip(" .,:;«»\"'()—-")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Texts(HTMLParser):
    """The text a person sees or hears: text nodes outside <script>/<style>, and the attributes read aloud.
    Text marked as another language (`lang="ru"` on «Русский» in the language picker) is read in its own
    voice, so it is left out."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.texts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skipped)

    def _skipping(self) -> bool:
        return any(skipped for _tag, skipped in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        other_language = bool(values.get("lang")) and values.get("lang") != self.language
        skipped = tag in {"script", "style"} or other_language
        if not skipped and not self._skipping():
            for name in ("placeholder", "title", "aria-label", "alt"):
                if values.get(name):
                    self.texts.append(str(values[name]))
        if tag not in VOID:
            self._open.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping() and data.strip():
            self.texts.append(data)


def _russian_on(page: str, fragments: tuple[set[str], set[str]], language: str) -> list[str]:
    short, long = fragments
    parser = _Texts(language)
    parser.feed(page)
    found = []
    for text in map(_normal, parser.texts):
        if text in short or text in long or any(piece in text for piece in long):
            found.append(text)
    return found


def _pages(client: Client, receiving, language: str) -> dict[str, str]:
    """Every intake page, as the applicant meets it, in `language`."""
    pages: dict[str, str] = {}

    def keep(name: str, response) -> None:
        assert response.status_code in {200, 400, 404}, (name, response.status_code)
        pages[name] = response.content.decode()

    keep("start", client.get("/apply/", HTTP_ACCEPT_LANGUAGE=language))
    keep("start errors", client.post("/apply/", {}, HTTP_ACCEPT_LANGUAGE=language))
    keep("lost link", client.get("/apply/lost-link/", HTTP_ACCEPT_LANGUAGE=language))
    keep("lost link errors", client.post("/apply/lost-link/", {"email": "x"}, HTTP_ACCEPT_LANGUAGE=language))
    keep(
        "lost link sent",
        client.post("/apply/lost-link/", {"email": "a@example.org"}, HTTP_ACCEPT_LANGUAGE=language),
    )
    keep("bad link", client.get("/apply/link/not-a-real-token/", HTTP_ACCEPT_LANGUAGE=language))
    keep("link issued", client.post("/apply/", {"language": language}))

    issued = make_draft(receiving, language=language)
    client.get(f"/apply/link/{issued.token}/")
    keep("overview", client.get("/apply/continue/"))
    keep("language", client.get("/apply/language/"))
    for step in ("about", "household", "location", "documents", "risks", "declarations", "needs"):
        keep(step, client.get(f"/apply/{step}/"))
    keep("organisation", client.get("/apply/organisation/"))
    keep("evidence", client.get("/apply/evidence/"))
    for step in ("about", "location", "risks", "declarations", "needs", "organisation"):
        keep(f"{step} errors", client.post(f"/apply/{step}/", {}))
    for step in ("household", "documents"):
        keep(f"{step} errors", client.post(f"/apply/{step}/", {"action": "add"}))
    keep("evidence errors", client.post("/apply/evidence/", {"action": "upload"}))
    keep("link sent again", client.post("/apply/link-again/"))
    keep("new link", client.post("/apply/new-link/"))
    keep("check", client.get("/apply/check/"))
    keep("confirmation", client.post("/apply/check/"))
    keep("status", client.get("/apply/status/"))
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_intake_page_shows_a_russian_string(language, receiving, settings, supervisor_a, caseworker_a):
    settings.LANGUAGE_CODE = "ru"  # production's default, and so the fallback a missing string would take
    client = Client()
    pages = _pages(client, receiving, language)
    case = Case.objects.get(organisation=receiving)
    case_assign(actor=supervisor_a, case_id=case.pk, caseworker_id=caseworker_a.user.pk)
    pages["status assigned"] = client.get("/apply/status/").content.decode()
    for status in ("on_hold", "closed"):
        case_change_status(actor=supervisor_a, case_id=case.pk, status=status)
        pages[f"status {status}"] = client.get("/apply/status/").content.decode()

    fragments = _russian_fragments(language)
    russian = {
        name: found for name, page in pages.items() if (found := _russian_on(page, fragments, language))
    }

    assert russian == {}
    assert all(f'lang="{language}"' in page for page in pages.values())
    assert mail.outbox  # the link sent again
    assert not _russian_on(mail.outbox[-1].body, fragments, language)


def test_the_check_finds_russian_where_it_is():
    fragments = _russian_fragments("kk")
    page = (
        '<html lang="kk"><p>Обязательное поле.</p><label>Виза бойынша</label><br>'
        '<p>Бұл өрісті толтыру міндетті.</p><label lang="ru">Русский</label><p>Русский</p></html>'
    )
    assert _russian_on(page, fragments, "kk") == ["Обязательное поле", "Русский"]
