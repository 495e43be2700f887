"""Row versions: a ciphertext rolled back to an older version of its own cell no longer opens.

Every model with encrypted fields inherits `SealedRow`, which adds `seal_version`, a counter carried by the
row. The associated data of each of its ciphertexts includes the counter (herzen.domain.crypto.envelope), and
every save that changes an encrypted field raises it by one and seals *all* the row's encrypted fields again
under the new value. So an older ciphertext of a cell, copied back from a backup or an earlier dump, was
sealed under an older counter and fails to open next to the row's current one; putting the counter back as
well breaks every other cell sealed since. What remains possible is rolling back the whole row at once —
see docs/adr/0001-ciphertext-rollback.md for the threat model and why the audit trail covers that.

Inserting leaves the counter at 0 (sealing costs nothing extra); rows written before the counter existed, or
by the bulk loader, are at 0 too.
"""

from typing import Any

from django.db import models

from herzen.encryption.fields import EncryptedJSONField, EncryptedMixin, Sealed, owner_of
from herzen.encryption.keys import is_erased

_EMPTY: tuple[Any, ...] = (None, "", {}, [])
_ABSENT = object()


def encrypted_fields(model: type[models.Model]) -> list[Any]:
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedMixin)]


class SealedRow(models.Model):
    """A model whose encrypted fields are bound to the row's current version (see the module docstring)."""

    seal_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            kwargs["update_fields"] = self._reseal(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        self._remember_seals()

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Any:
        instance = super().from_db(db, field_names, values)
        instance._remember_seals()
        return instance

    def _remember_seals(self) -> None:
        # What each encrypted field held when loaded or last saved, to tell a change from a save of other
        # fields (which then neither opens nor seals anything, nor moves the version).
        self._loaded_seals = {
            f.attname: self.__dict__.get(f.attname, _ABSENT) for f in encrypted_fields(type(self))
        }

    def _changed(self, field: Any) -> bool:
        current = self.__dict__.get(field.attname, _ABSENT)
        if current is _ABSENT:
            return False  # deferred and never read: not written either
        loaded = getattr(self, "_loaded_seals", {}).get(field.attname, _ABSENT)
        if isinstance(current, Sealed):
            # An opened JSON value can have been changed in place.
            return current is not loaded or (isinstance(field, EncryptedJSONField) and current.opened)
        return not (current in _EMPTY and current == loaded)

    def _reseal(self, update_fields: Any) -> Any:
        fields = encrypted_fields(type(self))
        written = fields
        if update_fields is not None:
            names = set(update_fields)
            written = [field for field in fields if field.name in names or field.attname in names]
        if not any(self._changed(field) for field in written):
            return update_fields  # no sealed value changes: nothing is sealed again and the version stays
        if is_erased(owner_of(self)):
            return update_fields  # nothing it sealed can be read or written any more
        for field in fields:
            # Opening every value (loading a deferred one) checks it, and pre_save then seals the plaintext
            # again under the new version. A value that fails its check stops the save (CellIntegrityError).
            self.__dict__[field.attname] = getattr(self, field.attname)
        self.seal_version += 1
        if update_fields is None:
            return None
        return {*update_fields, *(field.name for field in fields), "seal_version"}
