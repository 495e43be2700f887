"""One hierarchy of errors, mapped once to HTTP status codes and to `{code, message, fields}` JSON."""

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _


class ApplicationError(Exception):
    code = "error"
    http_status = 400

    def __init__(self, message: str, *, fields: Mapping[str, Sequence[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields: dict[str, list[str]] = {name: list(msgs) for name, msgs in (fields or {}).items()}


class NotFound(ApplicationError):
    """Raised both for what does not exist and for what the actor may not see, so ids cannot be probed."""

    code = "not_found"
    http_status = 404

    def __init__(self, message: str | None = None) -> None:
        # Translated when raised, in the language of the request that raised it.
        super().__init__(message if message is not None else _("Not found."))


class PermissionDenied(ApplicationError):
    """The actor can see the object but may not do this to it."""

    code = "permission_denied"
    http_status = 403


class Conflict(ApplicationError):
    """The request is well formed but clashes with the current state (a duplicate, a stale edit)."""

    code = "conflict"
    http_status = 409


class Invalid(ApplicationError):
    """The input is wrong; `fields` says which field and why."""

    code = "invalid"
    http_status = 400
