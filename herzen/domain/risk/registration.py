"""Registration duties in transit countries, as deadlines: who must register, by when, what starts the clock
again, and what happens if it is missed.

A duty is data (data/registration_duties.json, extendable like the stay rules). It holds one or more
*readings*: the ways the sources state the duty, each with the event that starts it (the entry, or a move to
a new address), who must act, how long they have, and the period it is in force. Where readings disagree
(Kyrgyzstan: 5 working days, or 30 days for EAEU citizens) the duty is marked conflicting and the earliest
due date is the one computed, with the reason in the explanation.

Counting, the same for every duty:
- calendar days: "by day N", the day of arrival (or of the move) being day 1;
- working days: the Nth working day after the day of arrival, Monday to Friday. Public holidays are not
  counted out, so the law may allow a day or two more than shown: the earlier date is the safe one;
- hours: 24 hours from arrival, whose time is not recorded, is shown as the day after arrival.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import Any

from herzen.domain.provenance import SourceNote, Verified, parse_source_note

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


class Registrant(StrEnum):
    HOST = "host"  # the landlord, hotel or other receiving party
    PERSON = "person"
    HOST_OR_PERSON = "host_or_person"


class Counting(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    HOURS = "hours"


class Trigger(StrEnum):
    ENTRY = "entry"
    MOVE = "move"  # a move to a new address within the country


@dataclass(frozen=True)
class RegistrationReading:
    """One statement of the duty: after `trigger`, `who` registers within `within` units of `counting`."""

    label: str  # English, for the explanation and the register
    trigger: Trigger
    who: Registrant
    within: int
    counting: Counting
    in_force_from: date | None = None
    in_force_until: date | None = None

    def __post_init__(self) -> None:
        if isinstance(self.within, bool) or not isinstance(self.within, int) or self.within <= 0:
            raise ValueError(f"{self.label}: 'within' must be a positive whole number, got {self.within!r}")

    def in_force_on(self, day: date) -> bool:
        if self.in_force_from is not None and day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until

    def due_on(self, anchor: date) -> date:
        if self.counting is Counting.HOURS:
            return anchor + timedelta(days=max(1, -(-self.within // 24)))
        if self.counting is Counting.CALENDAR_DAYS:
            return anchor + timedelta(days=self.within - 1)
        day, left = anchor, self.within
        while left:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day


@dataclass(frozen=True)
class RegistrationDuty:
    country: str
    readings: tuple[RegistrationReading, ...]
    consequence: str  # what happens if it is missed (English)
    source_note: SourceNote

    def __post_init__(self) -> None:
        if not _COUNTRY_CODE.fullmatch(self.country):
            raise ValueError(f"country must be an upper-case ISO 3166-1 alpha-2 code, got {self.country!r}")
        if not any(r.trigger is Trigger.ENTRY for r in self.readings):
            raise ValueError(f"{self.country}: a registration duty needs at least one reading for the entry")

    def readings_for(self, trigger: Trigger, day: date) -> tuple[RegistrationReading, ...]:
        return tuple(r for r in self.readings if r.trigger is trigger and r.in_force_on(day))


@dataclass(frozen=True)
class ReadingDue:
    reading: RegistrationReading
    due_on: date


@dataclass(frozen=True)
class RegistrationDeadline:
    """The duty as it stands for one stay. `due_on` is None once the registration is done (`satisfied`) or
    when no reading is in force; `binding` is the reading whose date is shown (the earliest)."""

    country: str
    due_on: date | None
    satisfied: bool
    trigger: Trigger
    anchor: date
    binding: RegistrationReading | None
    readings: tuple[ReadingDue, ...]
    verified: Verified
    consequence: str
    explanation: str

    @property
    def who(self) -> Registrant | None:
        return self.binding.who if self.binding else None


def registration_deadline(
    *,
    country: str,
    entry: date,
    moved_on: date | None = None,
    registered_on: date | None = None,
    duties: Mapping[str, RegistrationDuty] | None = None,
) -> RegistrationDeadline | None:
    """The registration deadline of a stay that began on `entry`, or None if the country has no duty.

    A move after the entry (`moved_on`) starts the clock again when the country has a rule for moves; a
    registration on or after the event that started the current clock (`registered_on`) satisfies it.
    """
    code = country.strip().upper()
    duty = (DEFAULT_REGISTRATION_DUTIES if duties is None else duties).get(code)
    if duty is None:
        return None
    trigger, anchor = Trigger.ENTRY, entry
    sentences: list[str] = []
    if moved_on is not None and moved_on > entry:
        if duty.readings_for(Trigger.MOVE, moved_on):
            trigger, anchor = Trigger.MOVE, moved_on
        else:
            sentences.append(f"No rule for registering again after a move is recorded for {code}.")
    readings = tuple(ReadingDue(r, r.due_on(anchor)) for r in duty.readings_for(trigger, anchor))
    event = "the move on" if trigger is Trigger.MOVE else "the entry on"
    satisfied = registered_on is not None and registered_on >= anchor
    if not readings:
        sentences.insert(0, f"No registration rule is in force for {code} on {anchor}.")
        binding, due_on = None, None
    else:
        first = min(readings, key=lambda item: (item.due_on, item.reading.label))
        binding, due_on = first.reading, first.due_on
        for item in readings:
            sentences.append(f"{item.reading.label}: due {item.due_on} after {event} {anchor}.")
        if len(readings) > 1:
            reason = (
                "the sources disagree, so the earliest date is the one shown"
                if duty.source_note.verified is Verified.CONFLICTING
                else "several rules apply at once, so the earliest date is the one shown"
            )
            sentences.append(f"Due {due_on}: {reason}.")
    if satisfied:
        sentences.append(f"Registered on {registered_on}: nothing is due until the next move or entry.")
        due_on = None
    elif binding is not None:
        sentences.append(f"If missed: {duty.consequence}")
    return RegistrationDeadline(
        country=code,
        due_on=due_on,
        satisfied=satisfied,
        trigger=trigger,
        anchor=anchor,
        binding=binding,
        readings=readings,
        verified=duty.source_note.verified,
        consequence=duty.consequence,
        explanation=" ".join(sentences),
    )


_DUTY_KEYS = frozenset({"readings", "consequence", "source_note"})
_READING_KEYS = frozenset(
    {"label", "trigger", "who", "within", "counting", "in_force_from", "in_force_until"}
)


def _optional_date(where: str, value: object) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: dates are written YYYY-MM-DD, got {value!r}")
    return date.fromisoformat(value)


def _parse_reading(where: str, data: object) -> RegistrationReading:
    if not isinstance(data, Mapping) or set(data) - _READING_KEYS:
        raise ValueError(f"{where}: a reading is an object with keys from {sorted(_READING_KEYS)}")
    try:
        return RegistrationReading(
            label=str(data["label"]),
            trigger=Trigger(data["trigger"]),
            who=Registrant(data["who"]),
            within=data["within"],
            counting=Counting(data["counting"]),
            in_force_from=_optional_date(where, data.get("in_force_from")),
            in_force_until=_optional_date(where, data.get("in_force_until")),
        )
    except (KeyError, ValueError) as error:
        raise ValueError(f"{where}: {error}") from None


def load_registration_duties(data: Mapping[str, Any]) -> dict[str, RegistrationDuty]:
    """Parse ``{"UZ": {"readings": [...], "consequence": "...", "source_note": {...}}}``; ValueError names
    the country and reading at fault."""
    duties: dict[str, RegistrationDuty] = {}
    for raw_country, duty_data in data.items():
        country = str(raw_country).strip().upper()
        where = f"registration duty {country}"
        if not isinstance(duty_data, Mapping) or set(duty_data) - _DUTY_KEYS:
            raise ValueError(f"{where}: expected an object with keys from {sorted(_DUTY_KEYS)}")
        readings_data = duty_data.get("readings")
        if not isinstance(readings_data, list) or not readings_data:
            raise ValueError(f'{where}: "readings" must be a non-empty list')
        readings = tuple(
            _parse_reading(f"{where}, reading {n}", item) for n, item in enumerate(readings_data, start=1)
        )
        duties[country] = RegistrationDuty(
            country=country,
            readings=readings,
            consequence=str(duty_data.get("consequence", "")),
            source_note=parse_source_note(where, duty_data.get("source_note", "")),
        )
    return duties


DEFAULT_REGISTRATION_DUTIES: Mapping[str, RegistrationDuty] = MappingProxyType(
    load_registration_duties(
        json.loads(
            resources.files("herzen.domain.risk")
            .joinpath("data", "registration_duties.json")
            .read_text("utf-8")
        )
    )
)
