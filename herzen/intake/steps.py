"""The order of the intake's topics and what "answered" means for each. No Django views here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

# (slug, title). Language comes first and is held on the draft itself; "check" is the last page.
STEPS = [
    ("about", _("About you")),
    ("household", _("Your household")),
    ("location", _("Where you are now")),
    ("documents", _("Your documents")),
    ("risks", _("Why you are in danger")),
    ("declarations", _("The programme's declarations")),
    ("needs", _("What you need")),
    ("organisation", _("Who receives your application")),
    ("evidence", _("Evidence")),
]
STEP_NAMES = [slug for slug, _title in STEPS]
STEP_TITLES = dict(STEPS)
# Household, documents and evidence may be left empty: someone alone, with no papers left, with nothing to
# upload can still apply.
REQUIRED_STEPS = ("about", "location", "risks", "declarations", "needs", "organisation")


def missing_steps(answers: Mapping[str, Any]) -> list[str]:
    return [step for step in REQUIRED_STEPS if not answers.get(step)]


def next_step(step: str) -> str:
    index = STEP_NAMES.index(step)
    return STEP_NAMES[index + 1] if index + 1 < len(STEP_NAMES) else "check"


def previous_step(step: str) -> str | None:
    index = STEP_NAMES.index(step)
    return STEP_NAMES[index - 1] if index > 0 else None


def to_json(cleaned: Mapping[str, Any]) -> dict[str, Any]:
    """A form's cleaned data as JSON: dates as ISO strings, text stripped."""
    result: dict[str, Any] = {}
    for name, value in cleaned.items():
        if isinstance(value, date):
            result[name] = value.isoformat()
        elif isinstance(value, str):
            result[name] = value.strip()
        elif value is None:
            result[name] = ""
        else:
            result[name] = value
    return result
