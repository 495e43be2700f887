"""Wrapped data keys and the progress of key rotations. No personal data lives here: an owner is a kind
("person", "household", an app's own) and a record id."""

from django.db import models


class DataKey(models.Model):
    """One owner's data key (DEK), wrapped by a key-encryption key (KEK) held outside the database.

    `wrapped` is NULL once the key has been shredded: every ciphertext sealed with it is then unreadable,
    wherever a copy of it lies (see docs/encryption.md, "Crypto-shredding", for backups).
    """

    id = models.BigAutoField(primary_key=True)
    owner_type = models.CharField(max_length=32)
    owner_id = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    kek_id = models.CharField(max_length=64, db_index=True)
    wrapped = models.BinaryField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rewrapped_at = models.DateTimeField(null=True, blank=True)
    shredded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner_type", "owner_id"], name="data_key_one_per_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.owner_type}:{self.owner_id} ({self.kek_id})"


class KeyRotation(models.Model):
    """A re-wrapping of every data key under `target_kek_id`. Progress is the data keys themselves (each
    names its KEK), so a rotation interrupted at any point resumes where it stopped."""

    id = models.BigAutoField(primary_key=True)
    target_kek_id = models.CharField(max_length=64)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rewrapped = models.PositiveIntegerField(default=0)
    verified = models.PositiveIntegerField(default=0)
    failures = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"rotation to {self.target_kek_id} ({'done' if self.finished_at else 'in progress'})"
