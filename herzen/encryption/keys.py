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

from django.db import connection, transaction
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
    # Set while the transaction that read or created the key is open: the on-commit callback that confirms
    # it and its position in the connection's on-commit list. A rollback drops the callback, and with it the
    # cache entry (a key whose row was rolled back must never seal new data).
    token: object = None
    slot: int = -1


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


def clear_cache() -> None:
    """Forget every unwrapped key of this thread (its request or command has ended)."""
    _entries().clear()


class _Confirm:
    def __init__(self, owner: Owner) -> None:
        self.owner = owner

    def __call__(self) -> None:
        entry = _entries().get(self.owner)
        if entry is not None and entry.token is self:
            _entries()[self.owner] = UnwrappedKey(version=entry.version, key=entry.key)


def _still_valid(entry: UnwrappedKey) -> bool:
    if entry.token is None:
        return True
    pending = connection.run_on_commit
    # Django removes the callbacks of a rolled-back savepoint (and all of them on rollback); callbacks
    # registered earlier are only ever removed together with later ones, so the slot check is exact.
    return entry.slot < len(pending) and pending[entry.slot][1] is entry.token


def _remember(owner: Owner, key: UnwrappedKey) -> UnwrappedKey:
    if len(_entries()) >= _MAX_CACHED:
        _entries().clear()
    if connection.in_atomic_block:
        token = _Confirm(owner)
        transaction.on_commit(token)
        key = UnwrappedKey(key.version, key.key, token=token, slot=len(connection.run_on_commit) - 1)
    _entries()[owner] = key
    return key


def _cached(owner: Owner) -> UnwrappedKey | None:
    entry = _entries().get(owner)
    if entry is not None and not _still_valid(entry):
        del _entries()[owner]
        return None
    return entry


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
            cached = UnwrappedKey(version=version, key=fresh)
        elif row is None:
            raise DataKeyMissing(f"No data key for {owner.kind} {owner.id}.")
        else:
            cached = _unwrap(row)
        cached = _remember(owner, cached)
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
    # Reads later in this transaction see the key as erased (the caller's audit event explaining it may not be
    # written yet); a rollback drops this entry, and the next read sees the key again.
    _entries().pop(owner, None)
    _remember(owner, UnwrappedKey(version=0, key=_ERASED_KEY))
    return bool(updated)
