"""Where an encoded legal rule comes from, when someone last checked it, and how sure Herzen is of it.

A wrong rule is dangerous (a stay deadline a month too late makes someone overstay), so every rule Herzen
encodes — stay clocks, registration duties, post-entry deadlines, screening rule sets, policy regimes — carries
a `SourceNote`: the sources it rests on (issuing body, document and its date, URL), the day it was last
checked against them, and a status:

- ``confirmed``: the sources agree with the rule as encoded;
- ``conflicting``: sources disagree; the note names both readings and the rule computes the *earlier*
  deadline (a person warned too early loses a few days; one warned too late is detained);
- ``unverified``: nobody has checked it against an issuing body; a prompt to check, not a fact.

This module is shared by the domain cores (risk, rules, workflow), which otherwise stay independent of each
other; it holds data shapes only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

STALE_AFTER_MONTHS = 6


class Verified(StrEnum):
    CONFIRMED = "confirmed"
    CONFLICTING = "conflicting"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class Source:
    """One source: who issued it, what it is, its date (as precise as known: "2024-07-31" or "2025-05"),
    and where to read it."""

    body: str
    document: str
    url: str
    dated: str = ""

    def __post_init__(self) -> None:
        for name in ("body", "document", "url"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"a source needs its {name}")

    def citation(self) -> str:
        dated = f", {self.dated}" if self.dated else ""
        return f"{self.body}: {self.document}{dated} <{self.url}>"


@dataclass(frozen=True)
class SourceNote:
    summary: str
    sources: tuple[Source, ...] = ()
    last_checked: date | None = None
    verified: Verified = Verified.UNVERIFIED
    # For a conflicting rule: what the sources disagree on and why the earlier reading is the one computed.
    conflict: str = ""

    def __post_init__(self) -> None:
        if self.verified is Verified.CONFLICTING:
            if len(self.sources) < 2:
                raise ValueError("a conflicting rule must name both sources that disagree")
            if not self.conflict.strip():
                raise ValueError("a conflicting rule must say what the sources disagree on")
        if self.verified is Verified.CONFIRMED and not self.sources:
            raise ValueError("a confirmed rule must name its source")
        if self.verified is not Verified.UNVERIFIED and self.last_checked is None:
            raise ValueError("a checked rule must say when it was last checked")

    @property
    def has_source(self) -> bool:
        return bool(self.sources)

    def is_stale(self, as_of: date, months: int = STALE_AFTER_MONTHS) -> bool:
        """Not checked within `months` months of `as_of` (never checked counts as stale)."""
        if self.last_checked is None:
            return True
        month = as_of.month - months
        year = as_of.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = min(as_of.day, 28)  # a month-end date need not exist six months earlier; 28 always does
        return self.last_checked < date(year, month, day)

    def to_document(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "sources": [
                {"body": s.body, "document": s.document, "dated": s.dated, "url": s.url} for s in self.sources
            ],
            "last_checked": self.last_checked.isoformat() if self.last_checked else None,
            "verified": self.verified.value,
            "conflict": self.conflict,
        }


_NOTE_KEYS = frozenset({"summary", "sources", "last_checked", "verified", "conflict"})
_SOURCE_KEYS = frozenset({"body", "document", "dated", "url"})


def parse_source_note(where: str, data: object) -> SourceNote:
    """A note from JSON-like data: plain text (an unchecked note, as older files have) or an object with
    "summary", "sources" (each "body", "document", "url", optional "dated"), "last_checked" (YYYY-MM-DD),
    "verified" and "conflict". Raises ValueError naming `where`."""
    if isinstance(data, str):
        return SourceNote(summary=data)
    if not isinstance(data, Mapping):
        raise ValueError(f'{where}: "source_note" must be text or an object, got {data!r}')
    unknown = set(data) - _NOTE_KEYS
    if unknown:
        raise ValueError(
            f"{where}: unknown source_note key(s) {sorted(unknown)}; allowed: {sorted(_NOTE_KEYS)}"
        )
    sources_data = data.get("sources", [])
    if not isinstance(sources_data, list):
        raise ValueError(f'{where}: "sources" must be a list')
    sources = []
    for position, item in enumerate(sources_data, start=1):
        if not isinstance(item, Mapping) or set(item) - _SOURCE_KEYS:
            raise ValueError(f"{where}, source {position}: expected an object with {sorted(_SOURCE_KEYS)}")
        try:
            sources.append(
                Source(
                    body=str(item.get("body", "")),
                    document=str(item.get("document", "")),
                    url=str(item.get("url", "")),
                    dated=str(item.get("dated", "")),
                )
            )
        except ValueError as error:
            raise ValueError(f"{where}, source {position}: {error}") from None
    checked = data.get("last_checked")
    try:
        last_checked = date.fromisoformat(checked) if checked else None
        verified = Verified(data.get("verified", Verified.UNVERIFIED.value))
        return SourceNote(
            summary=str(data.get("summary", "")),
            sources=tuple(sources),
            last_checked=last_checked,
            verified=verified,
            conflict=str(data.get("conflict", "")),
        )
    except (TypeError, ValueError) as error:
        raise ValueError(f"{where}: {error}") from None
