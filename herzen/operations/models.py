"""Schedules as data, and the log of their runs.

A `Schedule` row per entry of `herzen.operations.schedules.SCHEDULES` (created when a worker starts; an operator
may switch one off or change its period with `herzen schedules`). Each time the worker's scheduler starts a run it writes
a `ScheduleRun` naming the job that does the work, so "did the retention run last night?" has an answer.
"""

from django.db import models

from herzen.jobs.models import Job


class Schedule(models.Model):
    name = models.CharField(max_length=64, primary_key=True)
    period_seconds = models.PositiveIntegerField()
    enabled = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ScheduleRun(models.Model):
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(db_index=True)
    # True when the previous run is more than one period old: the worker was down and this run catches up.
    caught_up = models.BooleanField(default=False)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.schedule_id} at {self.started_at:%Y-%m-%d %H:%M}"
