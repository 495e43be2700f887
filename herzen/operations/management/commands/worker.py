"""`herzen worker`: runs queued jobs (django-tasks-db's database worker) and the schedules, beside the web server.

One process: the database worker runs jobs in the main thread; a second thread beats the heartbeat every
HEARTBEAT_SECONDS and starts due schedules every TICK_SECONDS (at once on start, which is how a run missed
while no worker was up is caught up). `--batch` runs what is due now and exits (for cron-only installs and
tests). `--parent-pid` makes the worker leave when that process is gone (`herzen demo` starts it so).
SIGTERM or Ctrl-C finish the running job and stop.
"""

import logging
import os
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from herzen.operations import heartbeat, schedules

logger = logging.getLogger("herzen.worker")
HEARTBEAT_SECONDS = 10


class Command(BaseCommand):
    help = "Run background jobs and the schedules (priority refresh, retention, checkpoints, reminders …)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is due now, then exit.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")
        parser.add_argument("--no-schedules", action="store_true", help="Run jobs only; start no schedules.")
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=None,
            help="Stop when the process with this id ends (the demo's server).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = f"{os.uname().nodename[:20]}-{os.getpid()}-{get_random_string(8)}"
        started_at = timezone.now()
        use_schedules = not options["no_schedules"]
        schedules.sync_schedules()
        heartbeat.beat(worker_id, started_at=started_at)
        if use_schedules:
            _tick()
        worker = Worker(
            queue_names=["*"],
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        if options["batch"]:
            worker.run()
            heartbeat.stop(worker_id)
            return
        self.stdout.write(
            f"Herzen worker {worker_id} running jobs{' and schedules' if use_schedules else ''}."
        )
        stopping = threading.Event()
        pulse = threading.Thread(
            target=_pulse,
            args=(worker_id, stopping, use_schedules, options["parent_pid"]),
            name="herzen-worker-pulse",
            daemon=True,
        )
        pulse.start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stopping.set()
            heartbeat.stop(worker_id)


def _tick() -> None:
    try:
        for run in schedules.tick():
            logger.info(
                "Schedule %s started (job %s)%s",
                run.schedule_id,
                run.job_id,
                " to catch up" if run.caught_up else "",
            )
    except Exception as error:  # a failed tick is tried again at the next one
        logger.warning("Schedules not started: %s", type(error).__name__)


def _pulse(worker_id: str, stopping: threading.Event, use_schedules: bool, parent_pid: int | None) -> None:
    since_tick = 0.0
    try:
        while not stopping.wait(HEARTBEAT_SECONDS):
            if parent_pid is not None and os.getppid() != parent_pid:
                logger.info("The parent process is gone: stopping.")
                os.kill(os.getpid(), signal.SIGTERM)
                return
            close_old_connections()
            try:
                heartbeat.beat(worker_id)
            except Exception as error:
                logger.warning("Heartbeat not written: %s", type(error).__name__)
            since_tick += HEARTBEAT_SECONDS
            if use_schedules and since_tick >= schedules.TICK_SECONDS:
                since_tick = 0.0
                _tick()
    finally:
        connection.close()
