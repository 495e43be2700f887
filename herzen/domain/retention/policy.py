"""How long Herzen keeps a household's personal data once the work for it has ended, and what is due.

The policy is a document (defaults below; a deployment overrides kinds with `HERZEN_RETENTION_POLICY_FILE`).
Each kind names a period in whole years after an anchor date, or null to keep that kind until erased by hand:

- `closed_case_household` — a household whose every case is closed: erased `years` after the *last* case
  closed. Default 5: long enough for a person to come back (a refused visa re-applied for, a family member who
  follows later, an authority's question about an earlier referral — national humanitarian-visa files are
  kept about as long), short enough that a seized server does not hold a decade of exiles' files.
- `household_without_case` — a household no case was ever opened for (e.g. recorded during a call and never
  followed up): erased `years` after it was recorded. Default 1.

Not here, because they are handled elsewhere or carry no personal data: unsent intake drafts expire after
HERZEN_INTAKE_DRAFT_EXPIRY_DAYS (`herzen purgeintakedrafts`); audit and access events hold ids and field
names only and are kept for good (the tamper-evident chain needs every entry).

Erasure is crypto-shredding of the household's and its members' data keys; an already erased household is
never due again, so a rerun of the job does nothing.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class RecordKind(StrEnum):
    CLOSED_CASE_HOUSEHOLD = "closed_case_household"
    HOUSEHOLD_WITHOUT_CASE = "household_without_case"


DEFAULT_RETENTION_DOCUMENT: dict[str, Any] = {
    "version": "2025-1",
    "periods": {
        RecordKind.CLOSED_CASE_HOUSEHOLD.value: {"years": 5},
        RecordKind.HOUSEHOLD_WITHOUT_CASE.value: {"years": 1},
    },
}

MAX_YEARS = 100


class RetentionPolicyError(ValueError):
    """A retention document that cannot be used; the message names the key."""


@dataclass(frozen=True)
class RetentionPolicy:
    version: str
    # Years after the anchor date per kind; None keeps that kind until someone erases it by hand.
    years: Mapping[RecordKind, int | None]


@dataclass(frozen=True)
class HouseholdRecord:
    """What the decision needs to know about one household: ids and dates, never personal data."""

    household_id: str
    recorded_on: date
    # One entry per case of the household: the day it closed, or None while it is open or on hold.
    case_closings: tuple[date | None, ...]
    already_erased: bool = False


@dataclass(frozen=True)
class ErasureDue:
    household_id: str
    kind: RecordKind
    anchor: date  # the last case's closing, or the day the household was recorded
    due_on: date


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def load_retention_policy(document: Mapping[str, Any] | None = None) -> RetentionPolicy:
    """Merge `document`'s periods over the defaults and check them. Raises RetentionPolicyError."""
    if document is not None and not isinstance(document, Mapping):
        raise RetentionPolicyError(f"a retention policy must be an object, got {document!r}")
    document = document or {}
    unknown = set(document) - {"version", "periods"}
    if unknown:
        raise RetentionPolicyError(f"unknown key(s) {sorted(unknown)}; allowed: ['periods', 'version']")
    version = document.get("version", DEFAULT_RETENTION_DOCUMENT["version"])
    if not isinstance(version, str) or not version.strip():
        raise RetentionPolicyError(f"version must be non-empty text, got {version!r}")
    overrides = document.get("periods", {})
    if not isinstance(overrides, Mapping):
        raise RetentionPolicyError(f"periods must be an object, got {overrides!r}")
    kinds = {kind.value for kind in RecordKind}
    unknown = set(overrides) - kinds
    if unknown:
        raise RetentionPolicyError(f"unknown kind(s) of record {sorted(unknown)}; known: {sorted(kinds)}")
    periods = {**DEFAULT_RETENTION_DOCUMENT["periods"], **overrides}
    years: dict[RecordKind, int | None] = {}
    for kind in RecordKind:
        period = periods[kind.value]
        if not isinstance(period, Mapping) or set(period) != {"years"}:
            raise RetentionPolicyError(f'periods.{kind.value} must be {{"years": N or null}}, got {period!r}')
        value = period["years"]
        valid = value is None or (
            isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_YEARS
        )
        if not valid:
            raise RetentionPolicyError(
                f"periods.{kind.value}.years must be a whole number from 1 to {MAX_YEARS} or null, got {value!r}"
            )
        years[kind] = value
    return RetentionPolicy(version=version, years=years)


def _due(record: HouseholdRecord, policy: RetentionPolicy) -> ErasureDue | None:
    if record.already_erased:
        return None
    if not record.case_closings:
        kind, anchor = RecordKind.HOUSEHOLD_WITHOUT_CASE, record.recorded_on
    elif any(closed is None for closed in record.case_closings):
        return None  # a case is still being worked on: nothing of this household expires
    else:
        kind = RecordKind.CLOSED_CASE_HOUSEHOLD
        anchor = max(closed for closed in record.case_closings if closed is not None)
    years = policy.years[kind]
    if years is None:
        return None
    return ErasureDue(record.household_id, kind, anchor, add_years(anchor, years))


def due_for_erasure(
    records: Iterable[HouseholdRecord], policy: RetentionPolicy, *, today: date
) -> list[ErasureDue]:
    """The households whose retention period has ended on or before `today`, in the order given."""
    found = []
    for record in records:
        due = _due(record, policy)
        if due is not None and due.due_on <= today:
            found.append(due)
    return found
