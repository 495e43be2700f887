"""The demo and local development: SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.DEBUG
# A fixed key is acceptable only here: the demo holds synthetic data on a laptop.
SECRET_KEY = env.SECRET_KEY or "herzen-local-demo-key-not-for-production-0123456789abcdef"

# The demo runs with DEBUG off, so Django's runserver does not serve static files: WhiteNoise does, straight
# from the apps' static directories (no collectstatic step), without the manifest a production build needs.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The demo is served over plain HTTP on 127.0.0.1; browsers allow passkeys there, allauth must too.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
