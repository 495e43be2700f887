"""Writes to the person record. Every function here audits inside its own transaction."""

from herzen.people.services.declarations import declaration_record, declaration_withdraw
from herzen.people.services.documents import document_add, document_update
from herzen.people.services.erasure import household_erase, person_erase
from herzen.people.services.households import (
    household_create,
    household_member_add,
    household_member_create,
    household_member_remove,
    household_member_update,
)
from herzen.people.services.persons import (
    contact_point_add,
    contact_point_remove,
    contact_point_update,
    name_variant_add,
    name_variant_remove,
    name_variant_update,
    person_create,
    person_update,
)
from herzen.people.services.risk_factors import risk_factor_record, risk_factor_update
from herzen.people.services.stays import (
    entry_refusal_record,
    stay_record,
    stay_update,
)

__all__ = [
    "contact_point_add",
    "contact_point_remove",
    "contact_point_update",
    "declaration_record",
    "declaration_withdraw",
    "document_add",
    "document_update",
    "entry_refusal_record",
    "household_create",
    "household_erase",
    "household_member_add",
    "household_member_create",
    "household_member_remove",
    "household_member_update",
    "name_variant_add",
    "name_variant_remove",
    "name_variant_update",
    "person_create",
    "person_erase",
    "person_update",
    "risk_factor_record",
    "risk_factor_update",
    "stay_record",
    "stay_update",
]
