"""Nothing the pages load comes from another host, and the translations build without GNU gettext."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

ROOT = Path(settings.BASE_DIR)
SCANNED = [ROOT / "herzen" / "templates", ROOT / "herzen" / "web" / "templates", ROOT / "herzen" / "static"]
# Identifiers that look like URLs but load nothing.
HARMLESS = ("http://www.w3.org/2000/svg",)
EXTERNAL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


def test_no_template_or_static_file_references_another_host():
    offenders = []
    for folder in SCANNED:
        for path in folder.rglob("*"):
            if not path.is_file() or path.name.startswith("LICENSE") or path.suffix in {".gz", ".br", ".png"}:
                continue
            text = path.read_text(encoding="utf-8", errors="ignore")
            for harmless in HARMLESS:
                text = text.replace(harmless, "")
            offenders += [f"{path.relative_to(ROOT)}: {match}" for match in EXTERNAL.findall(text)]

    assert offenders == []


def test_htmx_is_vendored_with_its_licence():
    folder = ROOT / "herzen" / "static" / "vendor" / "htmx"

    assert (folder / "htmx.min.js").stat().st_size > 10_000
    assert (folder / "LICENSE").exists()


def test_compiletranslations_builds_mo_files_with_polib(tmp_path, settings):
    po_path = tmp_path / "ru" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    catalogue.append(polib.POEntry(msgid="Cases", msgstr="Дела"))
    catalogue.save(str(po_path))
    settings.LOCALE_PATHS = [tmp_path]

    call_command("compiletranslations", verbosity=0)

    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    assert {entry.msgid: entry.msgstr for entry in compiled} == {"Cases": "Дела"}


OWNED = (
    "herzen/web/",
    "herzen/templates/",
    "herzen/core/actor.py",
    "herzen/organisations/models.py",
    "herzen/people/choices.py",
    "herzen/people/models.py",
    "herzen/people/validators.py",
    "herzen/cases/models.py",
    # Services raise their messages translated, and the pages show them as raised.
    "herzen/people/services/",
    "herzen/cases/services.py",
    "herzen/organisations/services.py",
    "herzen/api/services.py",
    "herzen/core/changes.py",
    "herzen/core/exceptions.py",
    "herzen/core/api.py",
)


def test_russian_catalogue_translates_the_pages_the_models_and_the_service_messages():
    catalogue = polib.pofile(str(ROOT / "herzen" / "locale" / "ru" / "LC_MESSAGES" / "django.po"))

    missing = [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete
        and any(path.startswith(OWNED) for path, _line in entry.occurrences)
        and (not entry.translated() or "fuzzy" in entry.flags)
    ]

    assert missing == []


def test_compiletranslations_check_reports_stale_catalogues(tmp_path, settings):
    po_path = tmp_path / "ru" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    polib.POFile().save(str(po_path))
    settings.LOCALE_PATHS = [tmp_path]

    with pytest.raises(CommandError):
        call_command("compiletranslations", "--check", verbosity=0)
    call_command("compiletranslations", verbosity=0)
    call_command("compiletranslations", "--check", verbosity=0)


SERVICE_MODULES = [
    *sorted((ROOT / "herzen" / "people" / "services").glob("*.py")),
    *(
        ROOT / path
        for path in (
            "herzen/cases/services.py",
            "herzen/organisations/services.py",
            "herzen/api/services.py",
            "herzen/core/changes.py",
            "herzen/core/exceptions.py",
            "herzen/core/api.py",
        )
    ),
]


def _unmarked_literals(node: ast.expr) -> list[ast.expr]:
    """String literals and f-strings passed as they are, not through gettext (`_`)."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return [node]
    if isinstance(node, ast.List | ast.Tuple):
        return [found for item in node.elts for found in _unmarked_literals(item)]
    if isinstance(node, ast.Dict):
        return [found for value in node.values for found in _unmarked_literals(value)]
    if isinstance(node, ast.DictComp):
        return _unmarked_literals(node.value)
    return []


@pytest.mark.parametrize("path", SERVICE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_service_messages_are_marked_for_translation(path):
    offenders = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            arguments = [
                *node.exc.args,
                *(k.value for k in node.exc.keywords if k.arg in ("message", "fields")),
            ]
            offenders += [f"line {found.lineno}" for arg in arguments for found in _unmarked_literals(arg)]

    assert offenders == []
