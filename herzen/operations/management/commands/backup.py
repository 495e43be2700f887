"""`herzen backup [--to DIR] [--recipient age1…|FILE]…` and `herzen backup keygen --identity FILE`.

See herzen.operations.backup: the database and uploaded files, encrypted to the operator's age public key(s);
the key-encryption keys are never included."""

from pathlib import Path
from typing import Any

import pyrage
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from herzen.operations.backup import BackupError, create_backup, recipients_from


class Command(BaseCommand):
    help = "Back up the database and uploaded files, encrypted to the operator's age public key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", default="create", choices=["create", "keygen"])
        parser.add_argument(
            "--to", type=Path, default=None, help="Directory for the backup (default HERZEN_BACKUP_DIR)."
        )
        parser.add_argument(
            "--recipient", action="append", default=None, help="An age1… public key or a file of them."
        )
        parser.add_argument(
            "--identity", type=Path, help="keygen: where to write the new secret identity (0600)."
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "keygen":
            self._keygen(options["identity"])
            return
        recipients = options["recipient"] or settings.HERZEN_BACKUP_RECIPIENTS
        try:
            path = create_backup(
                output_dir=options["to"] or Path(settings.HERZEN_BACKUP_DIR),
                recipients=recipients_from(recipients),
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))

    def _keygen(self, identity_path: Path | None) -> None:
        if identity_path is None:
            raise CommandError("Give --identity FILE: where the secret key goes (keep it off this server).")
        if identity_path.exists():
            raise CommandError(f"{identity_path} exists; not overwriting a key.")
        identity = pyrage.x25519.Identity.generate()
        public = identity.to_public()
        identity_path.parent.mkdir(parents=True, exist_ok=True)
        fd = identity_path.open("x")
        identity_path.chmod(0o600)
        with fd:
            fd.write(f"# public key: {public}\n{identity}\n")
        self.stdout.write(f"Secret identity written to {identity_path} — move it off this server.")
        self.stdout.write(f"Public key (set HERZEN_BACKUP_RECIPIENTS to it): {public}")
