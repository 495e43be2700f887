"""`herzen schedules [list]`, `herzen schedules enable|disable NAME`, `herzen schedules period NAME SECONDS`.

The schedules are data (herzen.operations.schedules, rows in the database); this is how an operator reads
their last runs and changes them. The worker picks a change up at its next tick."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herzen.operations.models import Schedule, ScheduleRun
from herzen.operations.schedules import sync_schedules


class Command(BaseCommand):
    help = "List the schedules and their last runs; switch one on or off; change its period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", nargs="?", default="list", choices=["list", "enable", "disable", "period"]
        )
        parser.add_argument("name", nargs="?")
        parser.add_argument("seconds", nargs="?", type=int)

    def handle(self, *args: Any, action: str, name: str | None, seconds: int | None, **options: Any) -> None:
        sync_schedules()
        if action == "list":
            for schedule in Schedule.objects.order_by("name"):
                last = ScheduleRun.objects.filter(schedule=schedule).select_related("job").first()
                outcome = (
                    f"{last.started_at:%Y-%m-%d %H:%M} UTC, job {last.job.status if last.job else '—'}"
                    if last
                    else "never"
                )
                state = "on" if schedule.enabled else "off"
                self.stdout.write(
                    f"{schedule.name:20} every {schedule.period_seconds:>6} s  {state:3}  last run: {outcome}"
                )
            return
        schedule = Schedule.objects.filter(name=name or "").first()
        if schedule is None:
            raise CommandError(f"No schedule named {name!r}; `herzen schedules` lists them.")
        if action == "period":
            if not seconds or seconds < 60:
                raise CommandError("Give the period in seconds, at least 60.")
            schedule.period_seconds = seconds
        else:
            schedule.enabled = action == "enable"
        schedule.save()
        self.stdout.write(
            f"{schedule.name}: every {schedule.period_seconds} s, {'on' if schedule.enabled else 'off'}."
        )
