"""Model fields that store ciphertext and give back plaintext, so code keeps reading `person.surname`.

A model with encrypted fields names the owner of its data key in `data_key_owner`: the owner kind and the
attribute path of the owner's id, e.g. `("person", "pk")` on Person, `("person", "person_id")` on a
contact point, `("household", "case.household_id")` on a case note.

- Writing: assign plaintext as usual; `save()` (and `bulk_create`) seals it with the owner's data key. The
  associated data binds each ciphertext to table, column, row id and key version.
- Reading: rows load ciphertext; the attribute opens it on first access with the owner's key (cached per
  request) and remembers the plaintext on the instance. A key shredded by a recorded erasure reads as
  `ERASED_TEXT` ("erased" in the request's language) for text and None for dates. Anything else that does
  not open in its place — plaintext written into the column, a ciphertext moved from another cell or rolled
  back to an older version of this one (herzen.encryption.rows), a key row deleted — raises
  `CellIntegrityError` (a `DecryptionFailed`) and logs the table, column and row id, never the value:
  tampering is loud.
- Querying: only `isnull` works. Filtering or ordering on ciphertext is meaningless, so other lookups raise
  FieldError; search through a `BlindIndexField` instead, order in Python after decrypting.
- `QuerySet.update()` with plaintext is refused (it would bypass encryption).
"""

import json
import logging
from datetime import date
from operator import attrgetter
from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext

from herzen.domain.crypto import DecryptionFailed, FieldContext, is_ciphertext, open_text, seal_text
from herzen.encryption.blind import index_value
from herzen.encryption.keys import KeyErased, Owner, data_key

logger = logging.getLogger("herzen.encryption.integrity")


class CellIntegrityError(DecryptionFailed):
    """A stored value failed its integrity check. Names the cell (table, column, row id), never its value."""

    def __init__(self, table: str, column: str, row_id: str, reason: str) -> None:
        super().__init__(f"{table}.{column} of row {row_id}: {reason}")
        self.table, self.column, self.row_id, self.reason = table, column, row_id, reason


def cell_failed(context: FieldContext, reason: str) -> CellIntegrityError:
    """The error for a cell that failed to open, logged for the operator (an alert: someone with access to
    the database has written into it behind Herzen's back, or the data is damaged)."""
    logger.error(
        "Integrity check failed: table %s, column %s, row %s: %s",
        context.table,
        context.field,
        context.row_id,
        reason,
    )
    return CellIntegrityError(context.table, context.field, context.row_id, reason)


class ErasedText(str):
    """What an encrypted text field reads as once its owner's key has been shredded."""

    is_erased = True


def erased_text() -> ErasedText:
    return ErasedText(gettext("[erased]"))


def owner_of(instance: models.Model) -> Owner:
    kind, path = instance.data_key_owner  # type: ignore[attr-defined]
    return Owner.of(kind, attrgetter(path)(instance))


def context_of(instance: models.Model, field: models.Field) -> FieldContext:  # type: ignore[type-arg]
    return FieldContext(
        table=instance._meta.db_table,
        field=field.column,
        row_id=str(instance.pk),
        row_version=getattr(instance, "seal_version", 0),
    )


class Sealed:
    """A ciphertext as loaded from the database, opened at most once. A loaded value that is not a
    ciphertext at all (plaintext written behind Herzen's back) is kept here too, so that reading it fails
    loudly, naming its row."""

    __slots__ = ("ciphertext", "opened", "plaintext")

    def __init__(self, ciphertext: str, plaintext: object = None, opened: bool = False) -> None:
        self.ciphertext = ciphertext
        self.plaintext = plaintext
        self.opened = opened

    def __repr__(self) -> str:
        return "<Sealed>"


class DecryptingAttribute(DeferredAttribute):
    """A data descriptor (it defines __set__), so reads always pass through it, even when the instance
    dictionary holds the loaded ciphertext under the same name."""

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = value

    def __get__(self, instance: models.Model | None, cls: type | None = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            return self.field.open_sealed(instance, value)  # type: ignore[attr-defined]
        return value


class EncryptedMixin:
    """Shared by the encrypted field classes; `encode`/`decode` turn the Python value into text and back."""

    descriptor_class = DecryptingAttribute
    column: str
    attname: str
    name: str

    def get_internal_type(self) -> str:
        return "TextField"  # ciphertext is longer than the plaintext's max_length, which still validates

    def encode(self, value: Any) -> str:
        return str(value)

    def decode(self, text: str) -> Any:
        return text

    def erased_value(self) -> Any:
        return erased_text()

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        # Only NULL and the empty string are stored as they are; everything else must be a ciphertext,
        # and is checked when opened.
        return value if value is None or value == "" else Sealed(value)

    def open_sealed(self, instance: models.Model, sealed: Sealed) -> Any:
        if not sealed.opened:
            context = context_of(instance, self)
            try:
                if not is_ciphertext(sealed.ciphertext):
                    raise DecryptionFailed("not a ciphertext (plaintext written into an encrypted column)")
                key = data_key(owner_of(instance))
                text = open_text(key.key, context, sealed.ciphertext)
            except KeyErased:
                return self.erased_value()  # not remembered: the page language may change
            except DecryptionFailed as error:
                raise cell_failed(context, str(error)) from error
            sealed.plaintext, sealed.opened = self.decode(text), True
        return sealed.plaintext

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if isinstance(value, Sealed):
            if not (value.opened or is_ciphertext(value.ciphertext)):
                self.open_sealed(model_instance, value)  # raises: never write back what failed its check
            return value.ciphertext
        if value is None or value == "":
            return value
        # A record that owns its key (a Person) and is being inserted cannot have a key yet.
        new_owner = add and model_instance.data_key_owner[1] == "pk"  # type: ignore[attr-defined]
        key = data_key(owner_of(model_instance), create=True, new_owner=new_owner)
        ciphertext = seal_text(key.key, key.version, context_of(model_instance, self), self.encode(value))  # type: ignore[arg-type]
        model_instance.__dict__[self.attname] = Sealed(ciphertext, value, opened=True)
        return ciphertext

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Sealed):
            return value.ciphertext
        if value is None or value == "" or is_ciphertext(value):
            return value
        raise FieldError(
            f"{self.name} is encrypted: write it with save(), never with update() or raw values."
        )

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        return self.get_prep_value(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return IsEmpty
        if lookup_name != "isnull":
            raise FieldError(f"{self.name} is encrypted: search it through its blind index.")
        return super().get_lookup(lookup_name)  # type: ignore[misc]

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(f"{self.name} is encrypted: it cannot be transformed in SQL.")


class IsEmpty(Exact):  # type: ignore[type-arg]
    """`field=""` stays meaningful on ciphertext (empty values are stored as they are), so check constraints
    such as "a rejected item has a reason" keep working; comparing with any other value is refused."""

    def get_prep_lookup(self) -> Any:
        if self.rhs != "":
            raise FieldError(f"{self.lhs.target.name} is encrypted: only an empty value can be compared.")
        return super().get_prep_lookup()


class EncryptedCharField(EncryptedMixin, models.CharField):  # type: ignore[type-arg]
    pass


class EncryptedTextField(EncryptedMixin, models.TextField):  # type: ignore[type-arg]
    pass


class EncryptedDateField(EncryptedMixin, models.DateField):  # type: ignore[type-arg]
    def encode(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, date) else str(self.to_python(value).isoformat())

    def decode(self, text: str) -> Any:
        return date.fromisoformat(text)

    def erased_value(self) -> Any:
        return None


class EncryptedJSONField(EncryptedMixin, models.TextField):  # type: ignore[type-arg]
    """JSON (a dict or list), sealed as one ciphertext. An empty dict or list is stored as it is.

    Unlike text, a loaded value can be changed in place, so an opened value is sealed again on every save."""

    def encode(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def decode(self, text: str) -> Any:
        return json.loads(text)

    def erased_value(self) -> Any:
        return {}

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in ("{}", "[]"):
            return json.loads(value)  # empty JSON is stored as it is
        return super().from_db_value(value, expression, connection)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if isinstance(value, Sealed) and value.opened:
            model_instance.__dict__[self.attname] = value = value.plaintext
        if value in ({}, []):
            return self.encode(value)
        return super().pre_save(model_instance, add)

    def get_prep_value(self, value: Any) -> Any:
        if value in ({}, [], "{}", "[]"):
            return self.encode(value) if isinstance(value, dict | list) else value
        return super().get_prep_value(value)


class BlindIndexField(models.CharField):  # type: ignore[type-arg]
    """The blind index of another (encrypted) field of the same model, computed on save.

    `index` names a blind index registered with `herzen.encryption.blind.register_index`.
    """

    def __init__(self, *args: Any, source: str = "", index: str = "", **kwargs: Any) -> None:
        self.source, self.index = source, index
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, index=self.index)
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        source = model_instance._meta.get_field(self.source)
        value = model_instance.__dict__.get(source.attname)
        if isinstance(value, Sealed):
            if not value.opened:
                return model_instance.__dict__.get(self.attname, "")  # unread, so unchanged since loaded
            value = value.plaintext
        computed = "" if value in (None, "") else index_value(self.index, str(value))
        model_instance.__dict__[self.attname] = computed
        return computed
