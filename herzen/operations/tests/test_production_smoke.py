"""The production installation of docs/operations.md, followed: production settings, `herzen migrate`, gunicorn
and `herzen worker` against PostgreSQL, and /health/ green. PostgreSQL only (production refuses anything else)."""

import base64
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_production_install_with_gunicorn_and_a_worker_is_healthy(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("production runs on PostgreSQL only")
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_smoke"
    admin_url = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}",
        "HERZEN_SECRET_KEY": secrets.token_urlsafe(60),
        "HERZEN_KEK": "smoke-1 " + base64.b64encode(secrets.token_bytes(32)).decode(),
        "HERZEN_BLIND_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "HERZEN_ALLOWED_HOSTS": "127.0.0.1",
        "HERZEN_DATA_DIR": str(tmp_path / "data"),
        "HERZEN_AUDIT_SIGNING_KEY_FILE": str(tmp_path / "audit-signing-key.pem"),
        "HERZEN_HEALTH_TOKEN": "smoke-monitor",
        "HERZEN_DEBUG": "false",
        # Production refuses a mail backend that does not send, and must know how many proxies it trusts.
        "HERZEN_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "HERZEN_TRUSTED_PROXY_COUNT": "1",
    }
    processes = []
    try:
        subprocess.run(  # noqa: S603 - our own console script
            [BIN / "herzen", "migrate", "--noinput"], env=env, cwd=ROOT, check=True, capture_output=True
        )
        processes.append(
            subprocess.Popen(  # noqa: S603
                [
                    BIN / "gunicorn",
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        processes.append(
            subprocess.Popen(  # noqa: S603 - our own console script
                [BIN / "herzen", "worker"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        # Behind the reverse proxy that terminates TLS: it says so with X-Forwarded-Proto.
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Authorization": "Bearer smoke-monitor",
        }
        deadline = time.monotonic() + 90
        answer = None
        while time.monotonic() < deadline:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/health/", headers=headers, timeout=5)
                if answer.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        assert answer is not None
        assert answer.status_code == 200, answer.text
        assert answer.json()["checks"] == {
            "database": True,
            "worker": True,
            "backlog": True,
            "audit_sequencer": True,
        }
        anonymous = httpx.get(
            f"http://127.0.0.1:{port}/health/",
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"},
            timeout=5,
        )
        assert anonymous.json() == {"status": "up"}
        # Plain HTTP is sent to HTTPS.
        assert httpx.get(f"http://127.0.0.1:{port}/health/", timeout=5).status_code == 301
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
