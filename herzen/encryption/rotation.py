"""Re-wrapping every data key under the primary key-encryption key.

Resumable and idempotent: each data key records the KEK that wraps it, so a rotation works through the keys
not yet wrapped by the primary in small batches, each batch in its own transaction. Interrupted at any
point, the next run continues with what is left; run again after completion, it finds nothing to do.
The data itself is never re-encrypted (data keys do not change), and every re-wrapped key is verified by
unwrapping it again before the batch commits, so a rotation cannot leave a key unreadable.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from herzen.domain.crypto import DecryptionFailed, UnknownKeyEncryptionKey
from herzen.encryption.keyring import keyring
from herzen.encryption.keys import Owner, wrap_context
from herzen.encryption.models import DataKey, KeyRotation


class RotationFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class RotationReport:
    target_kek_id: str
    rewrapped: int  # in this run
    rewrapped_total: int  # over every run of this rotation
    verified: int
    failures: int
    resumed: bool


def _current_rotation(primary: str) -> tuple[KeyRotation, bool]:
    unfinished = KeyRotation.objects.filter(finished_at__isnull=True).order_by("-started_at").first()
    if unfinished is None:
        return KeyRotation.objects.create(target_kek_id=primary), False
    if unfinished.target_kek_id != primary:
        # The keyring changed under an unfinished rotation: carry on towards the new primary.
        unfinished.target_kek_id = primary
        unfinished.save(update_fields=["target_kek_id"])
    return unfinished, True


def pending_count() -> int:
    return DataKey.objects.filter(wrapped__isnull=False).exclude(kek_id=keyring().primary.key_id).count()


def rotate(*, batch_size: int = 500, after_batch: Callable[[int], None] | None = None) -> RotationReport:
    ring = keyring()
    primary = ring.primary
    rotation, resumed = _current_rotation(primary.key_id)
    rewrapped = 0
    while True:
        with transaction.atomic():
            batch = list(
                DataKey.objects.select_for_update()
                .filter(wrapped__isnull=False)
                .exclude(kek_id=primary.key_id)
                .order_by("id")[:batch_size]
            )
            if not batch:
                break
            now = timezone.now()
            for row in batch:
                context = wrap_context(Owner(row.owner_type, row.owner_id), row.version)
                try:
                    key = ring.unwrap(row.kek_id, bytes(row.wrapped), context)
                    row.wrapped = primary.wrap(key, context)
                    if primary.unwrap(row.wrapped, context) != key:
                        raise RotationFailed(f"data key {row.pk} does not survive re-wrapping")
                except (DecryptionFailed, UnknownKeyEncryptionKey) as error:
                    raise RotationFailed(f"data key {row.pk} cannot be unwrapped: {error!r}") from error
                row.kek_id, row.rewrapped_at = primary.key_id, now
            DataKey.objects.bulk_update(batch, ["wrapped", "kek_id", "rewrapped_at"])
            rewrapped += len(batch)
            KeyRotation.objects.filter(pk=rotation.pk).update(rewrapped=rotation.rewrapped + rewrapped)
        if after_batch is not None:
            after_batch(rewrapped)
    verified, failures = verify_all()
    rotation.refresh_from_db()
    rotation.verified, rotation.failures = verified, failures
    if failures == 0:
        rotation.finished_at = timezone.now()
    rotation.save(update_fields=["verified", "failures", "finished_at"])
    return RotationReport(
        target_kek_id=primary.key_id,
        rewrapped=rewrapped,
        rewrapped_total=rotation.rewrapped,
        verified=verified,
        failures=failures,
        resumed=resumed,
    )


def verify_all() -> tuple[int, int]:
    """Unwrap every live data key with the keyring: (unwrapped, failed)."""
    ring = keyring()
    verified = failures = 0
    for row in DataKey.objects.filter(wrapped__isnull=False).iterator(chunk_size=2000):
        try:
            ring.unwrap(
                row.kek_id, bytes(row.wrapped), wrap_context(Owner(row.owner_type, row.owner_id), row.version)
            )
            verified += 1
        except (DecryptionFailed, UnknownKeyEncryptionKey):
            failures += 1
    return verified, failures


def keys_by_kek() -> dict[str, int]:
    counts: dict[str, int] = {}
    for kek_id in DataKey.objects.filter(wrapped__isnull=False).values_list("kek_id", flat=True):
        counts[kek_id] = counts.get(kek_id, 0) + 1
    return counts
