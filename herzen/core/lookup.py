"""Fetching one record within the actor's scope. Missing and not-yours are the same NotFound."""

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.transactions import locked_rows

M = TypeVar("M", bound=models.Model)


def get_scoped(
    source: "type[M] | models.QuerySet[M]", actor: Actor, pk: Any, *, for_update: bool = False
) -> M:
    """One record of `source` (a model, or a queryset of one with its select/prefetch) that the actor may see.

    Inside an all_or_nothing() block (herzen.core.transactions), a row already locked there is handed out
    again, the same instance, instead of being selected FOR UPDATE once more: the lock lasts until the
    transaction ends, so no one else can have changed it, and every change made to it inside the block was
    made through the instance last handed out or is rolled back with the whole block."""
    locked = locked_rows() if for_update else None
    model = source.model if isinstance(source, models.QuerySet) else source
    key = (model, str(pk), actor.organisation_id, getattr(actor.user, "pk", None))
    # A queryset's select_related rows are locked with it and must come from the database: it is never
    # served from the locked rows, but what it fetches replaces them, so later callers get its instance.
    if locked is not None and key in locked and not isinstance(source, models.QuerySet):
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
