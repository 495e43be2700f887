"""Append-only, hash-chained records: every state change (AuditEvent) and every read of a person's data
(AccessEvent): who, in which organisation, when, what, and which fields or categories of data.

Values are never stored — only field names and category names — because the audit trail outlives erasure of a
person's data and must not become a second copy of it. No IP address or browser detail is stored either.

A service inserts its events in its own transaction, unsequenced (no `sequence`, no `entry_hash`) and
authenticated by a MAC (`mac`, herzen.domain.ledger.authentication); nothing shared is locked. The sequencer
(herzen.audit.sequencer, one process) later gives each committed event its place in its chain (`sequence`) and
`entry_hash`, the SHA-256 over its content and the previous row's hash (herzen.domain.ledger), and moves
`ChainHead`, which only it writes. See docs/adr/0080-sequenced-audit-log.md.
"""

import uuid
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herzen.domain.ledger import Layout


class AppendOnlyError(RuntimeError):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit events cannot be deleted.")

    def about(self, target_type: str, target_id: object) -> "AuditEventQuerySet":
        """Events on the object itself and on the records that belong to it (its notes, stays, …)."""
        key = str(target_id)
        return self.filter(
            models.Q(target_type=target_type, target_id=key)
            | models.Q(parent_type=target_type, parent_id=key)
        )


class ChainedEvent(models.Model):
    """What AuditEvent and AccessEvent share: append-only rows that get a place in a hash chain.

    `id` is the database's insertion id; the sequencer's hash covers it. `sequence` and `entry_hash` are empty
    until the sequencer sets them, once (the append-only triggers allow nothing else). `mac` authenticates the
    content from the moment it is written; it is not part of the chained content, which the hash protects.
    """

    chain_name: str = ""
    # Model fields whose values make up the chained content, in the names the hash uses (`<fk>_id` for keys).
    CHAINED_FIELDS: tuple[str, ...] = ()

    id = models.BigAutoField(primary_key=True)
    sequence = models.BigIntegerField(unique=True, null=True, editable=False)
    entry_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Nonce and HMAC tag in hex (herzen.domain.ledger.authentication). Unique: a copied row is refused.
    mac = models.CharField(max_length=96, unique=True, null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Chained events are written only by herzen.audit.chain.insert.")

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit events cannot be deleted.")

    @classmethod
    def content_of(cls, values: dict[str, object]) -> dict[str, object]:
        """The chained content of a row, from its field values (a model's __dict__ or a .values() row)."""
        return {name: convert(values[name]) for name, convert in _converters(cls)}

    def chain_content(self) -> dict[str, object]:
        return self.content_of(self.__dict__)


# How each kind of chained field is hashed (herzen.domain.ledger.encoding, v3), and how its value is read.
TEXT, INTEGER, TIME, UUID, LIST = "text", "integer", "time", "uuid", "list"


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)


def _as_uuid(value: object) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def _as_is(value: object) -> object:
    return value


CONVERTERS: dict[str, Callable[[object], object]] = {
    TEXT: _as_text,
    INTEGER: _as_is,
    TIME: _as_is,
    UUID: _as_uuid,
    LIST: _as_is,
}


def chained_kind(field: models.Field) -> str:  # type: ignore[type-arg]
    """Each value in its native form: a key as its target's primary key (an integer or a uuid)."""
    if isinstance(field, models.ForeignKey):
        return chained_kind(field.target_field)
    if isinstance(field, models.CharField):
        return TEXT
    if isinstance(field, models.UUIDField):
        return UUID
    if isinstance(field, models.DateTimeField):
        return TIME
    if isinstance(field, models.IntegerField):  # BigIntegerField and BigAutoField included
        return INTEGER
    if isinstance(field, models.JSONField):
        return LIST
    raise TypeError(f"{field.name}: {type(field).__name__} cannot be chained")


@cache
def chained_kinds(model: type[ChainedEvent]) -> tuple[tuple[str, str], ...]:
    """(name, kind) of each chained field, in CHAINED_FIELDS order."""
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    return tuple((name, chained_kind(by_attname[name])) for name in model.CHAINED_FIELDS)


def chained_layout(model: type[ChainedEvent]) -> Layout:
    """The layout the hash gives the model's content: its names, sorted."""
    return tuple(sorted(name for name, _kind in chained_kinds(model)))


@cache
def _converters(model: type[ChainedEvent]) -> tuple[tuple[str, Callable[[object], object]], ...]:
    return tuple((name, CONVERTERS[kind]) for name, kind in chained_kinds(model))


class ChainHead(models.Model):
    """The end of one chain, written by the sequencer only (services never touch it)."""

    name = models.CharField(primary_key=True, max_length=32)
    sequence = models.BigIntegerField(default=0)
    head_hash = models.CharField(max_length=64)
    # The highest row id sequenced so far (kept for tools that load rows in bulk).
    last_id = models.BigIntegerField(default=0)
    # Ids of unsequenced events the sequencer refused because their MAC failed: forged, or altered after
    # they were written. They stay unsequenced; while any is listed, `herzen audit status` and /health/ fail.
    refused = models.JSONField(default=list, blank=True)
    # When the sequencer last finished a pass (status shows it; None before its first).
    sequenced_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} #{self.sequence}"


class AuditEvent(ChainedEvent):
    chain_name = "audit"
    CHAINED_FIELDS = (
        "id",
        "occurred_at",
        "actor_user_id",
        "organisation_id",
        "action",
        "target_type",
        "target_id",
        "parent_type",
        "parent_id",
        "changed_fields",
    )

    occurred_at = models.DateTimeField(db_index=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    # The record the target belongs to (a stay's person, a note's case), so a page can show one history.
    parent_type = models.CharField(max_length=64, blank=True)
    parent_id = models.CharField(max_length=64, blank=True)
    changed_fields = models.JSONField(default=list)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["parent_type", "parent_id"], name="audit_parent_idx"),
            models.Index(fields=["organisation", "occurred_at"], name="audit_org_time_idx"),
            # The sequencer's queue: only unsequenced rows, so it stays small however long the log grows.
            models.Index(
                fields=["id"], condition=models.Q(sequence__isnull=True), name="audit_unsequenced_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"


class DataCategory(models.TextChoices):
    """The kinds of personal data a page or API response can show; access events name these, never values."""

    IDENTITY = "identity", _("identity")
    CONTACT = "contact", _("contacts")
    DOCUMENTS = "documents", _("documents")
    STAYS = "stays", _("stays")
    RISK = "risk", _("risk factors")
    NOTES = "notes", _("notes")
    CASE = "case", _("case")
    HOUSEHOLD = "household", _("household")
    EVIDENCE = "evidence", _("evidence")
    # An application to a pathway: its state, history, decisions and deadlines (where a household seeks safety).
    APPLICATION = "application", _("applications")
    # The programme's two declarations (herzen.people.declarations): the only political data Herzen holds.
    DECLARATIONS = "declarations", _("programme declarations")


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Access events cannot be changed.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Access events cannot be deleted.")


class AccessEvent(ChainedEvent):
    """Someone was shown a record: who, in which organisation, when, which record, which categories of data,
    and through which page or endpoint (its URL name). Written by `audit.record_access`."""

    chain_name = "access"
    CHAINED_FIELDS = (
        "id",
        "occurred_at",
        "actor_user_id",
        "organisation_id",
        "target_type",
        "target_id",
        "categories",
        "via",
    )

    occurred_at = models.DateTimeField()
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    categories = models.JSONField(default=list)
    via = models.CharField(max_length=100, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "occurred_at"], name="access_target_idx"),
            models.Index(fields=["organisation", "occurred_at"], name="access_org_time_idx"),
            models.Index(
                fields=["id"], condition=models.Q(sequence__isnull=True), name="access_unsequenced_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.target_type}:{self.target_id} {self.via}"


CHAINED_MODELS: dict[str, type[ChainedEvent]] = {
    AuditEvent.chain_name: AuditEvent,
    AccessEvent.chain_name: AccessEvent,
}
