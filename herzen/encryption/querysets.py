"""Querysets that unwrap, in one query, the data keys of every record they load.

Without it, a list of 50 persons would cost 50 key look-ups the first time each name is read. After the
rows are fetched, the owners of every loaded instance with encrypted fields — and of the instances joined
to them by select_related — are collected and their keys fetched together (herzen.encryption.keys.prefetch).
"""

from collections.abc import Iterator
from typing import Any

from django.db import models

from herzen.core.models import ScopedQuerySet
from herzen.encryption.keys import Owner, prefetch


def _cheap_owner(instance: models.Model) -> Owner | None:
    declared = getattr(instance, "data_key_owner", None)
    if declared is None:
        return None
    kind, path = declared
    target: Any = instance
    *relations, attribute = path.split(".")
    for relation in relations:  # follow only relations already loaded: never a query per row
        field = target._meta.get_field(relation)
        if not field.is_cached(target):
            return None
        target = getattr(target, relation)
        if target is None:
            return None
    value = getattr(target, attribute)
    return None if value is None else Owner.of(kind, value)


def _loaded(instance: models.Model, depth: int = 0) -> Iterator[models.Model]:
    yield instance
    if depth < 4:
        for related in instance._state.fields_cache.values():
            if isinstance(related, models.Model):
                yield from _loaded(related, depth + 1)


def unlock(instances: list[Any]) -> None:
    owners = set()
    for item in instances:
        if isinstance(item, models.Model):
            for instance in _loaded(item):
                owner = _cheap_owner(instance)
                if owner is not None:
                    owners.add(owner)
    if owners:
        prefetch(owners)


class EncryptedQuerySet(ScopedQuerySet):
    def only(self, *fields: str) -> Any:
        # Every ciphertext of a row is bound to the row's version (herzen.encryption.rows): load it with
        # them, or opening each value would cost a query for it.
        if fields and any(field.name == "seal_version" for field in self.model._meta.concrete_fields):
            fields = (*fields, "seal_version")
        return super().only(*fields)

    def _fetch_all(self) -> None:
        fetched = self._result_cache is None
        super()._fetch_all()
        if fetched and self._result_cache:
            unlock(self._result_cache)
