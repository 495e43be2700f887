"""Tests: fast hashing, in-memory e-mail; the database comes from DATABASE_URL (PostgreSQL in CI) or SQLite."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "herzen-test-key-0123456789abcdef0123456789abcdef"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "en"
# No collectstatic in tests; WhiteNoise would warn about the missing directory on every request.
STATIC_ROOT = None

# Audit checkpoints: a throw-away key per test run, never the developer's var/ (tests that export
# checkpoints point HERZEN_AUDIT_CHECKPOINT_DIR at their own tmp_path).
_AUDIT_DIR = Path(tempfile.mkdtemp(prefix="herzen-test-audit-"))
HERZEN_AUDIT_SIGNING_KEY_FILE = str(_AUDIT_DIR / "signing-key.pem")
HERZEN_AUDIT_CHECKPOINT_DIR = str(_AUDIT_DIR / "checkpoints")
HERZEN_AUDIT_GENERATE_KEY = True
# `herzen demo` run by tests keeps its logins in the throw-away directory, never in the developer's var/.
HERZEN_DEMO_LOGINS_FILE = _AUDIT_DIR / "demo-logins.json"

# Evidence files written by tests go to a throw-away directory, never into var/.
HERZEN_EVIDENCE_DIR = tempfile.mkdtemp(prefix="herzen-test-evidence-")

# Fixed, test-only keys (never used elsewhere), so blind-index sizes and tests are reproducible.
HERZEN_KEK = "test-kek-1 " + "dGVzdC1vbmx5LWtlay0xLXRlc3Qtb25seS1rZWstMSE="
HERZEN_BLIND_INDEX_KEY = "dGVzdC1vbmx5LWJsaW5kLWluZGV4LXJvb3Qta2V5ISE="
HERZEN_KEYRING_LOADER = ""
# Seal signing keys (herzen.documents): a throw-away directory per test run.
HERZEN_SEAL_KEY_DIR = Path(tempfile.mkdtemp(prefix="herzen-test-seals-"))
HERZEN_SEAL_CREATE_OPERATOR_KEY = True

# One process: the login throttles and spent one-time codes can live in memory (cleared between tests).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True

# Background jobs: the same database backend as everywhere (tests run queued jobs with herzen.jobs.testing).
HERZEN_TELEGRAM_BOT_TOKEN = ""
