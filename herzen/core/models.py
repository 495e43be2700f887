"""Infrastructure every app's models share: UUID keys, timestamps and scoping to the acting organisation."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models

if TYPE_CHECKING:
    from herzen.core.actor import Actor


class ScopedQuerySet(models.QuerySet):
    """A queryset that can only be narrowed to what the actor's organisation owns.

    Each model names the lookup from itself to its owning organisation's id in `scope_path`
    (e.g. "person__organisation_id"); selectors start from `for_actor`, never from `.all()`.
    """

    def for_actor(self, actor: Actor) -> Self:
        if actor.organisation is None:
            return self.none()
        return self.filter(**{self.model.scope_path: actor.organisation.pk})


class BaseModel(models.Model):
    """UUID primary keys, so record ids reveal neither counts nor order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path: ClassVar[str]
    objects: Any = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
