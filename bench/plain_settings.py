"""Settings of the plain-ORM reference server (bench/plain_view.py): Herzen's own, with one URL of its own."""

from config.settings.local import *  # noqa: F403

ROOT_URLCONF = "bench.plain_view"
