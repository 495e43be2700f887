"""Households: who an exile travels and applies with."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.people import plausibility
from herzen.people.choices import HouseholdRole
from herzen.people.household_changes import household_risk_changed
from herzen.people.models import Household, HouseholdMember, Person
from herzen.people.permissions import can_create_person, can_edit_person
from herzen.people.services.lookup import editable_household, editable_person
from herzen.people.services.persons import person_create
from herzen.people.services.stays import refresh_household_stay_summary

MEMBER_FIELDS = ["person", "role"]
HOUSEHOLD_CREATE_FIELDS = ("members",)


@transaction.atomic
def household_create(*, actor: Actor, principal_id: object) -> Household:
    if not can_create_person(actor):
        raise PermissionDenied(_("Your role cannot create households."))
    principal = editable_person(actor, principal_id)
    if HouseholdMember.objects.filter(person=principal).exists():
        raise Conflict(_("This person already belongs to a household."))
    household = Household(organisation=actor.organisation)
    household.save()
    HouseholdMember.objects.create(household=household, person=principal, role=HouseholdRole.PRINCIPAL)
    refresh_household_stay_summary(household)
    audit.record(
        actor=actor, action="household.create", target=household, changed_fields=HOUSEHOLD_CREATE_FIELDS
    )
    return household


@transaction.atomic
def household_member_add(
    *, actor: Actor, household_id: object, person_id: object, role: str
) -> HouseholdMember:
    household = editable_household(actor, household_id)
    person = editable_person(actor, person_id)
    _refuse_a_second_principal(role)
    if HouseholdMember.objects.filter(person=person).exists():
        raise Conflict(
            _("This person already belongs to a household."), fields={"person": [_("Already a member.")]}
        )
    member = _add_member(household, person, role)
    audit.record(
        actor=actor,
        action="household.member_add",
        target=member,
        parent=household,
        changed_fields=MEMBER_FIELDS,
    )
    household_risk_changed(actor, household.pk)
    return member


def _add_member(
    household: Household, person: Person, role: str, *, may_have_stays: bool = True
) -> HouseholdMember:
    """The membership of a person who belongs to no household yet, in a household locked for this change.

    `may_have_stays=False`: the person was created just now, in this transaction, so has no stays that could
    change the household's stay summary (its current country and earliest deadline)."""
    member = HouseholdMember(household=household, person=person, role=role)
    validate(member)
    _check_relation(household, person, role, field="role" if may_have_stays else "date_of_birth")
    member.save()
    if may_have_stays:
        refresh_household_stay_summary(household)
    return member


@transaction.atomic
def household_member_create(
    *, actor: Actor, household_id: object, role: str, **person: Any
) -> HouseholdMember:
    """Record someone new and add them to a household in one step; `person` holds the arguments of
    `person_create`. Both steps audit; if the second fails, the new person record is not kept."""
    household = editable_household(actor, household_id)  # refuse before writing anything
    _refuse_a_second_principal(role)
    created = person_create(actor=actor, **person)
    if not can_edit_person(actor, created):
        raise PermissionDenied(_("Your role cannot change this person's record."))
    # The household is locked and the person was created just now, in this transaction, in no household yet:
    # what household_member_add would fetch, lock and check again cannot have changed.
    member = _add_member(household, created, role, may_have_stays=False)
    audit.record(
        actor=actor,
        action="household.member_add",
        target=member,
        parent=household,
        changed_fields=MEMBER_FIELDS,
    )
    household_risk_changed(actor, household.pk)
    return member


def _check_relation(household: Household, person: Person, role: str, *, field: str) -> None:
    """Refuse a role the dates of birth contradict (a "child" born before or soon after the principal), on
    `field`: the date of birth of someone recorded just now, the role of someone already on record."""
    if role != HouseholdRole.CHILD or plausibility.birth_date_of(person) is None:
        return
    principal = (
        HouseholdMember.objects.filter(household=household, role=HouseholdRole.PRINCIPAL)
        .select_related("person")
        .first()
    )
    problem = plausibility.member_role_problem(
        role,
        plausibility.birth_date_of(person),
        plausibility.birth_date_of(principal.person if principal else None),
    )
    if problem:
        raise Invalid(_("Please correct the highlighted fields."), fields={field: [problem]})


@transaction.atomic
def household_member_update(
    *, actor: Actor, household_id: object, person_id: object, role: str
) -> HouseholdMember:
    """Correct a member's role in the household (spouse, child, other dependant): the principal stays."""
    household = editable_household(actor, household_id)
    member = household.members.filter(person_id=person_id).select_related("person").first()
    if member is None:
        raise NotFound()
    if member.role == HouseholdRole.PRINCIPAL:
        raise Conflict(
            _("The principal's role cannot be changed."),
            fields={"role": [_("The principal stays principal.")]},
        )
    _refuse_a_second_principal(role)
    if member.role == role:
        return member
    member.role = role
    validate(member)
    _check_relation(household, member.person, role, field="role")
    member.save(update_fields=["role", "updated_at"])
    audit.record(
        actor=actor,
        action="household.member_update",
        target=member,
        parent=household,
        changed_fields=["role"],
    )
    household_risk_changed(actor, household.pk)
    return member


def _refuse_a_second_principal(role: str) -> None:
    if role == HouseholdRole.PRINCIPAL:
        raise Conflict(
            _("A household has exactly one principal, named when it is created."),
            fields={"role": [_("Choose spouse or partner, child or other dependant.")]},
        )


@transaction.atomic
def household_member_remove(*, actor: Actor, household_id: object, person_id: object) -> None:
    household = editable_household(actor, household_id)
    member = household.members.filter(person_id=person_id).first()
    if member is None:
        raise NotFound()
    if member.role == HouseholdRole.PRINCIPAL:
        raise Conflict(_("The principal cannot be removed from their household."))
    audit.record(
        actor=actor,
        action="household.member_remove",
        target=member,
        parent=household,
        changed_fields=["person"],
    )
    member.delete()
    refresh_household_stay_summary(household)
    household_risk_changed(actor, household.pk)
