"""Creating and changing a person, their name spellings and their contact points."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import apply_changes, validate
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.names import FullName, is_cyrillic, person_name_keys
from herzen.domain.names.near import person_near_keys
from herzen.domain.names.pairs import person_pair_keys
from herzen.encryption.blind import index_value
from herzen.people import plausibility
from herzen.people.blind_indexes import (
    CONTACT_VALUE,
    PERSON_NAME,
    PERSON_NAME_NEAR,
    PERSON_NAME_PAIR,
    normalise_contact_value,
)
from herzen.people.choices import ContactKind, HouseholdRole, NameScheme, Script
from herzen.people.models import ContactPoint, HouseholdMember, NameVariant, Person, PersonNameKey
from herzen.people.permissions import can_create_person
from herzen.people.services.lookup import editable_person

PERSON_FIELDS = frozenset(
    {"surname", "given_name", "patronymic", "sex", "date_of_birth", "citizenships", "languages", "profession"}
)
NAME_FIELDS = frozenset({"surname", "given_name", "patronymic"})
# The fields each service names in its audit event (also what the bulk loader in bench/ records).
NAME_VARIANT_FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "scheme",
    "source_document",
    "valid_from",
    "valid_until",
)
CONTACT_POINT_ADD_FIELDS = ("kind", "value", "is_preferred")


# Stored pair and near-miss values start with these, so that they never equal a word's value of the same length.
PAIR_VALUE_PREFIX = "p:"
NEAR_VALUE_PREFIX = "n:"


def name_key_index_values(keys: set[str] | frozenset[str]) -> set[str]:
    """The blind-index values PersonNameKey stores for plaintext lookup keys of single words."""
    return {index_value(PERSON_NAME.name, key, normalised=True) for key in keys}


def pair_key_index_value(pair_key: str) -> str:
    return PAIR_VALUE_PREFIX + index_value(PERSON_NAME_PAIR.name, pair_key, normalised=True)


def pair_key_index_values(pair_keys: set[str] | frozenset[str]) -> set[str]:
    """The values PersonNameKey stores for pair keys (herzen.domain.names.pairs)."""
    return {pair_key_index_value(key) for key in pair_keys}


def near_key_index_values(near_keys: set[str] | frozenset[str]) -> set[str]:
    """The values PersonNameKey stores for near-miss keys (herzen.domain.names.near)."""
    return {NEAR_VALUE_PREFIX + index_value(PERSON_NAME_NEAR.name, key, normalised=True) for key in near_keys}


def person_name_key_rows(plaintext_keys: set[str] | frozenset[str]) -> set[str]:
    """Every PersonNameKey value of a person with these word keys: the words', their pairs' and the
    near-miss neighbourhoods of their names."""
    return (
        name_key_index_values(plaintext_keys)
        | pair_key_index_values(person_pair_keys(plaintext_keys))
        | near_key_index_values(person_near_keys(plaintext_keys))
    )


def refresh_name_keys(person: Person, *, created: bool = False) -> None:
    """Recompute the blind-indexed lookup keys from the canonical name and every stored spelling.

    `created`: the person was inserted just now, so has no stored spellings and no keys to read yet."""
    names = [FullName(person.surname, person.given_name, person.patronymic)]
    if not created:
        names += [FullName(v.surname, v.given_name, v.patronymic) for v in person.name_variants.all()]
    plaintext_keys = person_name_keys(names)
    wanted = person_name_key_rows(plaintext_keys)
    search_keys = " ".join(sorted(plaintext_keys))
    if person.search_keys != search_keys:
        person.search_keys = search_keys
        person.save(update_fields=["search_keys"])
    existing: set[str] = set()
    if not created:
        existing = set(PersonNameKey.objects.filter(person=person).values_list("key", flat=True))
        PersonNameKey.objects.filter(person=person, key__in=existing - wanted).delete()
    PersonNameKey.objects.bulk_create(
        [PersonNameKey(person=person, key=key) for key in sorted(wanted - existing)]
    )


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    surname: str,
    given_name: str,
    patronymic: str = "",
    sex: str,
    date_of_birth: date | None = None,
    citizenships: list[str] | None = None,
    languages: list[str] | None = None,
    profession: str = "",
) -> Person:
    if not can_create_person(actor):
        raise PermissionDenied(_("Your role cannot create person records."))
    person = Person(
        organisation=actor.organisation,
        surname=surname.strip(),
        given_name=given_name.strip(),
        patronymic=patronymic.strip(),
        sex=sex,
        date_of_birth=date_of_birth,
        # Unknown means Russian (who Herzen serves); an explicit empty list records statelessness.
        citizenships=["RU"] if citizenships is None else citizenships,
        languages=languages or ["ru"],
        profession=profession.strip(),
    )
    validate(person, exclude=["organisation"])
    person.save()
    refresh_name_keys(person, created=True)
    audit.record(actor=actor, action="person.create", target=person, changed_fields=PERSON_FIELDS)
    return person


def _birth_date_problem(person: Person) -> str | None:
    """What a new date of birth contradicts in the rest of the record: a stay, a document or a border refusal
    dated before it, or the household's parent and child ages."""
    born = plausibility.birth_date_of(person)
    if born is None:
        return None
    for stay in person.stays.all():
        if stay.entry_date < born:
            return _("Born after the entry into %(country)s on %(date)s.") % {
                "country": stay.country.name,
                "date": plausibility.shown(stay.entry_date),
            }
    for document in person.documents.all():
        if document.issue_date is not None and document.issue_date < born:
            return _("Born after the issue date of the document %(document)s (%(date)s).") % {
                "document": document.get_document_type_display(),
                "date": plausibility.shown(document.issue_date),
            }
    for refusal in person.entry_refusals.all():
        if refusal.refused_on < born:
            return _("Born after the entry refusal of %(date)s.") % {
                "date": plausibility.shown(refusal.refused_on)
            }
    membership = HouseholdMember.objects.filter(person=person).first()
    if membership is None:
        return None
    others = list(
        HouseholdMember.objects.filter(household_id=membership.household_id)
        .exclude(person=person)
        .select_related("person")
    )
    if membership.role == HouseholdRole.PRINCIPAL:
        children = [plausibility.birth_date_of(m.person) for m in others if m.role == HouseholdRole.CHILD]
        return plausibility.principal_birth_problem(born, children)
    principal = next((m.person for m in others if m.role == HouseholdRole.PRINCIPAL), None)
    return plausibility.member_role_problem(membership.role, born, plausibility.birth_date_of(principal))


@transaction.atomic
def person_update(*, actor: Actor, person_id: object, **changes: Any) -> Person:
    person = editable_person(actor, person_id)
    changed = apply_changes(person, changes, allowed=PERSON_FIELDS)
    if not changed:
        return person
    validate(person, exclude=["organisation"])
    if "date_of_birth" in changed:
        problem = _birth_date_problem(person)
        if problem:
            raise Invalid(_("Please correct the highlighted fields."), fields={"date_of_birth": [problem]})
    # The blind index of the date of birth is computed on save, for the fields saved.
    index = ["date_of_birth_index"] if "date_of_birth" in changed else []
    person.save(update_fields=[*changed, *index, "updated_at"])
    if NAME_FIELDS & set(changed):
        refresh_name_keys(person)
    audit.record(actor=actor, action="person.update", target=person, changed_fields=changed)
    return person


@transaction.atomic
def name_variant_add(
    *,
    actor: Actor,
    person_id: object,
    surname: str,
    given_name: str,
    patronymic: str = "",
    scheme: str = NameScheme.OTHER,
    source_document_id: object | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> NameVariant:
    person = editable_person(actor, person_id)
    source_document = _source_document(actor, person, source_document_id)
    text = " ".join((surname, given_name, patronymic))
    variant = NameVariant(
        person=person,
        surname=surname.strip(),
        given_name=given_name.strip(),
        patronymic=patronymic.strip(),
        script=Script.CYRILLIC if is_cyrillic(text) else Script.LATIN,
        scheme=scheme,
        source_document=source_document,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    validate(variant)
    variant.save()
    refresh_name_keys(person)
    audit.record(
        actor=actor,
        action="name_variant.add",
        target=variant,
        parent=person,
        changed_fields=NAME_VARIANT_FIELDS,
    )
    return variant


NAME_VARIANT_FIELDS = frozenset(
    {"surname", "given_name", "patronymic", "scheme", "source_document", "valid_from", "valid_until"}
)


def _source_document(actor: Actor, person: Person, document_id: object | None) -> Any:
    if document_id is None:
        return None
    document = get_scoped(person.documents.model, actor, document_id)
    if document.person_id != person.pk:
        raise Conflict(
            _("The source document belongs to someone else."),
            fields={"source_document": [_("Not this person's.")]},
        )
    return document


@transaction.atomic
def name_variant_update(*, actor: Actor, variant_id: object, **changes: Any) -> NameVariant:
    """Correct a stored spelling: the same checks as when it was added; the script follows the letters."""
    variant = get_scoped(NameVariant, actor, variant_id, for_update=True)
    person = editable_person(actor, variant.person_id)
    if "source_document_id" in changes:
        changes["source_document"] = _source_document(actor, person, changes.pop("source_document_id"))
    for name in NAME_FIELDS & set(changes):
        changes[name] = str(changes[name]).strip()
    changed = apply_changes(variant, changes, allowed=NAME_VARIANT_FIELDS)
    if not changed:
        return variant
    text = " ".join((variant.surname, variant.given_name, variant.patronymic))
    variant.script = Script.CYRILLIC if is_cyrillic(text) else Script.LATIN
    validate(variant)
    variant.save(update_fields=[*changed, "script", "updated_at"])
    if NAME_FIELDS & set(changed):
        refresh_name_keys(person)
    audit.record(
        actor=actor, action="name_variant.update", target=variant, parent=person, changed_fields=changed
    )
    return variant


@transaction.atomic
def name_variant_remove(*, actor: Actor, variant_id: object) -> None:
    variant = get_scoped(NameVariant, actor, variant_id, for_update=True)
    person = editable_person(actor, variant.person_id)
    audit.record(actor=actor, action="name_variant.remove", target=variant, parent=person)
    variant.delete()
    refresh_name_keys(person)


@transaction.atomic
def contact_point_add(
    *, actor: Actor, person_id: object, kind: str, value: str, is_preferred: bool = False
) -> ContactPoint:
    person = editable_person(actor, person_id)
    value = value.strip()
    if kind == ContactKind.EMAIL:
        value = value.lower()
    same_bucket = person.contact_points.filter(kind=kind, value_index=index_value(CONTACT_VALUE.name, value))
    if any(normalise_contact_value(other.value) == normalise_contact_value(value) for other in same_bucket):
        raise Conflict(
            _("This contact point is already recorded."), fields={"value": [_("Already recorded.")]}
        )
    if is_preferred:
        # Only one preferred channel: the new one replaces the old.
        person.contact_points.filter(is_preferred=True).update(is_preferred=False)
    contact = ContactPoint(person=person, kind=kind, value=value, is_preferred=is_preferred)
    validate(contact)
    contact.save()
    audit.record(
        actor=actor,
        action="contact_point.add",
        target=contact,
        parent=person,
        changed_fields=CONTACT_POINT_ADD_FIELDS,
    )
    return contact


CONTACT_POINT_FIELDS = frozenset({"kind", "value", "is_preferred"})


@transaction.atomic
def contact_point_update(*, actor: Actor, contact_point_id: object, **changes: Any) -> ContactPoint:
    """Correct a channel or an address; the same checks as when it was added (no duplicate, one preferred)."""
    contact = get_scoped(ContactPoint, actor, contact_point_id, for_update=True)
    person = editable_person(actor, contact.person_id)
    if "value" in changes or "kind" in changes:
        value = str(changes.get("value", contact.value)).strip()
        changes["value"] = value.lower() if changes.get("kind", contact.kind) == ContactKind.EMAIL else value
    changed = apply_changes(contact, changes, allowed=CONTACT_POINT_FIELDS)
    if not changed:
        return contact
    if {"kind", "value"} & set(changed):
        same_bucket = person.contact_points.filter(
            kind=contact.kind, value_index=index_value(CONTACT_VALUE.name, contact.value)
        ).exclude(pk=contact.pk)
        wanted = normalise_contact_value(contact.value)
        if any(normalise_contact_value(other.value) == wanted for other in same_bucket):
            raise Conflict(
                _("This contact point is already recorded."), fields={"value": [_("Already recorded.")]}
            )
    if "is_preferred" in changed and contact.is_preferred:
        person.contact_points.filter(is_preferred=True).exclude(pk=contact.pk).update(is_preferred=False)
    validate(contact)
    # The blind index is computed on save, for the fields saved.
    index = ["value_index"] if "value" in changed else []
    contact.save(update_fields=[*changed, *index, "updated_at"])
    audit.record(
        actor=actor, action="contact_point.update", target=contact, parent=person, changed_fields=changed
    )
    return contact


@transaction.atomic
def contact_point_remove(*, actor: Actor, contact_point_id: object) -> None:
    contact = get_scoped(ContactPoint, actor, contact_point_id, for_update=True)
    person = editable_person(actor, contact.person_id)
    audit.record(actor=actor, action="contact_point.remove", target=contact, parent=person)
    contact.delete()
