"""Where a person is: stays in transit countries, the legal-stay deadline they run against, border refusals."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import apply_changes, validate
from herzen.core.exceptions import Conflict
from herzen.core.lookup import get_scoped
from herzen.domain.risk import LegalBasis as DomainLegalBasis
from herzen.domain.risk import (
    RegistrationDeadline,
    StayDeadline,
    StayPeriod,
    legal_stay_deadline,
    registration_deadline,
)
from herzen.people.choices import HouseholdRole
from herzen.people.household_changes import household_of_person, household_risk_changed
from herzen.people.models import EntryRefusal, Household, HouseholdMember, IdentityDocument, Person, Stay
from herzen.people.services.lookup import editable_person
from herzen.people.stay_rules import registration_duties, stay_rules

STAY_FIELDS = frozenset(
    {
        "country",
        "city",
        "entry_date",
        "exit_date",
        "legal_basis",
        "authorised_until",
        "document",
        "registered_on",
        "address_changed_on",
    }
)
# A resident or an asylum seeker is registered by the authority that holds their file; the transit-country
# registration duties of visitors concern visa-free and visa stays.
_REGISTERING_BASES = frozenset({"visa_free", "visa"})
ENTRY_REFUSAL_FIELDS = ("country", "refused_on", "border_point", "reason_given")


def stay_deadline(stays: Iterable[Stay], stay: Stay) -> StayDeadline:
    """The domain's verdict on one stay, from `stays` (all of this person's) in the same country."""
    same_country = [s for s in stays if s.country == stay.country]
    periods = [
        StayPeriod(
            entry=s.entry_date,
            exit=s.exit_date,
            basis=DomainLegalBasis(s.legal_basis),
            authorised_until=s.authorised_until,
        )
        for s in same_country
    ]
    return legal_stay_deadline(country=stay.country.code, periods=periods, rules=stay_rules())


def stay_registration(stay: Stay) -> RegistrationDeadline | None:
    """The registration duty of an open stay as it stands, or None (closed stay, no duty, or a basis the
    visitors' duties do not concern)."""
    if stay.exit_date is not None or stay.legal_basis not in _REGISTERING_BASES:
        return None
    return registration_deadline(
        country=stay.country.code,
        entry=stay.entry_date,
        moved_on=stay.address_changed_on,
        registered_on=stay.registered_on,
        duties=registration_duties(),
    )


def refresh_stay_deadlines(person: Person) -> None:
    """Store the last legal day and the registration due date on the person's open stay (closed stays have
    none), then the household summary."""
    stays = list(person.stays.all())  # read once: every open stay's deadline depends on all of them
    for stay in stays:
        deadline = stay_deadline(stays, stay).last_legal_day if stay.exit_date is None else None
        registration = stay_registration(stay)
        due = registration.due_on if registration is not None else None
        if (stay.legal_deadline, stay.registration_deadline) != (deadline, due):
            stay.legal_deadline = deadline
            stay.registration_deadline = due
            stay.save(update_fields=["legal_deadline", "registration_deadline"])
    membership = HouseholdMember.objects.filter(person=person).select_related("household").first()
    if membership is not None:
        refresh_household_stay_summary(membership.household)


def refresh_household_stay_summary(household: Household) -> None:
    """Keep the household's current country and earliest deadline in step, for filtering case lists."""
    open_stays = list(
        Stay.objects.filter(
            person__household_membership__household=household, exit_date__isnull=True
        ).select_related("person__household_membership")
    )
    principal_stays = [s for s in open_stays if s.person.household_membership.role == HouseholdRole.PRINCIPAL]
    current = (principal_stays or open_stays or [None])[0]
    country = current.country.code if current is not None else ""
    deadlines = [s.legal_deadline for s in open_stays if s.legal_deadline is not None]
    earliest = min(deadlines) if deadlines else None
    registrations = [s.registration_deadline for s in open_stays if s.registration_deadline is not None]
    registration = min(registrations) if registrations else None
    current = (
        household.current_country,
        household.earliest_stay_deadline,
        household.earliest_registration_deadline,
    )
    if current != (country, earliest, registration):
        household.current_country = country
        household.earliest_stay_deadline = earliest
        household.earliest_registration_deadline = registration
        household.save(
            update_fields=[
                "current_country",
                "earliest_stay_deadline",
                "earliest_registration_deadline",
                "updated_at",
            ]
        )


def _check_no_overlap(person: Person, stay: Stay) -> None:
    for other in person.stays.exclude(pk=stay.pk):
        other_end = other.exit_date or date.max
        this_end = stay.exit_date or date.max
        # Leaving one country and entering another on the same day is normal (a border run): the two stays
        # may share that day; any longer overlap is a mistake in the record.
        if stay.entry_date < other_end and other.entry_date < this_end:
            started = date_format(other.entry_date, "j E Y")
            raise Conflict(
                _("This stay overlaps another stay of the same person."),
                fields={"entry_date": [_("Overlaps the stay from %(date)s.") % {"date": started}]},
            )


def _document_of(actor: Actor, person: Person, document_id: object | None) -> IdentityDocument | None:
    if document_id is None:
        return None
    document = get_scoped(IdentityDocument, actor, document_id)
    if document.person_id != person.pk:
        raise Conflict(
            _("The document belongs to someone else."), fields={"document": [_("Not this person's.")]}
        )
    return document


@transaction.atomic
def stay_record(
    *,
    actor: Actor,
    person_id: object,
    country: str,
    entry_date: date,
    legal_basis: str,
    city: str = "",
    exit_date: date | None = None,
    authorised_until: date | None = None,
    document_id: object | None = None,
    registered_on: date | None = None,
    address_changed_on: date | None = None,
) -> Stay:
    person = editable_person(actor, person_id)
    stay = Stay(
        person=person,
        country=country.upper(),
        city=city.strip(),
        entry_date=entry_date,
        exit_date=exit_date,
        legal_basis=legal_basis,
        authorised_until=authorised_until,
        document=_document_of(actor, person, document_id),
        registered_on=registered_on,
        address_changed_on=address_changed_on,
    )
    _check_no_overlap(person, stay)
    validate(stay)
    stay.save()
    refresh_stay_deadlines(person)
    stay.refresh_from_db(fields=["legal_deadline", "registration_deadline"])
    audit.record(actor=actor, action="stay.record", target=stay, parent=person, changed_fields=STAY_FIELDS)
    household_risk_changed(actor, household_of_person(person.pk))
    return stay


@transaction.atomic
def stay_update(*, actor: Actor, stay_id: object, **changes: Any) -> Stay:
    stay = get_scoped(Stay, actor, stay_id, for_update=True)
    person = editable_person(actor, stay.person_id)
    if "document_id" in changes:
        changes["document"] = _document_of(actor, person, changes.pop("document_id"))
    changed = apply_changes(stay, changes, allowed=STAY_FIELDS)
    if not changed:
        return stay
    _check_no_overlap(person, stay)
    validate(stay)
    stay.save(update_fields=[*changed, "updated_at"])
    refresh_stay_deadlines(person)
    stay.refresh_from_db(fields=["legal_deadline", "registration_deadline"])
    audit.record(actor=actor, action="stay.update", target=stay, parent=person, changed_fields=changed)
    household_risk_changed(actor, household_of_person(person.pk))
    return stay


@transaction.atomic
def entry_refusal_record(
    *,
    actor: Actor,
    person_id: object,
    country: str,
    refused_on: date,
    border_point: str = "",
    reason_given: str = "",
) -> EntryRefusal:
    person = editable_person(actor, person_id)
    refusal = EntryRefusal(
        person=person,
        country=country.upper(),
        refused_on=refused_on,
        border_point=border_point.strip(),
        reason_given=reason_given.strip(),
    )
    validate(refusal)
    refusal.save()
    audit.record(
        actor=actor,
        action="entry_refusal.record",
        target=refusal,
        parent=person,
        changed_fields=ENTRY_REFUSAL_FIELDS,
    )
    return refusal
