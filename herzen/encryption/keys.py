"""Data keys per owner: created on first use, unwrapped once per request, shredded on erasure.

An owner is whatever a group of encrypted fields belongs to: a person (their names, birth date, contacts,
documents, stays, risk narratives), a household (its case notes), or an app's own kind of record. Owners are
named by a short kind and the record's id, so this app knows no other app's models.

Unwrapped keys are cached in the memory of the current thread, for its current request or command only
(`KeyCacheMiddleware` clears the cache after every request); shredding removes the key from the cache too.
"""

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from herzen.domain.crypto import DecryptionFailed, new_data_key
from herzen.encryption.keyring import keyring
from herzen.encryption.models import DataKey

_MAX_CACHED = 50_000


@dataclass(frozen=True)
class Owner:
    kind: str
    id: str

    @classmethod
    def of(cls, kind: str, record_id: object) -> "Owner":
        if record_id is None or record_id == "":
            raise ValueError(f"A {kind} without an id cannot own a data key (save it first).")
        return cls(kind, str(record_id))

    @property
    def wrap_context(self) -> bytes:
        return f"{self.kind}\x00{self.id}".encode()


class KeyErased(Exception):
    """The owner's data key was shredded: what it sealed can no longer be read by anyone."""


class DataKeyMissing(DecryptionFailed):
    """Ciphertext exists but its owner's key row does not, or was emptied without a recorded erasure: someone
    deleted or shredded it behind Herzen's back. An integrity failure, never shown as "[erased]"."""


# Per owner kind, a check that an erasure of that owner was recorded (in the audit trail) by the app that
# erases it. A shredded key row alone is not enough: anyone who can write the table can empty `wrapped`.
_erasure_records: dict[str, Callable[[str], bool]] = {}


def register_erasure_record(kind: str, recorded: Callable[[str], bool]) -> None:
    """`recorded(owner_id)` answers whether an erasure of that owner is in the audit trail."""
    _erasure_records[kind] = recorded


def _erasure_explained(owner: "Owner") -> bool:
    recorded = _erasure_records.get(owner.kind)
    return recorded is None or recorded(owner.id)


@dataclass(frozen=True)
class UnwrappedKey:
    version: int
    key: bytes


_ERASED_KEY = b""
# One cache per thread: a threaded web worker serves several requests at once, and the end of one request
# (KeyCacheMiddleware) must not empty the cache of another that is half-way through writing a new owner —
# it would then create the owner's key a second time.
_local = threading.local()


def _entries() -> dict[Owner, UnwrappedKey]:
    try:
        return _local.cache  # type: ignore[no-any-return]
    except AttributeError:
        _local.cache = {}
        return _local.cache  # type: ignore[no-any-return]


def _pending() -> dict[Owner, tuple[UnwrappedKey, bool]]:
    """Keys met inside the open transaction, not yet committed: (key, whether it is re-read before each use)."""
    try:
        return _local.pending  # type: ignore[no-any-return]
    except AttributeError:
        _local.pending = {}
        return _local.pending  # type: ignore[no-any-return]


def clear_cache() -> None:
    """Forget every unwrapped key of this thread (its request or command has ended)."""
    _entries().clear()
    _pending().clear()


def _remember(owner: Owner, key: UnwrappedKey, *, recheck: bool = False) -> UnwrappedKey:
    """Cache the key. Outside a transaction at once; inside one, for the rest of the transaction as pending, and
    for later transactions of this thread once it commits (a `transaction.on_commit` callback, which Django
    drops with a savepoint or transaction that is rolled back).

    A pending key can only be wrong after a rollback of the savepoint or transaction that created its row:
    - a key created for an owner inserted in the same transaction (`new_owner`) goes with its owner, whose new
      id is never written again;
    - a key created for an owner that existed already (`recheck`) is checked against its row before each use
      (one indexed query; only owners from before encryption have no key yet);
    - a key read from a row can be undone only by a shred, which caches nothing inside a transaction.
    Pending keys are dropped when the thread is next seen outside a transaction and at the end of its request.
    """
    if transaction.get_autocommit():
        _pending().clear()
        _store(owner, key)
        return key
    _pending()[owner] = (key, recheck)
    transaction.on_commit(lambda: _store(owner, key))
    return key


def _store(owner: Owner, key: UnwrappedKey) -> None:
    _pending().pop(owner, None)
    if len(_entries()) >= _MAX_CACHED:
        _entries().clear()
    _entries()[owner] = key


def _cached(owner: Owner) -> UnwrappedKey | None:
    if transaction.get_autocommit():
        _pending().clear()
        return _entries().get(owner)
    pending = _pending().get(owner)
    if pending is None:
        return _entries().get(owner)
    key, recheck = pending
    if (
        recheck
        and not DataKey.objects.filter(owner_type=owner.kind, owner_id=owner.id, version=key.version).exists()
    ):
        del _pending()[owner]
        return None
    return key


def wrap_context(owner: Owner, version: int) -> bytes:
    return owner.wrap_context + f"\x00{version}".encode()


def _unwrap(row: DataKey) -> UnwrappedKey:
    owner = Owner(row.owner_type, row.owner_id)
    if row.wrapped is None:
        if not _erasure_explained(owner):
            raise DataKeyMissing(
                f"The data key of {owner.kind} {owner.id} was emptied without a recorded erasure."
            )
        return UnwrappedKey(version=0, key=_ERASED_KEY)
    key = keyring().unwrap(row.kek_id, bytes(row.wrapped), wrap_context(owner, row.version))
    return UnwrappedKey(version=row.version, key=key)


def data_key(owner: Owner, *, create: bool = False, new_owner: bool = False) -> UnwrappedKey:
    """The owner's unwrapped data key; with `create`, a new one if the owner has none yet (`new_owner`: the
    owner is being inserted right now, so there is nothing to look up).

    Raises KeyErased when the key was shredded by a recorded erasure, and DataKeyMissing (loud) when,
    without `create`, there is no key row at all or it was emptied with no erasure on record: only a caller
    holding a ciphertext asks for a key without `create`, and that ciphertext's key cannot vanish legally."""
    cached = _cached(owner)
    if cached is None:
        row = None if new_owner else DataKey.objects.filter(owner_type=owner.kind, owner_id=owner.id).first()
        if row is None and create:
            version = 1
            fresh = new_data_key()
            kek_id, wrapped = keyring().wrap(fresh, wrap_context(owner, version))
            DataKey.objects.create(
                owner_type=owner.kind, owner_id=owner.id, version=version, kek_id=kek_id, wrapped=wrapped
            )
            cached = _remember(owner, UnwrappedKey(version=version, key=fresh), recheck=not new_owner)
        elif row is None:
            raise DataKeyMissing(f"No data key for {owner.kind} {owner.id}.")
        else:
            cached = _remember(owner, _unwrap(row))
    if cached.key == _ERASED_KEY:
        raise KeyErased(f"{owner.kind}:{owner.id}")
    return cached


def prefetch(owners: Iterable[Owner]) -> None:
    """Unwrap the keys of many owners with one query (a list page decrypting many records)."""
    missing = {owner for owner in owners if _cached(owner) is None}
    by_kind: dict[str, set[str]] = {}
    for owner in missing:
        by_kind.setdefault(owner.kind, set()).add(owner.id)
    for kind, ids in by_kind.items():
        for row in DataKey.objects.filter(owner_type=kind, owner_id__in=sorted(ids)):
            if row.wrapped is not None:  # a shredded key is checked against the erasure record when read
                _remember(Owner(kind, row.owner_id), _unwrap(row))


def is_erased(owner: Owner) -> bool:
    """True once the owner's key was shredded (by a recorded erasure); False for an owner with no key yet."""
    cached = _cached(owner)
    if cached is None:
        row = DataKey.objects.filter(owner_type=owner.kind, owner_id=owner.id).first()
        if row is None:
            return False
        cached = _remember(owner, _unwrap(row))  # DataKeyMissing if nothing on record explains an erasure
    return cached.key == _ERASED_KEY


def shred(owner: Owner) -> bool:
    """Destroy the owner's data key. Returns False when there was none. Irreversible by design.

    Callers audit the erasure (e.g. `herzen.people.services.person_erase`)."""
    updated = DataKey.objects.filter(owner_type=owner.kind, owner_id=owner.id, wrapped__isnull=False).update(
        wrapped=None, shredded_at=timezone.now()
    )
    if not DataKey.objects.filter(owner_type=owner.kind, owner_id=owner.id).exists():
        # Record the erasure even for an owner that never had a key, so a later write cannot create one.
        DataKey.objects.create(
            owner_type=owner.kind, owner_id=owner.id, kek_id="", wrapped=None, shredded_at=timezone.now()
        )
    # Reads later in this transaction read the emptied row (and the caller's audit event explaining it); later
    # transactions see the key as erased once this one commits.
    _entries().pop(owner, None)
    _pending().pop(owner, None)
    transaction.on_commit(lambda: _store(owner, UnwrappedKey(version=0, key=_ERASED_KEY)))
    return bool(updated)
