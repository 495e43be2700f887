"""Tests: fast hashing, in-memory e-mail; the database comes from DATABASE_URL (PostgreSQL in CI) or SQLite."""

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
# Fixed, test-only keys (never used elsewhere), so blind-index sizes and tests are reproducible.
HERZEN_KEK = "test-kek-1 " + "dGVzdC1vbmx5LWtlay0xLXRlc3Qtb25seS1rZWstMSE="
HERZEN_BLIND_INDEX_KEY = "dGVzdC1vbmx5LWJsaW5kLWluZGV4LXJvb3Qta2V5ISE="
HERZEN_KEYRING_LOADER = ""
