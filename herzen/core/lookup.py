"""Fetching one record within the actor's scope. Missing and not-yours are the same NotFound."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound

M = TypeVar("M", bound=models.Model)

# Inside locked_rows_reused(): the rows locked so far, by (model, primary key, organisation, user).
_locked: ContextVar[dict[tuple[Any, ...], models.Model] | None] = ContextVar(
    "herzen_locked_rows", default=None
)


@contextmanager
def locked_rows_reused() -> Iterator[None]:
    """Inside this block, a row get_scoped has already locked (for_update, fetched by its model) is handed
    out again, the same instance, instead of being selected FOR UPDATE once more.

    Only for a block that is one transaction which no caller recovers from: any error inside must abort the
    whole block (an intake submission, where each service re-fetched the applicant's person row about ten
    times). Then reuse is sound: the row lock lasts until the transaction ends, so no one else can have
    changed the row, and every change made inside the block was made through that same instance (services
    write a locked row through the instance they fetched) or is rolled back together with the block. It is
    not sound for a block that deletes rows or writes them by queryset.update(), nor where an error is caught
    and the work goes on: the instance could carry the unsaved change of a step that failed. The scope
    checks only that it runs inside a transaction; the rest is its users' promise. Nested blocks join the
    outermost."""
    if _locked.get() is not None:
        yield
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("locked_rows_reused() must run inside a transaction")
    token = _locked.set({})
    try:
        yield
    finally:
        _locked.reset(token)


def get_scoped(
    source: "type[M] | models.QuerySet[M]", actor: Actor, pk: Any, *, for_update: bool = False
) -> M:
    """One record of `source` (a model, or a queryset of one with its select/prefetch) that the actor may see."""
    locked = _locked.get() if for_update and not isinstance(source, models.QuerySet) else None
    key = (source, str(pk), actor.organisation_id, getattr(actor.user, "pk", None))
    if locked is not None and key in locked:
        return locked[key]  # type: ignore[return-value]
    # A ScopedQuerySet (or its manager): for_actor narrows it to the actor's organisation.
    scoped: Any = source if isinstance(source, models.QuerySet) else source.objects  # type: ignore[attr-defined]
    queryset = scoped.for_actor(actor)
    if for_update:
        # Lock the row so two concurrent writers see each other's change instead of overwriting it.
        queryset = queryset.select_for_update()
    try:
        row: M = queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValidationError, ValueError):
        # ValidationError/ValueError: a malformed id is as unknown as a missing one.
        raise NotFound() from None
    if locked is not None:
        locked[key] = row
    return row
