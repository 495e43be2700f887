"""`audit.record` is the only writer of audit events; every service calls it inside its transaction."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from herzen.audit.recorder import record

__all__ = ["record"]


def __getattr__(name: str) -> Any:
    # Imported lazily: this package is imported while Django loads INSTALLED_APPS, before models may be.
    if name == "record":
        from herzen.audit.recorder import record

        return record
    raise AttributeError(name)
