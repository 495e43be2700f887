import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from herzen.domain.crypto import DecryptionFailed
from herzen.encryption.fields import CellIntegrityError
from herzen.encryption.keys import clear_cache

logger = logging.getLogger("herzen.encryption.integrity")

# The status of a page or API answer refused because a stored value failed its integrity check: the fault is
# the server's (its data was changed behind its back), so monitoring counts it with the other server errors.
INTEGRITY_STATUS = 500


class KeyCacheMiddleware:
    """Unwrapped data keys live for one request: a key shredded by another process stops working here at
    the next request, and a memory dump of an idle worker holds no data keys."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        clear_cache()
        try:
            return self.get_response(request)
        finally:
            clear_cache()


def log_integrity_failure(error: DecryptionFailed, request: HttpRequest) -> None:
    """A `CellIntegrityError` was logged with its cell when raised; anything else (a file that does not open)
    is logged here with the page's URL name. Never a value, a path or a query string."""
    match = getattr(request, "resolver_match", None)
    where = match.view_name if match is not None else "?"
    if isinstance(error, CellIntegrityError):
        logger.error(
            "Refused to show %s: %s.%s row %s failed its check",
            where,
            error.table,
            error.column,
            error.row_id,
        )
    else:
        logger.error("Refused to show %s: %s", where, error)


class IntegrityErrorMiddleware:
    """A page that would show a value that failed its integrity check (plaintext or a foreign or rolled-back
    ciphertext written into an encrypted column, a key deleted) answers with a translated error page instead
    of a server error page with a stack trace. The API answers the same in its own format
    (herzen.api.errors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DecryptionFailed):
            return None
        log_integrity_failure(exception, request)
        return HttpResponse(
            render_to_string("integrity_error.html", request=request), status=INTEGRITY_STATUS
        )
