"""`herzen rules report`: every encoded legal rule with its sources, last-checked date and status; rules not
checked for six months are flagged. `--format csv|json` writes an export a lawyer can review; the command
exits with status 1 when a rule has no source at all."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from herzen.legal_rules.register import (
    export_csv,
    export_json,
    legal_rules,
    rules_without_source,
    summary_counts,
)


class Command(BaseCommand):
    help = "The rules register: list every encoded legal rule with its source, last check and status."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="operation", required=True)
        report = commands.add_parser(
            "report", help="List every rule (text), or export it (--format csv|json)."
        )
        report.add_argument("--format", choices=("text", "csv", "json"), default="text")
        report.add_argument(
            "--stale-only", action="store_true", help="Only rules not checked for six months."
        )
        report.add_argument(
            "--as-of", type=date.fromisoformat, default=None, help="Judge staleness on this day (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = options["as_of"] or timezone.localdate()
        entries = legal_rules()
        if options["stale_only"]:
            entries = [entry for entry in entries if entry.is_stale(as_of)]
        if options["format"] == "json":
            self.stdout.write(export_json(entries, as_of))
        elif options["format"] == "csv":
            self.stdout.write(export_csv(entries, as_of), ending="")
        else:
            self._text(entries, as_of)
        missing = rules_without_source(entries)
        if missing:
            raise CommandError("rules without a source: " + ", ".join(entry.key for entry in missing))

    def _text(self, entries: list, as_of: date) -> None:
        for entry in entries:
            note = entry.note
            checked = note.last_checked.isoformat() if note.last_checked else "never"
            flag = "  STALE" if entry.is_stale(as_of) else ""
            self.stdout.write(f"{entry.key}  [{note.verified.value}]  last checked {checked}{flag}")
            self.stdout.write(f"    {entry.title}")
            if note.conflict:
                self.stdout.write(f"    conflict: {note.conflict}")
            for source in note.sources:
                self.stdout.write(f"    - {source.citation()}")
        counts = summary_counts(entries, as_of)
        self.stdout.write(
            f"{counts['rules']} rules: {counts['confirmed']} confirmed, {counts['conflicting']} conflicting, "
            f"{counts['unverified']} unverified; {counts['stale']} due for checking (not checked in the 6 months "
            f"before {as_of.isoformat()}); {counts['without_source']} without a source."
        )
