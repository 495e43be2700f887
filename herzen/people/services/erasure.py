"""Erasure by crypto-shredding: destroying a data key makes everything it sealed unreadable everywhere —
the live rows, and every copy of them in backups once the KEK that wrapped the old key is retired."""

from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.audit.models import AuditEvent
from herzen.core.actor import Actor
from herzen.core.exceptions import PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.encryption.keys import Owner, shred
from herzen.people.models import (
    ContactPoint,
    Household,
    HouseholdMember,
    IdentityDocument,
    Person,
    PersonNameKey,
)
from herzen.people.permissions import can_erase_person


def _forget_indexes(person: Person) -> None:
    # The blind indexes were derived from what is now unreadable: drop them, so searches stop finding it.
    PersonNameKey.objects.filter(person=person).delete()
    ContactPoint.objects.filter(person=person).update(value_index="")
    IdentityDocument.objects.filter(person=person).update(number_index="", number_tail_index="")
    Person.objects.filter(pk=person.pk).update(date_of_birth_index="")


@transaction.atomic
def person_erase(*, actor: Actor, person_id: object) -> Person:
    """Shred the person's data key: names, birth date, contacts, document numbers, cities, narratives."""
    person = get_scoped(Person, actor, person_id, for_update=True)
    if not can_erase_person(actor, person):
        raise PermissionDenied(_("Only a supervisor can erase a person's data."))
    shred(Owner.of("person", person.pk))
    _forget_indexes(person)
    audit.record(actor=actor, action="person.erase", target=person, changed_fields=["data_key"])
    return person


@transaction.atomic
def household_erase(*, actor: Actor, household_id: object) -> Household:
    """Shred the household's data key (its case notes) and the data key of every member."""
    household = get_scoped(Household, actor, household_id, for_update=True)
    members = list(Person.objects.for_actor(actor).filter(household_membership__household=household))
    if not all(can_erase_person(actor, person) for person in members) or not can_erase_person(actor, None):
        raise PermissionDenied(_("Only a supervisor can erase a person's data."))
    shred(Owner.of("household", household.pk))
    for person in members:
        shred(Owner.of("person", person.pk))
        _forget_indexes(person)
    audit.record(actor=actor, action="household.erase", target=household, changed_fields=["data_key"])
    return household


def person_erasure_recorded(person_id: str) -> bool:
    """Whether the audit trail explains a shredded person key: the person's or their household's erasure."""
    erased = AuditEvent.objects.filter(
        action="person.erase", target_type="people.person", target_id=person_id
    )
    households = HouseholdMember.objects.filter(person_id=person_id).values_list("household_id", flat=True)
    by_household = AuditEvent.objects.filter(
        action="household.erase", target_type="people.household", target_id__in=[str(h) for h in households]
    )
    return erased.exists() or by_household.exists()


def household_erasure_recorded(household_id: str) -> bool:
    return AuditEvent.objects.filter(
        action="household.erase", target_type="people.household", target_id=household_id
    ).exists()
