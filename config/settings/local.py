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
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
