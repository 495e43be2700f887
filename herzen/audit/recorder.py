from collections.abc import Iterable

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
    The event is inserted at once, unsequenced, with its MAC, and commits or rolls back with the change; no
    shared row is locked. The sequencer gives it its place in the audit chain once it has committed.
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
    event per (target, parent), inserted together in one statement."""
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
    return chain.insert(events)


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
    Inserted at once (one statement, so in its own transaction when the read has none) and fails the request
    if it cannot be written: no record is shown without its trace. No shared row is locked: readers never
    wait for each other; the sequencer places the event in the access chain after it commits.
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
    return chain.insert(events)


def _url_name(via: object) -> str:
    """The URL name of a request ("web:person-detail", "api:person-detail"), never its path or query: paths
    can carry search words, which may be names."""
    if isinstance(via, str):
        return via[:100]
    match = getattr(via, "resolver_match", None)
    return str(getattr(match, "view_name", "") or "")[:100]
