"""`herzen ledger verify [--entries]`: every account's kept balance against the sum of its postings, and (with
--entries, and always on SQLite) every entry's postings against zero per currency. On PostgreSQL the deferred
constraint trigger already refused any unbalanced entry at commit, so the per-entry pass is a re-check on demand.
Exits non-zero on any difference, so a cron job or a monitor sees it."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herzen.aid.ledger import database_enforces_balance, unbalanced_entries, verify_books


class Command(BaseCommand):
    help = "Check the aid ledger: kept balances against postings, entries against zero per currency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--entries", action="store_true", help="also re-check every entry's balance")

    def handle(self, *args: object, **options: object) -> None:
        discrepancies = verify_books()
        check_entries = bool(options.get("entries")) or not database_enforces_balance()
        unbalanced = unbalanced_entries() if check_entries else []
        for item in discrepancies:
            self.stderr.write(
                f"account {item.account} {item.currency}: kept {item.kept}, postings sum to {item.from_postings}"
            )
        for entry_id in unbalanced:
            self.stderr.write(f"entry {entry_id} does not sum to zero")
        if discrepancies or unbalanced:
            raise CommandError(f"{len(discrepancies)} account(s) and {len(unbalanced)} entr(y/ies) disagree")
        checked = (
            "every entry balances" if check_entries else "entries are balanced by the database at commit"
        )
        self.stdout.write(f"ledger verified: every balance equals its postings; {checked}")
