"""What the bulk loader's workers fill and hand over: COPY lines per table and audit events of some
households, in the order the services would have written them, and the clock those writes are dated by."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from herzen.cases.models import Case, CaseNote
from herzen.encryption.models import DataKey
from herzen.people.models import (
    ContactPoint,
    EntryRefusal,
    Household,
    HouseholdMember,
    IdentityDocument,
    NameVariant,
    Person,
    PersonNameKey,
    RiskFactor,
    Stay,
)

from .tables import Table

# The COPY layout of every table a household writes (applications.py adds its own tables).
TABLES: dict[type, Table] = {
    model: Table(model)
    for model in (
        DataKey,
        Person,
        PersonNameKey,
        IdentityDocument,
        NameVariant,
        ContactPoint,
        Stay,
        EntryRefusal,
        RiskFactor,
        Household,
        HouseholdMember,
        Case,
        CaseNote,
    )
}

# (occurred_at, actor user id, organisation id, action, target type, target id, parent type, parent id,
#  changed fields): an AuditEvent before the chain gives it an id, a sequence number and a hash.
AuditSpec = tuple[datetime, object, object, str, str, str, str, str, list[str]]


@dataclass
class Batch:
    """Rows (COPY lines by table name) and audit events of some households, in the order they were made."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    audit: list[AuditSpec] = field(default_factory=list)
    # (case id, organisation id, household id, status) of every case made, for the applications after them.
    cases: list[tuple[str, object, str, str]] = field(default_factory=list)
    household_keys: dict[str, tuple[int, bytes]] = field(default_factory=dict)

    def add(self, model: type, values: dict[str, Any], key: tuple[int, bytes] | None = None) -> None:
        table = TABLES.get(model) or TABLES.setdefault(model, Table(model))
        lines = self.lines.get(table.name)
        if lines is None:
            lines = self.lines[table.name] = []
        lines.append(table.line(values, key))

    def counts(self) -> dict[str, int]:
        """Rows by table (one COPY line each)."""
        return {name: len(lines) for name, lines in self.lines.items()}

    def merge(self, other: "Batch") -> None:
        for name, lines in other.lines.items():
            self.lines.setdefault(name, []).extend(lines)
        self.audit.extend(other.audit)


class Clock:
    """`timezone.now()` as the services would see it: a little later at every write."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def tick(self) -> datetime:
        self.now += timedelta(microseconds=37)
        return self.now
