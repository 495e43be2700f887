"""`herzen retention run [--dry-run] [--today YYYY-MM-DD]`: erase what the retention policy says has expired.

Run it daily from the deployment's scheduler, e.g. the service user's crontab
`17 3 * * * /srv/herzen/.venv/bin/herzen retention run`, or a systemd timer (`OnCalendar=daily`,
`Persistent=true`) starting a oneshot service with that command. For every organisation it acts as the
system account `herzen-retention` (a supervisor there) and erases each due household through
`household_erase` (crypto-shredding, audited). The report names kinds, counts and household ids — never
personal data — and is printed; `--dry-run` reports what would be erased and changes nothing.
"""

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from herzen.retention.job import retention_run


class Command(BaseCommand):
    help = "Retention: erase (crypto-shred) households whose retention period has ended, and report it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["run"])
        parser.add_argument("--dry-run", action="store_true", help="Report what is due; erase nothing.")
        parser.add_argument(
            "--today", type=date.fromisoformat, help="Decide as of this day (default: today)."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(
        self, *args: Any, action: str, dry_run: bool, today: date | None, json: bool, **options: Any
    ) -> str:
        try:
            report = retention_run(today=today or timezone.localdate(), dry_run=dry_run)
        except ValueError as error:  # a malformed policy file
            raise CommandError(str(error)) from error
        return _as_json(report.as_dict()) if json else report.summary()


def _as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True)
