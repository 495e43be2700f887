"""Every string marked for translation in code and templates has a Russian and a German translation in the
catalogues (German: the staff pages' third language, that of the deciding authorities).

Read straight from the sources (not from a makemessages run), so a new message that nobody extracted
fails here instead of showing up in English on a Russian page.
"""

import ast
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
# The project catalogue plus any app's own (an app may keep its strings in <app>/locale, as Django allows).
CATALOGUES = sorted((ROOT / "herzen").glob("**/locale/ru/LC_MESSAGES/django.po"))
# The staff-facing catalogues; the intake keeps its own languages (herzen/intake/tests/test_languages.py).
STAFF_CATALOGUES = [path for path in CATALOGUES if "intake" not in path.parts]
SKIPPED_PARTS = {"tests", "migrations", "domain"}
PLAIN = {"_", "gettext", "gettext_lazy"}
WITH_CONTEXT = {"pgettext", "pgettext_lazy"}
TEMPLATE_TAG = re.compile(
    r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1(?:\s+context\s+(["'])(.+?)\3)?[^%]*%}"""
)


def _sources(pattern: str) -> list[Path]:
    return [p for p in (ROOT / "herzen").rglob(pattern) if not SKIPPED_PARTS & set(p.relative_to(ROOT).parts)]


def _python_messages(path: Path) -> set[tuple[str, str]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        args = [
            a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args
        ]
        if name in PLAIN and args[0]:
            found.add(("", args[0]))
        elif name in WITH_CONTEXT and len(args) > 1 and args[0] and args[1]:
            found.add((args[0], args[1]))
    return found


def _template_messages(path: Path) -> set[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    return {(m.group(4) or "", m.group(2)) for m in TEMPLATE_TAG.finditer(text)}


def _translated(language: str = "ru") -> set[tuple[str, str]]:
    return {
        (e.msgctxt or "", e.msgid)
        for path in CATALOGUES
        for e in polib.pofile(str(_in(path, language)))
        if _in(path, language).exists() and e.translated() and "fuzzy" not in e.flags
    }


def _in(russian_catalogue: Path, language: str) -> Path:
    return russian_catalogue.parents[2] / language / "LC_MESSAGES" / "django.po"


def test_the_scan_finds_known_messages():
    messages = set().union(*(_python_messages(p) for p in _sources("*.py")))
    messages |= set().union(*(_template_messages(p) for p in _sources("*.html")))
    assert ("", "Caseworker") in messages
    assert ("", "Cases") in messages


@pytest.mark.parametrize("language", ["ru", "de"])
def test_every_marked_string_has_a_translation(language):
    translated = _translated(language)
    missing = {
        (str(path.relative_to(ROOT)), msgid)
        for path in _sources("*.py")
        for context, msgid in _python_messages(path)
        if (context, msgid) not in translated
    } | {
        (str(path.relative_to(ROOT)), msgid)
        for path in _sources("*.html")
        for context, msgid in _template_messages(path)
        if (context, msgid) not in translated
    }

    assert sorted(missing) == []


@pytest.mark.parametrize("catalogue", STAFF_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_staff_message_has_a_german_translation(catalogue):
    """Each staff catalogue's German twin translates every message the Russian one has, none fuzzy."""
    russian = {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(catalogue)) if not e.obsolete}
    german = polib.pofile(str(_in(catalogue, "de")))
    translated = {(e.msgctxt or "", e.msgid) for e in german.translated_entries() if "fuzzy" not in e.flags}
    assert sorted(russian - translated) == []


def test_german_uses_the_legal_terms_of_german_criminal_procedure():
    """обвиняемый (charged, before trial) is "Beschuldigte(r)"; "Angeklagte(r)" would mean on trial."""
    german = {e.msgid: e.msgstr for path in STAFF_CATALOGUES for e in polib.pofile(str(_in(path, "de")))}
    assert german["Accused"] == "Beschuldigte(r)"
    assert german["Suspect"] == "Verdächtige(r)"
    assert not [msgid for msgid, text in german.items() if "Angeklagt" in text]
