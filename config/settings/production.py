"""Production: refuses to start without its secrets, HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

if len(env.SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "HERZEN_SECRET_KEY must be set to at least 50 random characters in production."
    )
if not env.DATABASE_URL.startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production.")
if not (env.KEK or env.KEYRING_LOADER or (env.KEY_DIR / "kek.keyring").is_file()):
    raise ImproperlyConfigured(
        "Personal data is encrypted at rest: set HERZEN_KEK (or HERZEN_KEYRING_LOADER for a key store)."
    )
if not (env.BLIND_INDEX_KEY or (env.KEY_DIR / "blind-index.key").is_file()):
    raise ImproperlyConfigured("HERZEN_BLIND_INDEX_KEY must be set in production.")
if env.DEBUG:
    raise ImproperlyConfigured("HERZEN_DEBUG must be off in production.")

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_AGE = 12 * 60 * 60
