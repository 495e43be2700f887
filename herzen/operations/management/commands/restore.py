"""`herzen restore BACKUP --identity FILE [--database-url URL] [--force]`: decrypt a backup and restore it into
an empty database and empty file directories (see herzen.operations.backup). The KEKs are not in the backup:
configure them (HERZEN_KEK, HERZEN_KEY_DIR or a key store) before running Herzen on the restored data."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herzen.operations.backup import BackupError, identities_from, restore_backup, target_from_url


class Command(BaseCommand):
    help = "Restore a Herzen backup into an empty database and empty file directories."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path)
        parser.add_argument("--identity", type=Path, required=True, help="The age secret identity file.")
        parser.add_argument(
            "--database-url", default="", help="Restore into this database (default: DATABASE_URL)."
        )
        parser.add_argument("--force", action="store_true", help="Restore even over non-empty targets.")

    def handle(
        self, *args: Any, backup: Path, identity: Path, database_url: str, force: bool, **options: Any
    ) -> None:
        try:
            manifest = restore_backup(
                backup=backup,
                identities=identities_from(identity),
                target=target_from_url(database_url) if database_url else None,
                force=force,
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        files = ", ".join(f"{label}: {count}" for label, count in manifest["files"].items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {manifest['database']} database of {manifest['created_at']} ({files} files)."
            )
        )
        self.stdout.write("Next: configure the key-encryption keys, then run `herzen audit verify`.")
