"""Every string marked for translation in code and templates has a Russian translation in the catalogue.

Read straight from the sources (not from a makemessages run), so a new message that nobody extracted
fails here instead of showing up in English on a Russian page.
"""

import ast
import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
# The project catalogue plus any app's own (an app may keep its strings in <app>/locale, as Django allows).
CATALOGUES = sorted((ROOT / "herzen").glob("**/locale/ru/LC_MESSAGES/django.po"))
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


def _translated() -> set[tuple[str, str]]:
    return {
        (e.msgctxt or "", e.msgid)
        for path in CATALOGUES
        for e in polib.pofile(str(path))
        if e.translated() and "fuzzy" not in e.flags
    }


def test_the_scan_finds_known_messages():
    messages = set().union(*(_python_messages(p) for p in _sources("*.py")))
    messages |= set().union(*(_template_messages(p) for p in _sources("*.html")))
    assert ("", "Caseworker") in messages
    assert ("", "Cases") in messages


def test_every_marked_string_has_a_russian_translation():
    translated = _translated()
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
