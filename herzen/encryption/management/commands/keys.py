"""`herzen keys init|status|rotate|retire|reindex`: the operator's side of encryption at rest."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herzen.encryption import blind, keyring, rotation


class Command(BaseCommand):
    help = "Manage the keys that protect personal data at rest (see docs/encryption.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("init", help="create missing local key files (development and demo only)")
        sub.add_parser("status", help="key-encryption keys in use and the blind-index plans")
        rotate = sub.add_parser(
            "rotate", help="re-wrap every data key under the primary KEK (resumable, idempotent)"
        )
        rotate.add_argument(
            "--new-kek",
            action="store_true",
            help="first generate a new primary KEK in the local keyring file (skipped when resuming)",
        )
        rotate.add_argument("--batch-size", type=int, default=500)
        sub.add_parser("reindex", help="recompute every blind index (after changing the population or root)")
        retire = sub.add_parser("retire", help="remove a KEK no data key uses any more from the keyring file")
        retire.add_argument("kek_id")

    def handle(self, *args: object, **options: object) -> None:
        action = options["action"]
        if action == "init":
            created = keyring.ensure_local_keys()
            self.stdout.write("\n".join(f"created {path}" for path in created) or "All keys present.")
        elif action == "status":
            self._status()
        elif action == "rotate":
            self._rotate(bool(options["new_kek"]), int(options["batch_size"]))  # type: ignore[call-overload]
        elif action == "reindex":
            for app, count in blind.reindex_all().items():
                self.stdout.write(f"{app}: {count} records re-indexed")
        elif action == "retire":
            self._retire(str(options["kek_id"]))

    def _status(self) -> None:
        ring = keyring.keyring()
        self.stdout.write(f"primary KEK: {ring.primary.key_id}; keyring: {', '.join(ring.key_ids)}")
        for kek_id, count in sorted(rotation.keys_by_kek().items()):
            self.stdout.write(f"  {count} data keys wrapped by {kek_id}")
        for name in sorted(blind.registered_indexes()):
            plan = blind.plan(name)
            self.stdout.write(
                f"blind index {name}: {plan.bits} bits for ~{plan.population} values "
                f"(~{plan.expected_per_value:.1f} per index value)"
            )

    def _rotate(self, new_kek: bool, batch_size: int) -> None:
        from herzen.encryption.models import KeyRotation

        if new_kek and not KeyRotation.objects.filter(finished_at__isnull=True).exists():
            self.stdout.write(f"New primary KEK {keyring.add_primary_kek()}.")
        report = rotation.rotate(
            batch_size=batch_size, after_batch=lambda done: self.stdout.write(f"  re-wrapped {done}")
        )
        self.stdout.write(
            f"{'Resumed' if report.resumed else 'Rotated'} to {report.target_kek_id}: {report.rewrapped} data keys "
            f"re-wrapped now, {report.rewrapped_total} in all; {report.verified} verified, {report.failures} failed."
        )
        if report.failures:
            raise CommandError("Some data keys do not unwrap: do not retire any KEK.")

    def _retire(self, kek_id: str) -> None:
        still = rotation.keys_by_kek().get(kek_id, 0)
        if still:
            raise CommandError(
                f"{still} data keys are still wrapped by {kek_id}: run `herzen keys rotate` first."
            )
        if kek_id == keyring.keyring().primary.key_id:
            raise CommandError("The primary KEK cannot be retired.")
        keyring.retire_kek(kek_id)
        self.stdout.write(f"Retired {kek_id}.")
