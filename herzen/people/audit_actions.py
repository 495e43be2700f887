"""The audit actions of people, households and what is recorded about them (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.people.services.declarations import FIELDS as DECLARATION_FIELDS
from herzen.people.services.documents import DOCUMENT_FIELDS
from herzen.people.services.households import MEMBER_FIELDS
from herzen.people.services.persons import PERSON_FIELDS
from herzen.people.services.risk_factors import RISK_FACTOR_FIELDS
from herzen.people.services.stays import STAY_FIELDS

_DATA_KEY = {"data_key": _("encryption key (data erased)")}

register("person.create", _("Person record created"), target="people.person", fields=PERSON_FIELDS)
register("person.update", _("Person record changed"), target="people.person", fields=PERSON_FIELDS)
register("person.erase", _("Person's data erased"), target="people.person", field_labels=_DATA_KEY)
register(
    "household.create",
    _("Household created"),
    target="people.household",
    field_labels={"members": _("members")},
)
register("household.erase", _("Household's data erased"), target="people.household", field_labels=_DATA_KEY)
_PERSON = {"person": _("person")}
register(
    "household.member_add",
    _("Household member added"),
    target="people.householdmember",
    fields=MEMBER_FIELDS,
    field_labels=_PERSON,
)
register(
    "household.member_remove",
    _("Household member removed"),
    target="people.householdmember",
    field_labels=_PERSON,
)
register(
    "name_variant.add",
    _("Name spelling added"),
    target="people.namevariant",
    fields=["surname", "given_name", "patronymic", "scheme", "source_document", "valid_from", "valid_until"],
)
register("name_variant.remove", _("Name spelling removed"), target="people.namevariant")
register(
    "contact_point.add",
    _("Contact point added"),
    target="people.contactpoint",
    fields=["kind", "value", "is_preferred"],
)
register("contact_point.remove", _("Contact point removed"), target="people.contactpoint")
register(
    "document.add", _("Identity document added"), target="people.identitydocument", fields=DOCUMENT_FIELDS
)
register(
    "document.update",
    _("Identity document changed"),
    target="people.identitydocument",
    fields=DOCUMENT_FIELDS,
)
register("stay.record", _("Stay recorded"), target="people.stay", fields=STAY_FIELDS)
register("stay.update", _("Stay changed"), target="people.stay", fields=STAY_FIELDS)
register(
    "entry_refusal.record",
    _("Entry refusal recorded"),
    target="people.entryrefusal",
    fields=["country", "refused_on", "border_point", "reason_given"],
)
register(
    "risk_factor.record", _("Risk factor recorded"), target="people.riskfactor", fields=RISK_FACTOR_FIELDS
)
register(
    "risk_factor.update", _("Risk factor changed"), target="people.riskfactor", fields=RISK_FACTOR_FIELDS
)
register(
    "household.member_update",
    _("Household member's role changed"),
    target="people.householdmember",
    fields=["role"],
)
register(
    "name_variant.update",
    _("Name spelling changed"),
    target="people.namevariant",
    fields=["surname", "given_name", "patronymic", "scheme", "source_document", "valid_from", "valid_until"],
)
register(
    "contact_point.update",
    _("Contact point changed"),
    target="people.contactpoint",
    fields=["kind", "value", "is_preferred"],
)
register(
    "declaration.record",
    _("Programme declaration recorded"),
    target="people.declaration",
    fields=DECLARATION_FIELDS,
)
register(
    "declaration.withdraw",
    _("Programme declaration withdrawn"),
    target="people.declaration",
    fields=["withdrawn_at", "withdrawn_by"],
)
