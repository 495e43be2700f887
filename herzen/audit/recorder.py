from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from herzen.audit import actions, chain
from herzen.audit.models import AccessEvent, AuditEvent, DataCategory
from herzen.core.actor import Actor


class AuditOutsideTransaction(RuntimeError):
    """An audit event written outside the change's transaction could survive a change that failed."""


def record(
    *,
    actor: Actor,
    action: str,
    target: models.Model,
    changed_fields: Iterable[str] = (),
    parent: models.Model | None = None,
) -> AuditEvent:
    """Write one audit event for a change that is happening in the current transaction.

    `action` is a stable dotted verb ("case.open", "stay.record_exit") declared in its app's `audit_actions.py`
    (`herzen.audit.actions`), which also lists the field names it may carry; an undeclared action, target model
    or field raises `UndeclaredAuditAction`. `changed_fields` are field names only.
    The event is appended to the audit hash chain, whose lock is then held until the transaction ends; inside
    `deferred()` it is appended when that block ends instead, and the returned event has no id yet.
    """
    return record_each(actor=actor, action=action, targets=[(target, parent)], changed_fields=changed_fields)[
        0
    ]


def record_each(
    *,
    actor: Actor,
    action: str,
    targets: Iterable[tuple[models.Model, models.Model | None]],
    changed_fields: Iterable[str] = (),
) -> list[AuditEvent]:
    """`record` for one change made to many records at once (an export that carries 500 applications): one
    event per (target, parent), appended to the chain together, so the chain's head is locked, read and
    moved once rather than once per record. Inside `deferred()` the events are kept and appended when the
    block ends (unsaved until then)."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction(f"audit.record({action!r}) must run inside the service's transaction")
    targets = list(targets)
    fields = sorted(set(changed_fields))
    actions.get(action)  # refuses an undeclared action even with nothing to record
    for target, _parent in targets[:1]:  # one change to many records of one model: checking one suffices
        actions.check(action, target, fields)
    now = timezone.now()
    events = [
        AuditEvent(
            occurred_at=now,
            actor_user=actor.user if actor.user.pk else None,
            organisation=actor.organisation,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            parent_type=parent._meta.label_lower if parent is not None else "",
            parent_id=str(parent.pk) if parent is not None else "",
            changed_fields=fields,
        )
        for target, parent in targets
    ]
    deferral = _deferral.get()
    if deferral is not None:
        deferral.keep(events)
        return events
    return chain.append(events)


class _Kept:
    """The marker of one batch of deferred events, registered with `transaction.on_commit` as a callback that
    does nothing. Django forgets the callbacks registered inside a savepoint when it rolls that savepoint back
    (`BaseDatabaseWrapper.savepoint_rollback`), so a marker still in the connection's `run_on_commit` list at
    the end of the block means that none of the savepoints the events were recorded in was rolled back:
    their change still stands. This rides on Django's own bookkeeping of savepoints rather than a second copy
    of it that could disagree with it (herzen.encryption.keys confirms cached data keys the same way)."""

    def __call__(self) -> None:
        pass


@dataclass
class _Deferral:
    depth: int = 0
    batches: list[tuple[_Kept, list[AuditEvent]]] = field(default_factory=list)

    def keep(self, events: list[AuditEvent]) -> None:
        marker = _Kept()
        transaction.on_commit(marker)
        self.batches.append((marker, events))

    def standing(self) -> list[AuditEvent]:
        """The kept events whose change was not rolled back, in the order they were recorded."""
        registered = {id(entry[1]) for entry in transaction.get_connection().run_on_commit}
        return [event for marker, events in self.batches if id(marker) in registered for event in events]


# Per thread (and per asyncio task): the deferral of the transaction this thread's connection is in.
_deferral: ContextVar[_Deferral | None] = ContextVar("herzen_audit_deferral", default=None)


@contextmanager
def deferred() -> Iterator[None]:
    """Keep the audit events recorded inside this block and append them to the chain together when it ends.

    A service that writes many records (an intake submission: people, household, case, documents — about twenty
    events) would otherwise lock the chain's head at its first event and hold it through all its remaining
    work; deferred, it takes the lock once, just before its transaction commits, inserts every event in one
    statement and moves the head once, so other writers wait only for that. It also means nested services
    never lock the head one after another in the middle of a transaction.

    Must be entered inside the service's transaction (`@transaction.atomic` above `@audit.deferred()`); the
    events are appended inside it, so they commit or roll back with the change. Each event keeps the time it
    was recorded and its place in the order. Events recorded in a savepoint that was rolled back are dropped
    with their change; if the block raises, nothing is appended. A `deferred()` inside another joins it: the
    outermost block appends.
    """
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction("audit.deferred() must run inside the service's transaction")
    deferral = _deferral.get()
    token = None
    if deferral is None:
        deferral = _Deferral()
        token = _deferral.set(deferral)
    deferral.depth += 1
    try:
        yield
        if deferral.depth == 1:
            chain.append(deferral.standing())
    finally:
        deferral.depth -= 1
        if token is not None:
            _deferral.reset(token)


def record_access(
    *,
    actor: Actor,
    target: models.Model | Iterable[models.Model],
    categories: Iterable[str],
    via: object = "",
) -> list[AccessEvent]:
    """Record that `actor` is being shown `categories` of data of `target` (one record, or each of several).

    Called by every page and API operation that shows a person's data, before it renders. `via` names the page
    or endpoint: its URL name, or the request itself, whose URL name is taken. Only ids and category names are stored — never values, never an IP address.
    Runs in its own transaction (reads have none) and fails the request if it cannot be written: no record is
    shown without its trace.
    """
    targets = [target] if isinstance(target, models.Model) else list(target)
    kinds = sorted({DataCategory(category).value for category in categories})
    if not kinds:
        raise ValueError("record_access needs at least one category of data")
    now = timezone.now()
    seen: set[tuple[str, str]] = set()
    events = []
    for item in targets:
        key = (item._meta.label_lower, str(item.pk))
        if key in seen:
            continue
        seen.add(key)
        events.append(
            AccessEvent(
                occurred_at=now,
                actor_user=actor.user if actor.user.pk else None,
                organisation=actor.organisation,
                target_type=key[0],
                target_id=key[1],
                categories=kinds,
                via=_url_name(via),
            )
        )
    with transaction.atomic():
        return chain.append(events)


def _url_name(via: object) -> str:
    """The URL name of a request ("web:person-detail", "api:person-detail"), never its path or query: paths
    can carry search words, which may be names."""
    if isinstance(via, str):
        return via[:100]
    match = getattr(via, "resolver_match", None)
    return str(getattr(match, "view_name", "") or "")[:100]
