"""Fetching one record within the actor's scope. Missing and not-yours are the same NotFound."""

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound

M = TypeVar("M", bound=models.Model)


def get_scoped(
    source: "type[M] | models.QuerySet[M]", actor: Actor, pk: Any, *, for_update: bool = False
) -> M:
    """One record of `source` (a model, or a queryset of one with its select/prefetch) that the actor may see;
    `for_update` locks its row until the transaction ends."""
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
    return row
