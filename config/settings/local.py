"""The demo and local development: SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.DEBUG
# A fixed key is acceptable only here: the demo holds synthetic data on a laptop.
SECRET_KEY = env.SECRET_KEY or "herzen-local-demo-key-not-for-production-0123456789abcdef"
# The demo generates its audit checkpoint signing key into $HERZEN_DATA_DIR on first use.
HERZEN_AUDIT_GENERATE_KEY = True

# The demo runs with DEBUG off, so Django's runserver does not serve static files: WhiteNoise does, straight
# from the apps' static directories (no collectstatic step), without the manifest a production build needs.
WHITENOISE_USE_FINDERS = True
# The demo creates its key files in var/keys on first run (synthetic data only).
HERZEN_CREATE_MISSING_KEYS = True
HERZEN_SEAL_CREATE_OPERATOR_KEY = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Nothing is collected for the demo: without a STATIC_ROOT, WhiteNoise does not warn at every start that
# var/static/ does not exist (a deployment collects into STATIC_ROOT and uses base/production settings).
STATIC_ROOT = None

# The demo is served over plain HTTP on 127.0.0.1; browsers allow passkeys there, allauth must too.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True

# runserver starts a thread per request, and a persistent connection stays open with its dead thread until
# garbage collection: with DATABASE_URL set, ~80 idle PostgreSQL connections pile up after 1,000 requests and
# the server then refuses "too many clients". The development server closes each request's connection.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
