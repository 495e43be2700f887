"""`herzen sequencer`: places committed audit and access events in their chains and signs and witnesses a
checkpoint after every batch (herzen.audit.sequencer). Run exactly one, beside the web and worker processes
(docs/operations.md); `herzen demo` starts one. `--once` runs one pass and exits (cron, tests).
`--parent-pid` makes it leave when that process is gone (how the demo starts it)."""

import logging
import os
import signal
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from herzen.audit.sequencer import PassResult, run_pass, serve

logger = logging.getLogger("herzen.audit.sequencer")


class Command(BaseCommand):
    help = "Sequence audit and access events, then sign and witness checkpoints of both chains."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one pass, then exit.")
        parser.add_argument("--poll", type=float, default=1.0, help="Seconds between passes when idle.")
        parser.add_argument(
            "--dir", type=Path, default=None, help="Checkpoint directory (default: settings)."
        )
        parser.add_argument("--parent-pid", type=int, default=None, help="Stop when this process ends.")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or Path(settings.HERZEN_AUDIT_CHECKPOINT_DIR)
        if options["once"]:
            self.report(run_pass(directory))
            return
        stopping = threading.Event()

        def stop(signum: int, frame: object) -> None:
            stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        parent = options["parent_pid"]
        if parent is not None:
            threading.Thread(target=_watch_parent, args=(parent, stopping), daemon=True).start()
        self.stdout.write(
            f"Herzen sequencer running (merge delay {settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS:g} s)."
        )
        serve(stopping, poll=options["poll"], directory=directory, on_pass=self.log_pass)

    def log_pass(self, result: PassResult) -> None:
        if result.total or result.signed:
            logger.info(
                "Sequenced %s; signed %s",
                ", ".join(f"{chain} {count}" for chain, count in result.sequenced.items()),
                ", ".join(sorted(result.signed)) or "nothing",
            )

    def report(self, result: PassResult) -> None:
        for chain, count in result.sequenced.items():
            line = f"{chain}: {count} event(s) sequenced"
            if chain in result.signed:
                line += f", signed {result.signed[chain]}"
            self.stdout.write(line)
        for chain, ids in result.refused.items():
            self.stderr.write(self.style.ERROR(f"{chain}: REFUSED events {ids}: their MAC fails"))
        for chain, problem in result.signing_refused.items():
            self.stderr.write(self.style.ERROR(f"{chain}: REFUSING TO SIGN: {problem}"))


def _watch_parent(parent_pid: int, stopping: threading.Event) -> None:
    while not stopping.wait(2.0):
        if os.getppid() != parent_pid:
            logger.info("The parent process is gone: stopping.")
            stopping.set()
