"""The settings modules behave as operators are told: production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "k" * 20 + "3fa9c1e07b5d4a2e9f8c6b1d0e7a5c3b9f" + "x" * 10
# Throw-away keys for the checks below (base64 of 32 bytes), never used for data.
KEYS = {
    "HERZEN_KEK": "prod-test " + "cHJvZHVjdGlvbi1jaGVjay1vbmx5LWtlay0wMTIzNDU=",
    "HERZEN_BLIND_INDEX_KEY": "cHJvZHVjdGlvbi1jaGVjay1vbmx5LWJsaW5kLTAxMjM=",
}


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


# Everything production needs, each test taking one thing away or making it unsafe.
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "HERZEN_SECRET_KEY": STRONG_KEY,
    "DATABASE_URL": "postgres://herzen@127.0.0.1/herzen",
    "HERZEN_ALLOWED_HOSTS": "herzen.example.org",
    "HERZEN_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "HERZEN_TRUSTED_PROXY_COUNT": "1",
    **KEYS,
}


def _production(*args: str, **changes: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in {**PRODUCTION, **changes}.items() if v is not None}
    return _manage(*args, **env)


def test_production_passes_the_deployment_checklist_when_configured():
    result = _production("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "backend",
    [
        None,  # unset: the console default of the demo
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "tests.unsafe_mail.LoggingConsoleBackend",  # one's own, built on the console backend
    ],
)
def test_production_refuses_a_mail_backend_that_does_not_send(backend):
    result = _production("check", HERZEN_EMAIL_BACKEND=backend)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "HERZEN_EMAIL_BACKEND" in result.stderr


@pytest.mark.parametrize("count", [None, "0", ""])
def test_production_refuses_to_start_without_the_trusted_proxy_count(count):
    result = _production("check", HERZEN_TRUSTED_PROXY_COUNT=count)

    assert result.returncode != 0
    assert "HERZEN_TRUSTED_PROXY_COUNT" in result.stderr


def _setting(module: str, expression: str, **env: str) -> str:
    result = _manage(
        "shell",
        "-c",
        f"from django.conf import settings; print({expression})",
        DJANGO_SETTINGS_MODULE=module,
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_development_server_closes_its_database_connections():
    # runserver's thread per request would otherwise leave a PostgreSQL connection open per dead thread.
    value = _setting(
        "config.settings.local",
        "settings.DATABASES['default']['CONN_MAX_AGE']",
        DATABASE_URL="postgres://herzen@127.0.0.1/herzen",
    )

    assert value == "0"


def test_production_keeps_health_checked_connections_for_its_workers():
    value = _setting(
        "config.settings.production",
        "(settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS'])",
        **{k: v for k, v in PRODUCTION.items() if k != "DJANGO_SETTINGS_MODULE"},
    )

    assert value == "(60, True)"


def test_production_takes_the_client_address_behind_its_proxies():
    value = _setting(
        "config.settings.production",
        "settings.ALLAUTH_TRUSTED_PROXY_COUNT",
        **{
            **{k: v for k, v in PRODUCTION.items() if k != "DJANGO_SETTINGS_MODULE"},
            "HERZEN_TRUSTED_PROXY_COUNT": "2",
        },
    )

    assert value == "2"


def test_sessions_and_messages_stay_on_the_server(settings):
    # A message names the person it is about; a cookie would carry it signed but readable.
    assert settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
    )
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.session.SessionStorage"


def test_production_refuses_to_start_without_the_encryption_keys(tmp_path):
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        HERZEN_SECRET_KEY=STRONG_KEY,
        DATABASE_URL="postgres://herzen@127.0.0.1/herzen",
        HERZEN_KEY_DIR=str(tmp_path / "no-keys"),
    )

    assert result.returncode != 0
    assert "HERZEN_KEK" in result.stderr


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


def test_the_demo_has_no_static_root_to_warn_about():
    # WhiteNoise warns at every start of the demo's server if STATIC_ROOT names a missing var/static/.
    assert _setting("config.settings.local", "settings.STATIC_ROOT") == "None"
