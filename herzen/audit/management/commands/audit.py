"""`herzen audit status` shows what waits to be sequenced or signed against the merge delay; `herzen audit
checkpoint` runs one sequencer pass by hand (sequence what waits, sign and witness each chain's head — the
sequencer does this after every batch); `herzen audit verify` recomputes every chain and checks it against the
signed and witnessed checkpoints; `herzen audit public-key` prints the key witnesses need; `herzen audit export`
writes one chain as a file that scripts/verify_audit_log.py (or an auditor's own program,
docs/audit-log-encoding.md) checks against a checkpoint."""

import time
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from herzen.audit import checkpointing, sequencer, verification
from herzen.audit.export import export_chain
from herzen.audit.keys import signer
from herzen.domain.ledger import key_id


class Command(BaseCommand):
    help = "Tamper-evident audit: sign checkpoints, verify the chains, print the checkpoint public key."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="operation", required=True)
        checkpoint = commands.add_parser(
            "checkpoint", help="Verify new entries, then sign and export each chain's head."
        )
        checkpoint.add_argument("--dir", type=Path, default=None, help="Where to write (default: settings).")
        verify = commands.add_parser(
            "verify", help="Recompute every chain; non-zero exit on the first bad entry."
        )
        verify.add_argument(
            "--checkpoints",
            type=Path,
            action="append",
            default=None,
            help="A directory of checkpoints to check against (repeatable; default: the export directory).",
        )
        verify.add_argument("--chain", choices=checkpointing.chain_names(), action="append", default=None)
        verify.add_argument("--batch-size", type=int, default=None)
        commands.add_parser("public-key", help="Print the checkpoint signing public key (PEM) for witnesses.")
        commands.add_parser("status", help="Backlog and unsigned tail of each chain; non-zero exit if late.")
        export = commands.add_parser(
            "export", help="Write one chain as an export file (docs/audit-log-encoding.md)."
        )
        export.add_argument("--chain", choices=checkpointing.chain_names(), default="audit")
        export.add_argument("--output", type=Path, required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        operation = options["operation"]
        if operation == "checkpoint":
            self.checkpoint(options["dir"] or Path(settings.HERZEN_AUDIT_CHECKPOINT_DIR))
        elif operation == "status":
            self.status()
        elif operation == "export":
            with options["output"].open("wb") as out:
                count = export_chain(options["chain"], out)
            self.stdout.write(
                self.style.SUCCESS(f"{options['chain']}: {count} entries written to {options['output']}")
            )
        elif operation == "verify":
            directories = options["checkpoints"] or [Path(settings.HERZEN_AUDIT_CHECKPOINT_DIR)]
            self.verify(directories, options["chain"] or checkpointing.chain_names(), options["batch_size"])
        else:
            public = signer().public_key()
            pem = Ed25519PublicKey.from_public_bytes(public).public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            self.stdout.write(f"# key id {key_id(public)}\n{pem.decode('ascii')}", ending="")

    def checkpoint(self, directory: Path) -> None:
        result = sequencer.run_pass(directory)
        for chain, ids in result.refused.items():
            self.stderr.write(self.style.ERROR(f"{chain}: REFUSED unsequenced events {ids}: their MAC fails"))
        for chain in checkpointing.chain_names():
            if chain in result.signing_refused:
                continue
            if chain in result.signed:
                self.stdout.write(self.style.SUCCESS(f"{chain}: signed {result.signed[chain]}"))
            else:
                self.stdout.write(f"{chain}: nothing new since the latest checkpoint")
        if result.signing_refused:
            problems = "; ".join(f"{chain}: {problem}" for chain, problem in result.signing_refused.items())
            raise CommandError(f"Refusing to sign: {problems}")

    def status(self) -> None:
        now = timezone.now()
        late = []
        delay = settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS
        self.stdout.write(f"Maximum merge delay: {delay:g} s")
        for chain in checkpointing.chain_names():
            state = verification.status(chain)
            seen = f"{state.sequenced_at:%Y-%m-%d %H:%M:%S}" if state.sequenced_at else "never"
            self.stdout.write(
                f"{chain}: head #{state.head}, signed up to #{state.signed} "
                f"(unsigned tail {max(state.head - state.signed, 0)}, oldest {state.unsigned_age(now):.1f} s); "
                f"backlog {state.pending.count} unsequenced (oldest {state.backlog_age(now):.1f} s); "
                f"last sequencer pass {seen}"
            )
            if state.refused:
                self.stderr.write(self.style.ERROR(f"{chain}: REFUSED events (MAC fails): {state.refused}"))
            if not state.healthy(now):
                late.append(chain)
        if late:
            raise CommandError(f"Over the merge delay or refused events: {', '.join(late)}")

    def verify(self, directories: list[Path], chains: list[str], batch: int | None) -> None:
        failures = []
        for chain in chains:
            started = time.perf_counter()
            report = verification.verify(chain, directories, batch=batch)
            seconds = time.perf_counter() - started
            for note in getattr(report, "notes", []):
                self.stderr.write(self.style.WARNING(f"{chain}: {note}"))
            if report.ok:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{chain}: {report.entries} entries verified up to #{report.head.sequence} "
                        f"({report.head.hash.hex()[:16]}…), consistent with {report.checkpoints} signed "
                        f"checkpoint(s), in {seconds:.1f} s"
                    )
                )
                self.stdout.write(
                    f"{chain}: witnessed up to #{report.witnessed}; unsigned tail {report.unsigned} "
                    f"entr{'y' if report.unsigned == 1 else 'ies'}; {report.pending.count} unsequenced"
                )
            else:
                failures.append(f"{chain}: {report.problem}")
                self.stderr.write(self.style.ERROR(f"{chain}: FAILED — {report.problem}"))
        if failures:
            raise CommandError("Audit verification failed: " + "; ".join(failures))
