"""Compile every .po catalogue under settings.LOCALE_PATHS and each installed app's locale/ into a .mo file, with polib instead of GNU gettext.

The build (demo, tests, container image) runs this, so no machine needs `msgfmt`. The .mo files are build output
and are not committed.
"""

from pathlib import Path
from typing import Any

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the .po translation catalogues under LOCALE_PATHS into .mo files (no GNU gettext needed)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only report catalogues whose .mo file is missing or older than the .po; exit 1 if any.",
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        # Django also reads <app>/locale of every installed app; an app may keep its own catalogue there.
        roots += [
            Path(app.path) / "locale" for app in apps.get_app_configs() if app.name.startswith("herzen.")
        ]
        catalogues = sorted({po for root in roots for po in root.glob("**/*.po")})
        if not catalogues:
            raise CommandError(f"No .po files found under {', '.join(map(str, settings.LOCALE_PATHS))}.")
        stale = []
        for po_path in catalogues:
            mo_path = po_path.with_suffix(".mo")
            if check:
                if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                    stale.append(po_path)
                continue
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as error:
                raise CommandError(f"{po_path}: {error}") from error
            catalogue.save_as_mofile(str(mo_path))
            untranslated = len(catalogue.untranslated_entries()) + len(catalogue.fuzzy_entries())
            self.stdout.write(
                f"{mo_path}: {len(catalogue.translated_entries())} messages"
                + (f", {untranslated} untranslated or fuzzy left out" if untranslated else "")
            )
        if check and stale:
            for po_path in stale:
                self.stdout.write(f"out of date: {po_path}")
            raise CommandError("Some catalogues need compiling: run `manage.py compiletranslations`.")
