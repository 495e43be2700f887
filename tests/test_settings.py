"""The settings modules behave as operators are told: production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "k" * 20 + "3fa9c1e07b5d4a2e9f8c6b1d0e7a5c3b9f" + "x" * 10


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HERZEN_", "DATABASE_URL", "DJANGO_"))}
    clean.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=clean,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL="postgres://herzen@127.0.0.1/herzen",
    )

    assert result.returncode != 0
    assert "HERZEN_SECRET_KEY" in result.stderr


def test_production_refuses_sqlite():
    result = _manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.production", HERZEN_SECRET_KEY=STRONG_KEY
    )

    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_production_passes_the_deployment_checklist_when_configured():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        HERZEN_SECRET_KEY=STRONG_KEY,
        DATABASE_URL="postgres://herzen@127.0.0.1/herzen",
        HERZEN_ALLOWED_HOSTS="herzen.example.org",
    )

    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_set():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="config.settings.local",
    )

    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_application_logs_lose_query_strings_which_carry_names(caplog):
    import logging

    from django.conf import settings

    from herzen.core.logfilters import StripQueryStrings

    assert "no_query_strings" in settings.LOGGING["handlers"]["console"]["filters"]
    assert settings.LOGGING["loggers"]["django.server"]["handlers"] == ["console"]
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /cases/?q=Щукина HTTP/1.1", "200", "1"),
        None,
    )
    StripQueryStrings().filter(record)
    assert "Щукина" not in record.getMessage()
    assert "GET /cases/?… HTTP/1.1" in record.getMessage()
