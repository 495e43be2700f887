"""Settings for the benchmark's comparison server only: the demo's settings, with `audit.record_access`
replaced by a no-op in that server's processes (bench/audit_sequencer.py measures reads with and without
access logging side by side). Never used outside bench/: Herzen itself has no switch to stop access logging."""

from django.apps import AppConfig

from config.settings.local import *  # noqa: F403
from config.settings.local import INSTALLED_APPS


class NoAccessLog(AppConfig):
    name = "bench"
    label = "bench_no_access_log"

    def ready(self) -> None:
        from herzen.audit import recorder

        recorder.record_access = lambda **kwargs: []  # type: ignore[assignment]


INSTALLED_APPS = [*INSTALLED_APPS, "bench.no_access_log.NoAccessLog"]
