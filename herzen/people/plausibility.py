"""Checks across fields and records that a date is possible: nobody enters a country, gets a passport or is
refused at a border before they were born, and a household's child is born well after its principal.

Model `clean()` methods and the people services call these, so intake, the staff pages and the API (which all
write through the services) refuse the same things with the same translated message beside the same field."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from herzen.people.choices import HouseholdRole

if TYPE_CHECKING:
    from herzen.people.models import Person

# A parent is at least this many years older than their child: younger is a typing error (a swapped year, a
# child entered as the parent), not a family.
MIN_PARENT_AGE_YEARS = 12


def shown(day: date) -> str:
    return date_format(day, "j E Y")


def birth_date_of(person: Person | None) -> date | None:
    """The date of birth, or None when unknown or erased (an erased date reads as empty)."""
    if person is None:
        return None
    value = person.date_of_birth
    return value if isinstance(value, date) else None


def before_birth(day: date | None, born: date | None, message: str) -> str | None:
    """`message` (with %(birth)s) when `day` is before the date of birth."""
    if day is None or born is None or day >= born:
        return None
    return message % {"birth": shown(born)}


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def birth_date_problem(born: date | None) -> str | None:
    if born is not None and born > timezone.localdate():
        return _("The date of birth is in the future.")
    return None


def child_born_too_early(child_born: date | None, parent_born: date | None) -> str | None:
    """The message for a child born less than MIN_PARENT_AGE_YEARS after the principal (or before them)."""
    if child_born is None or parent_born is None:
        return None
    if child_born >= years_after(parent_born, MIN_PARENT_AGE_YEARS):
        return None
    return _(
        "A child is born at least %(years)s years after the principal applicant (born %(birth)s). "
        "Check both dates of birth, or choose another role."
    ) % {"years": MIN_PARENT_AGE_YEARS, "birth": shown(parent_born)}


def member_role_problem(role: str, born: date | None, principal_born: date | None) -> str | None:
    """What is wrong with someone of this date of birth being the principal's `role`, or None."""
    if role == HouseholdRole.CHILD:
        return child_born_too_early(born, principal_born)
    return None


def principal_birth_problem(born: date | None, children_born: Iterable[date | None]) -> str | None:
    """What is wrong with a principal born on `born`, given the household's children, or None."""
    if born is None:
        return None
    for child_born in children_born:
        if child_born is not None and child_born < years_after(born, MIN_PARENT_AGE_YEARS):
            return _(
                "A child of this household was born on %(child)s: the principal applicant is born at least "
                "%(years)s years before their child. Check both dates of birth."
            ) % {"child": shown(child_born), "years": MIN_PARENT_AGE_YEARS}
    return None
