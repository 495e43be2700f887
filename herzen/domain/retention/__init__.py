"""Retention periods per kind of record, as data, and the pure decision of what is due for erasure."""

from herzen.domain.retention.policy import (
    DEFAULT_RETENTION_DOCUMENT,
    ErasureDue,
    HouseholdRecord,
    RecordKind,
    RetentionPolicy,
    RetentionPolicyError,
    add_years,
    due_for_erasure,
    load_retention_policy,
)

__all__ = [
    "DEFAULT_RETENTION_DOCUMENT",
    "ErasureDue",
    "HouseholdRecord",
    "RecordKind",
    "RetentionPolicy",
    "RetentionPolicyError",
    "add_years",
    "due_for_erasure",
    "load_retention_policy",
]
