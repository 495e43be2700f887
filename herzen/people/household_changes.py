"""Telling the layers above that a household's danger has changed, without depending on them.

A case's priority (herzen.cases) is computed from its household's risk factors and stays, which the people
services write. The layer order is `cases -> people`: people must not import cases. So the people services call
`household_risk_changed(...)` at the end of each write that can change a priority (a risk factor recorded or
changed, a stay recorded or changed, a member added or removed), and the cases app subscribes once, in its
AppConfig.ready. It is a plain, explicit call inside the same transaction, not a Django signal: nothing fires
on a bare model save, a failure rolls the person's change back with the priority's, and the one subscriber is
named in herzen/cases/apps.py.
"""

from collections.abc import Callable

from herzen.core.actor import Actor
from herzen.people.models import HouseholdMember

HouseholdListener = Callable[[Actor, object], None]  # (the actor who made the change, the household's id)

_listeners: list[HouseholdListener] = []


def on_household_risk_changed(listener: HouseholdListener) -> HouseholdListener:
    """Subscribe `listener` (once, however often this is called with it)."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def household_risk_changed(actor: Actor, household_id: object | None) -> None:
    """Called by the people services inside their transaction; a person without a household changes none."""
    if household_id is None:
        return
    for listener in tuple(_listeners):
        listener(actor, household_id)


def household_of_person(person_id: object) -> object | None:
    """The id of the person's household, or None."""
    return HouseholdMember.objects.filter(person_id=person_id).values_list("household_id", flat=True).first()
