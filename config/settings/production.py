"""Production: refuses to start without its secrets, HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

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

# Mail carries private links ("send me my link again") and staff invitations: a backend that prints, logs,
# files or keeps it in memory would put working links into logs or lose them. A real one sends it.
UNSAFE_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend": "prints every message into the server log",
    "django.core.mail.backends.filebased.EmailBackend": "writes every message into a file",
    "django.core.mail.backends.locmem.EmailBackend": "keeps messages in memory and never sends them",
    "django.core.mail.backends.dummy.EmailBackend": "throws every message away",
}


def _unsafe_email_backend(path: str) -> str | None:
    if path in UNSAFE_EMAIL_BACKENDS:
        return UNSAFE_EMAIL_BACKENDS[path]
    # A backend of one's own built on one of those is just as unsafe.
    try:
        backend = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(f"HERZEN_EMAIL_BACKEND {path!r} cannot be imported: {error}") from error
    for unsafe, why in UNSAFE_EMAIL_BACKENDS.items():
        if isinstance(backend, type) and issubclass(backend, import_string(unsafe)):
            return why
    return None


_why = _unsafe_email_backend(env.EMAIL_BACKEND)
if _why:
    raise ImproperlyConfigured(
        f"HERZEN_EMAIL_BACKEND is {env.EMAIL_BACKEND!r}, which {_why}: production needs a backend that "
        "sends mail, e.g. django.core.mail.backends.smtp.EmailBackend with HERZEN_EMAIL_HOST."
    )
# Behind the reverse proxy production assumes, every request comes from the proxy's address: without the
# count of trusted proxies the per-address login limit would count everyone together (docs/operations.md).
if env.TRUSTED_PROXY_COUNT is None or env.TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured(
        "HERZEN_TRUSTED_PROXY_COUNT must be set in production: the number of reverse proxies in front of "
        "Herzen that append the client's address to X-Forwarded-For (1 for a single nginx)."
    )

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_AGE = 12 * 60 * 60

# gunicorn workers are long-lived: each keeps its connection for a minute (env.database_config) instead of
# opening one per request, and checks it before reuse, so a connection the database or a proxy dropped is
# replaced instead of failing the request. Size PostgreSQL's max_connections for workers x threads.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
