"""`herzen demo`: one command from an empty directory to a running Herzen full of synthetic cases.

Migrates, compiles translations, creates the demo organisations and staff with random passwords and TOTP
secrets (made on the first run, kept in var/demo-logins.json and printed again on every run; `--reset-logins`
makes new ones), generates households on the first run only, then serves on http://127.0.0.1:8000 with,
beside the server and stopping with it: a worker (`herzen worker`: background jobs, schedules, notices), the
audit sequencer (`herzen sequencer`: places audit and access events in their chains, signs checkpoints) and a
witness that cosigns them (`herzen witness serve`, on port+799, its key and state in var/witness/ — in a real
deployment another organisation runs it).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, transaction
from django.utils import timezone

from herzen.cases.models import Case
from herzen.demo.applications import ApplicationDesk, write_applications
from herzen.demo.documents import write_documents
from herzen.demo.duplicates import plant_duplicates
from herzen.demo.generator import generate
from herzen.demo.logins import LoginKeeper
from herzen.demo.staffing import AUTHORITY_OFFICER_USERNAME, DemoStaff, Login, ensure_demo_staff

DEFAULT_HOUSEHOLDS = 500
DEFAULT_SEED = 1917


def otpauth_uri(username: str, secret: str) -> str:
    """What an authenticator app reads from a QR code; pasting it into one works as well."""
    return f"otpauth://totp/Herzen:{quote(username)}?{urlencode({'secret': secret, 'issuer': 'Herzen'})}"


def login_table(logins: list[Login]) -> list[str]:
    headers = ("username", "role", "organisation", "password", "TOTP secret")
    rows = [
        (login.username, login.role, login.organisation, login.password, login.totp_secret)
        for login in logins
    ]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return [line(headers), line(tuple("-" * width for width in widths)), *(line(row) for row in rows)]


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Set up and serve a demo of Herzen with synthetic data (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--households",
            type=int,
            default=DEFAULT_HOUSEHOLDS,
            help=f"households to generate on the first run (default {DEFAULT_HOUSEHOLDS})",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic data")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete the SQLite database file first and start from nothing",
        )
        parser.add_argument(
            "--reset-logins",
            action="store_true",
            help="make new passwords and TOTP secrets instead of the ones kept from earlier runs",
        )
        parser.add_argument("--no-serve", action="store_true", help="set up only; do not start the server")
        parser.add_argument(
            "--no-applications",
            action="store_true",
            help="do not walk applications through the pathways (faster set-up)",
        )
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")

    def handle(self, *args: object, **options: object) -> None:
        if options["reset"]:
            self._reset()
        verbosity = int(options["verbosity"])  # type: ignore[call-overload]
        self.stdout.write("Applying database migrations…")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        self._compile_translations(verbosity)

        logins_file = Path(settings.HERZEN_DEMO_LOGINS_FILE)
        keeper = LoginKeeper(logins_file, reset=bool(options["reset_logins"]))
        staff = ensure_demo_staff(keeper)
        existing = Case.objects.count()
        if existing:
            self.stdout.write(f"The database already holds {existing} cases: no new households generated.")
        else:
            self._generate(staff.writers(), int(options["households"]), int(options["seed"]))  # type: ignore[call-overload]
            organisation, writer = staff.writers()[0]
            planted = plant_duplicates(organisation, writer)
            self.stdout.write(f"  {planted} persons recorded twice for the merge queue (Duplicates).")
            if not options["no_applications"]:
                self._applications(staff)

        # Sequence the events just written and sign both chains' heads, as the sequencer does after every
        # batch (key made in var/); from here on the sequencer started beside the server does it.
        call_command("audit", "checkpoint", verbosity=verbosity, stdout=self.stdout)

        port = int(options["port"])  # type: ignore[call-overload]
        self.stdout.write("")
        kept = "the same as on the last run" if keeper.reused else "new"
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                f"Demo logins ({kept}; kept in {logins_file} — `herzen demo --reset-logins` makes new ones):"
            )
        )
        for row in login_table(staff.logins):
            self.stdout.write("  " + row)
        self.stdout.write("")
        self.stdout.write(
            "Every login asks for a second factor: add the account's TOTP secret to an authenticator app, or"
        )
        self.stdout.write("print the current code with `oathtool --totp -b <secret>`. Example otpauth URI:")
        first = staff.logins[0]
        self.stdout.write(f"  {otpauth_uri(first.username, first.totp_secret)}")
        self.stdout.write("")
        self.stdout.write(f"Open http://127.0.0.1:{port}/ — the admin is at http://127.0.0.1:{port}/admin/")
        self.stdout.write("Try searching the case list for «Schtschukina» or «Ščukina».")
        self.stdout.write(
            f"Applicants apply at http://127.0.0.1:{port}/apply/ (no login; the demo's NGOs in Georgia and "
            "Kazakhstan receive the applications)."
        )
        self.stdout.write(
            "Authorities: log in as aa-caseworker (the German Foreign Office) to decide the applications referred "
            f"to it; {AUTHORITY_OFFICER_USERNAME} works in every other demo authority."
        )
        if not options["no_serve"]:
            # The demo says above what it is; Django's warning that runserver is no production server would be
            # the only warning of a clean start (this sets a variable for runserver, it reads no setting).
            os.environ["DJANGO_RUNSERVER_HIDE_WARNING"] = "true"
            self._serve_with_worker(port)

    def _serve_with_worker(self, port: int) -> None:
        """The server, and beside it the worker (jobs, schedules, notices), the audit sequencer and a witness,
        which stop with the server: on Ctrl-C or SIGTERM here, and by themselves if this process disappears
        (--parent-pid; the witness is stopped from here)."""
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "")}
        herzen = [sys.executable, "-m", "herzen.cli"]
        parent = ["--parent-pid", str(os.getpid())]
        witness_url, witness = self._start_witness(herzen, env, port + 799)
        if witness_url:
            env["HERZEN_AUDIT_WITNESSES"] = witness_url
        children = [
            subprocess.Popen([*herzen, "worker", *parent], env=env),  # noqa: S603 - our own interpreter
            subprocess.Popen([*herzen, "sequencer", *parent], env=env),  # noqa: S603
            *([witness] if witness else []),
        ]
        self.stdout.write(
            f"Worker (process {children[0].pid}): background jobs and schedules. Audit sequencer (process "
            f"{children[1].pid}): events chained, signed{' and witnessed' if witness else ''} within "
            f"{settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS:g} s."
        )
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            signal.signal(signal.SIGTERM, previous)
            for child in children:
                child.terminate()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()

    def _start_witness(
        self, herzen: list[str], env: dict[str, str], port: int
    ) -> tuple[str, "subprocess.Popen[bytes] | None"]:
        """A witness for the demo's log (its own key in var/witness/); ("", None) if its port is taken."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        from herzen.audit.keys import signer
        from herzen.audit.witness_server import load_or_create_key

        home = Path(settings.HERZEN_DEMO_LOGINS_FILE).parent / "witness"
        home.mkdir(parents=True, exist_ok=True)
        log_key = home / "log-public.pem"
        log_key.write_bytes(
            Ed25519PublicKey.from_public_bytes(signer().public_key()).public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        witness_public = home / "witness-public.pem"
        key = load_or_create_key(home / "witness-key.pem")
        witness_public.write_bytes(
            Ed25519PublicKey.from_public_bytes(key.public_key()).public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
            [*herzen, "witness", "serve", "--key", str(home / "witness-key.pem"), "--state",
             str(home / "state.json"), "--log-key", str(log_key), "--port", str(port)],
            env=env,
        )  # fmt: skip
        time.sleep(0.5)
        if process.poll() is not None:
            self.stderr.write(f"No witness: port {port} is taken. Checkpoints are signed but not cosigned.")
            return "", None
        return f"http://127.0.0.1:{port}={witness_public}", process

    def _reset(self) -> None:
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError("--reset only deletes a SQLite database; drop other databases yourself.")
        path = Path(str(database["NAME"]))
        connections["default"].close()
        if path.exists():
            self.stdout.write(f"--reset: deleting the SQLite database {path}")
            path.unlink()
        else:
            self.stdout.write(f"--reset: no database at {path} yet, nothing to delete")
        path.parent.mkdir(parents=True, exist_ok=True)
        # Checkpoints of the deleted database's audit chains would no longer match the new one.
        checkpoints = Path(settings.HERZEN_AUDIT_CHECKPOINT_DIR)
        if checkpoints.is_dir():
            for checkpoint in checkpoints.glob("*.json"):
                checkpoint.unlink()

    def _compile_translations(self, verbosity: int) -> None:
        # TODO(lead): `compiletranslations` is being written by another engineer; once it exists everywhere,
        # drop this check and call it unconditionally.
        if "compiletranslations" in get_commands():
            self.stdout.write("Compiling translations…")
            try:
                call_command("compiletranslations", verbosity=max(verbosity - 1, 0), stdout=self.stdout)
            except CommandError as error:  # e.g. no catalogues yet: the demo still works, in English
                self.stderr.write(f"Translations not compiled: {error}")
        else:
            self.stdout.write(
                "Translations not compiled: the `compiletranslations` command does not exist yet."
            )

    def _applications(self, staff: DemoStaff) -> None:
        self.stdout.write("Walking applications through every state of every pathway…")
        started = time.perf_counter()
        ngo_staff = staff.ngo_staff()
        cases = list(
            Case.objects.filter(organisation_id__in=list(ngo_staff)).order_by("opened_at", "reference")
        )
        with transaction.atomic():
            summary = write_applications(
                operator=staff.operator,
                desk=ApplicationDesk(ngo_staff=ngo_staff, authorities=staff.authority_actors()),
                cases=cases,
                today=timezone.localdate(),
            )
        for line in summary.lines():
            self.stdout.write("  " + line)
        # Matching runs for the admitted households (herzen.resettlement): a queued job's worker would do this.
        from herzen.demo.resettlement import write_resettlement

        for line in write_resettlement(ngo_staff):
            self.stdout.write("  Resettlement: " + line)
        # Aid (herzen.aid): a programme per NGO with grants and payouts in the states the pages show.
        from herzen.demo.aid import write_aid

        with transaction.atomic():
            for line in write_aid(ngo_staff):
                self.stdout.write("  Aid: " + line)
        with transaction.atomic():
            sealed = write_documents()
        self.stdout.write(f"  {sealed} sealed documents (check them at /verify/)")
        self.stdout.write(
            self.style.SUCCESS(f"Applications written in {time.perf_counter() - started:.1f} s.")
        )

    def _generate(self, writers: list, households: int, seed: int) -> None:  # type: ignore[type-arg]
        self.stdout.write(f"Generating {households} synthetic households (seed {seed})…")
        started = time.perf_counter()

        def progress(done: int) -> None:
            if done % 100 == 0 and done < households:
                self.stdout.write(f"  {done} households… ({time.perf_counter() - started:.0f} s)")

        summary = generate(
            organisations=writers,
            households=households,
            seed=seed,
            today=timezone.localdate(),
            progress=progress,
        )
        for line in summary.lines():
            self.stdout.write("  " + line)
        self.stdout.write(self.style.SUCCESS(f"Generated in {time.perf_counter() - started:.1f} s."))
