"""Records fetched for a write: scoped, locked and checked against the editing permissions."""

from django.utils.translation import gettext as _

from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.encryption.keys import Owner, is_erased
from herzen.people.models import Household, Person
from herzen.people.permissions import can_edit_household, can_edit_person


def editable_person(actor: Actor, person_id: object) -> Person:
    person = get_scoped(Person, actor, person_id, for_update=True)
    if not can_edit_person(actor, person):
        raise PermissionDenied(_("Your role cannot change this person's record."))
    if is_erased(Owner.of("person", person.pk)):
        raise Conflict(_("This person's data has been erased; the record can no longer be changed."))
    return person


def editable_household(actor: Actor, household_id: object) -> Household:
    household = get_scoped(Household, actor, household_id, for_update=True)
    if not can_edit_household(actor, household):
        raise PermissionDenied(_("Your role cannot change this household."))
    return household
