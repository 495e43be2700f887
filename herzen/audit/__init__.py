"""`audit.record` (and `audit.record_each`, for one change made to many records) is the only writer of audit
events; every service calls it inside its transaction.
`audit.record_access` is the only writer of access events; every page and API operation that shows a
person's data calls it. Both insert the events unsequenced in the caller's transaction; the sequencer
(herzen.audit.sequencer) chains them after they commit."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from herzen.audit.recorder import record, record_access, record_each

__all__ = ["record", "record_access", "record_each"]


def __getattr__(name: str) -> Any:
    # Imported lazily: this package is imported while Django loads INSTALLED_APPS, before models may be.
    if name in ("record", "record_access", "record_each"):
        from herzen.audit import recorder

        return getattr(recorder, name)
    raise AttributeError(name)
