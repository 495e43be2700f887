"""Every API error, whatever raised it, becomes `{"code": str, "message": str, "fields": {name: [messages]}}`."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.views import set_rollback

from herzen.core.api import INVALID_MESSAGE, error_fields
from herzen.core.exceptions import ApplicationError
from herzen.domain.crypto import DecryptionFailed
from herzen.encryption.middleware import INTEGRITY_STATUS, log_integrity_failure


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "fields": fields or {}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]. Unexpected exceptions return None: Django logs them and answers 500."""
    set_rollback()  # nothing of a failed request is kept, should a caller have opened a transaction
    if isinstance(exc, ApplicationError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.http_status)
    if isinstance(exc, DecryptionFailed):
        # Tampered or damaged data (herzen.encryption.fields): refused, logged with its cell, never shown.
        log_integrity_failure(exc, context["request"])
        message = gettext(
            "This record failed an integrity check: data stored for it was changed outside Herzen, or its "
            "key is missing, so it is not shown. The failure has been logged for the administrator."
        )
        return Response(error_body("integrity_check_failed", message), status=INTEGRITY_STATUS)
    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()
    if not isinstance(exc, drf.APIException):
        return None

    headers = {}
    if auth_header := getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = auth_header
    if wait := getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(wait))

    if isinstance(exc, drf.ValidationError):
        body = error_body("invalid", gettext(INVALID_MESSAGE), error_fields(exc.detail))
    else:
        body = error_body(_code(exc), _message(exc.detail))
    return Response(body, status=exc.status_code, headers=headers)


def _code(exc: drf.APIException) -> str:
    if isinstance(exc, drf.NotFound):
        return "not_found"  # the same code as herzen.core.exceptions.NotFound
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def _message(detail: Any) -> str:
    if isinstance(detail, list | tuple):
        return " ".join(str(item) for item in detail)
    if isinstance(detail, dict):
        return " ".join(" ".join(map(str, v)) if isinstance(v, list) else str(v) for v in detail.values())
    return str(detail)
