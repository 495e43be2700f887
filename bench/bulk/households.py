"""One household plan as the rows and audit events the services would store for it (herzen.demo.writer).

Mirrors, step by step, what `write_household` makes the services do: `person_create` (a new data key, the
name keys), `document_add`, `name_variant_add`, `contact_point_add`, `stay_record` (legal-stay deadlines from
herzen.domain.risk with the deployment's stay rules), `entry_refusal_record`, `risk_factor_record`,
`household_create` / `household_member_add` (the household's stay summary), `case_open` (priority from
herzen.domain.risk with the deployment's weights), `case_note_add` (the household's data key) and
`case_change_status` — with one audit event per service call, in the same order, by the same actor.
No database access: a worker process builds rows while the main process copies them in.
"""

import random
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from herzen.cases.models import Case, CaseNote, CaseStatus
from herzen.cases.permissions import can_change_case_status
from herzen.cases.priority_weights import priority_weights
from herzen.cases.services import CASE_NOTE_FIELDS, CASE_OPEN_FIELDS, CASE_STATUS_FIELDS
from herzen.demo.plans import HouseholdPlan, PersonPlan
from herzen.demo.writer import Desk, opened_at_of
from herzen.domain.crypto import new_data_key
from herzen.domain.names import FullName, is_cyrillic
from herzen.domain.references import new_reference
from herzen.domain.risk import (
    assess_priority,
)
from herzen.encryption.keyring import keyring
from herzen.encryption.keys import Owner, wrap_context
from herzen.encryption.models import DataKey
from herzen.people.blind_indexes import normalise_document_number
from herzen.people.choices import ContactKind, HouseholdRole, Script
from herzen.people.models import (
    ContactPoint,
    EntryRefusal,
    Household,
    HouseholdMember,
    IdentityDocument,
    NameVariant,
    Person,
    PersonNameKey,
    RiskFactor,
    Stay,
)
from herzen.people.services.documents import DOCUMENT_FIELDS
from herzen.people.services.households import HOUSEHOLD_CREATE_FIELDS, MEMBER_FIELDS
from herzen.people.services.persons import CONTACT_POINT_ADD_FIELDS, NAME_VARIANT_FIELDS, PERSON_FIELDS
from herzen.people.services.risk_factors import RISK_FACTOR_FIELDS
from herzen.people.services.stays import ENTRY_REFUSAL_FIELDS, STAY_FIELDS

from .batch import TABLES, Batch, Clock
from .derived import factor_facts, factor_order, set_deadlines
from .ids import new_id

NAME_KEY_TABLE = TABLES[PersonNameKey]
assert NAME_KEY_TABLE.columns == ["person_id", "key"]


def _label(model: type) -> str:
    return model._meta.label_lower  # type: ignore[attr-defined]


_SORTED_FIELDS: dict[tuple[str, ...], list[str]] = {}


def _changed_fields(changed: Any) -> list[str]:
    """sorted(set(changed)), made once per set of fields (a few dozen): events share the list, read only."""
    key = tuple(changed)
    found = _SORTED_FIELDS.get(key)
    if found is None:
        found = _SORTED_FIELDS[key] = sorted(set(changed))
    return found


class HouseholdWriter:
    """Builds one household's rows into a Batch, as the services would write them."""

    def __init__(self, batch: Batch, desk: Desk, today: Any, clock: Clock) -> None:
        self.batch, self.desk, self.today, self.clock = batch, desk, today, clock
        self.actor = desk.actor
        self.organisation_id = desk.organisation.pk

    def audit(
        self,
        actor: Any,
        action: str,
        model: type,
        target_id: object,
        changed: Any,
        parent: tuple[type, object] | None = None,
    ) -> None:
        self.batch.audit.append(
            (
                self.clock.tick(),
                actor.user.pk,
                actor.organisation.pk,
                action,
                _label(model),
                str(target_id),
                _label(parent[0]) if parent else "",
                str(parent[1]) if parent else "",
                _changed_fields(changed),
            )
        )

    def new_key(self, owner: Owner) -> tuple[int, bytes]:
        """A data key made and wrapped as herzen.encryption.keys.data_key(create=True) does."""
        fresh = new_data_key()
        kek_id, wrapped = keyring().wrap(fresh, wrap_context(owner, 1))
        self.batch.add(
            DataKey,
            {
                "owner_type": owner.kind,
                "owner_id": owner.id,
                "version": 1,
                "kek_id": kek_id,
                "wrapped": wrapped,
                "created_at": self.clock.now,
            },
        )
        return (1, fresh)

    # --- persons -----------------------------------------------------------------------------------------

    def person(self, plan: PersonPlan) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
        from .names import name_key_values, name_keys

        batch, now = self.batch, self.clock.now
        person_id = new_id()
        key = self.new_key(Owner.of("person", person_id))
        stamp = {"created_at": now, "updated_at": now}
        surname, given, patronymic = plan.surname.strip(), plan.given_name.strip(), plan.patronymic.strip()
        names = [FullName(surname, given, patronymic)]
        names += [
            FullName(v.surname.strip(), v.given_name.strip(), v.patronymic.strip())
            for v in plan.name_variants
        ]
        keys = name_keys(names)
        batch.add(
            Person,
            {
                "id": person_id,
                **stamp,
                "organisation_id": self.organisation_id,
                "surname": surname,
                "given_name": given,
                "patronymic": patronymic,
                "sex": plan.sex,
                "date_of_birth": plan.date_of_birth,
                "citizenships": list(plan.citizenships),
                "languages": list(plan.languages) or ["ru"],
                "profession": plan.profession.strip(),
                "search_keys": " ".join(sorted(keys)),
            },
            key,
        )
        # PersonNameKey rows (id from the sequence): the most numerous rows, so written without Table.line.
        name_key_lines = batch.lines.setdefault(NAME_KEY_TABLE.name, [])
        name_key_lines.extend(f"{person_id}\t{blind}\n" for blind in name_key_values(keys))
        self.audit(self.actor, "person.create", Person, person_id, PERSON_FIELDS)
        parent = (Person, person_id)

        documents: dict[str, str] = {}
        for document in plan.documents:
            document_id = new_id()
            documents[document.key] = document_id
            batch.add(
                IdentityDocument,
                {
                    "id": document_id,
                    **stamp,
                    "person_id": person_id,
                    "document_type": document.document_type,
                    "number": normalise_document_number(document.number),
                    "issuing_country": document.issuing_country,
                    "issuer": document.issuer.strip(),
                    "issue_date": document.issue_date,
                    "expiry_date": document.expiry_date,
                    "status": document.status,
                    "retains_legacy_spelling": document.retains_legacy_spelling,
                },
                key,
            )
            self.audit(self.actor, "document.add", IdentityDocument, document_id, DOCUMENT_FIELDS, parent)
        for variant in plan.name_variants:
            variant_id = new_id()
            text = " ".join((variant.surname, variant.given_name, variant.patronymic))
            batch.add(
                NameVariant,
                {
                    "id": variant_id,
                    **stamp,
                    "person_id": person_id,
                    "surname": variant.surname.strip(),
                    "given_name": variant.given_name.strip(),
                    "patronymic": variant.patronymic.strip(),
                    "script": Script.CYRILLIC if is_cyrillic(text) else Script.LATIN,
                    "scheme": variant.scheme,
                    "source_document_id": documents.get(variant.source_document)
                    if variant.source_document
                    else None,
                    "valid_from": variant.valid_from,
                    "valid_until": variant.valid_until,
                },
                key,
            )
            self.audit(self.actor, "name_variant.add", NameVariant, variant_id, NAME_VARIANT_FIELDS, parent)
        contacts: list[dict[str, Any]] = []
        for contact in plan.contacts:
            value = contact.value.strip()
            if contact.kind == ContactKind.EMAIL:
                value = value.lower()
            if contact.is_preferred:  # the new preferred channel replaces the old one
                for earlier in contacts:
                    earlier["is_preferred"] = False
            contacts.append(
                {
                    "id": new_id(),
                    **stamp,
                    "person_id": person_id,
                    "kind": contact.kind,
                    "value": value,
                    "is_preferred": contact.is_preferred,
                }
            )
        for values in contacts:
            batch.add(ContactPoint, values, key)
        stays: list[dict[str, Any]] = []
        for stay in plan.stays:
            stays.append(
                {
                    "id": new_id(),
                    **stamp,
                    "person_id": person_id,
                    "country": stay.country.upper(),
                    "city": stay.city.strip(),
                    "entry_date": stay.entry_date,
                    "exit_date": stay.exit_date,
                    "legal_basis": stay.legal_basis,
                    "authorised_until": stay.authorised_until,
                    "document_id": documents.get(stay.document) if stay.document else None,
                    "registered_on": stay.registered_on,
                    "address_changed_on": None,
                }
            )
        set_deadlines(stays)
        for values in stays:
            batch.add(Stay, values, key)
        # The audit events in the order the services ran them: contacts, then stays.
        for values in contacts:
            self.audit(
                self.actor,
                "contact_point.add",
                ContactPoint,
                values["id"],
                CONTACT_POINT_ADD_FIELDS,
                parent,
            )
        for values in stays:
            self.audit(self.actor, "stay.record", Stay, values["id"], STAY_FIELDS, parent)
        for refusal in plan.refusals:
            refusal_id = new_id()
            batch.add(
                EntryRefusal,
                {
                    "id": refusal_id,
                    **stamp,
                    "person_id": person_id,
                    "country": refusal.country.upper(),
                    "refused_on": refusal.refused_on,
                    "border_point": refusal.border_point.strip(),
                    "reason_given": refusal.reason_given.strip(),
                },
                key,
            )
            self.audit(
                self.actor,
                "entry_refusal.record",
                EntryRefusal,
                refusal_id,
                ENTRY_REFUSAL_FIELDS,
                parent,
            )
        factors: list[dict[str, Any]] = []
        for factor in plan.risk_factors:
            values = {
                "id": new_id(),
                **stamp,
                "person_id": person_id,
                "kind": factor.kind,
                "criminal_article": factor.criminal_article.strip(),
                "criminal_stage": factor.criminal_stage,
                "wanted_scope": factor.wanted_scope,
                "vulnerability": factor.vulnerability,
                "country": factor.country.upper(),
                "occurred_on": factor.occurred_on,
                "appearance_on": None,
                "narrative": factor.narrative.strip(),
                "is_current": True,
            }
            factors.append(values)
            batch.add(RiskFactor, values, key)
            self.audit(self.actor, "risk_factor.record", RiskFactor, values["id"], RISK_FACTOR_FIELDS, parent)
        return person_id, stays, factors

    # --- the household and its case ------------------------------------------------------------------------

    def household(self, plan: HouseholdPlan, earlier_cases: int = 0) -> tuple[str, str, str]:
        batch = self.batch
        members = [self.person(member) for member in plan.members]
        now = self.clock.now
        household_id = new_id()
        open_stays = [s for _, stays, _ in members for s in stays if s["exit_date"] is None]
        principal_open = [s for s in members[0][1] if s["exit_date"] is None]
        current = (principal_open or open_stays or [None])[0]
        deadlines = [s["legal_deadline"] for s in open_stays if s["legal_deadline"] is not None]
        country = current["country"] if current is not None else ""
        earliest = min(deadlines) if deadlines else None
        registrations = [
            s["registration_deadline"] for s in open_stays if s["registration_deadline"] is not None
        ]
        registration = min(registrations) if registrations else None
        batch.add(
            Household,
            {
                "id": household_id,
                "created_at": now,
                "updated_at": now,
                "organisation_id": self.organisation_id,
                "current_country": country,
                "earliest_stay_deadline": earliest,
                "earliest_registration_deadline": registration,
            },
        )
        member_ids = []
        for index, ((person_id, _, _), member) in enumerate(zip(members, plan.members, strict=True)):
            member_id = new_id()
            member_ids.append(member_id)
            role = HouseholdRole.PRINCIPAL if index == 0 else member.role
            batch.add(
                HouseholdMember,
                {
                    "id": member_id,
                    "created_at": now,
                    "updated_at": now,
                    "household_id": household_id,
                    "person_id": person_id,
                    "role": role,
                },
            )
        self.audit(self.actor, "household.create", Household, household_id, HOUSEHOLD_CREATE_FIELDS)
        for member_id in member_ids[1:]:
            self.audit(
                self.actor,
                "household.member_add",
                HouseholdMember,
                member_id,
                MEMBER_FIELDS,
                (Household, household_id),
            )

        factors = sorted(
            (f for _, _, person_factors in members for f in person_factors if f["is_current"]),
            key=factor_order,
        )
        priority = assess_priority(
            [factor_facts(f) for f in factors],
            as_of=self.today,
            stay_deadline=earliest,
            registration_deadline=registration,
            current_country=country,
            weights=priority_weights(),
        )
        assignee = self.desk.assignee(plan.case.assignee)
        opened_at = opened_at_of(plan)
        rng = random.Random(f"cases|{plan.principal.full_name}|{plan.principal.date_of_birth}")
        for number in range(earlier_cases, 0, -1):
            # Files the household had here before (closed since): same people, an earlier date.
            earlier = opened_at - timedelta(days=number * rng.randint(120, 400))
            self.case(household_id, assignee, earlier, priority, notes=(), status=CaseStatus.CLOSED)
        case_id, reference = self.case(
            household_id, assignee, opened_at, priority, notes=plan.case.notes, status=plan.case.status
        )
        return household_id, case_id, reference

    def case(
        self,
        household_id: str,
        assignee: Any,
        opened_at: datetime,
        priority: Any,
        *,
        notes: tuple[str, ...],
        status: str,
    ) -> tuple[str, str]:
        batch, now = self.batch, self.clock.tick()
        case_id = new_id()
        assigned_id = assignee.user.pk if assignee else None
        values: dict[str, Any] = {
            "id": case_id,
            "created_at": now,
            "updated_at": now,
            "organisation_id": self.organisation_id,
            "household_id": household_id,
            "reference": new_reference(),
            "assigned_caseworker_id": assigned_id,
            "status": CaseStatus.OPEN,
            "opened_at": opened_at,
            "closed_at": None,
        }
        # apply_priority on a new Case: fields that differ from the model defaults, and the time if any did.
        computed = {
            "priority_score": priority.score,
            "priority_band": priority.band.value,
            "priority_explanation": priority.to_document(),
            "priority_next_deadline": priority.next_deadline,
        }
        defaults = {
            "priority_score": 0,
            "priority_band": "low",
            "priority_explanation": {},
            "priority_next_deadline": None,
        }
        values.update(computed)
        values["priority_refreshed_at"] = now if computed != defaults else None
        self.audit(self.actor, "case.open", Case, case_id, CASE_OPEN_FIELDS)
        author = assignee or self.actor
        for body in notes:
            household_key = self.household_key(household_id)
            note_id, stamp = new_id(), self.clock.tick()
            batch.add(
                CaseNote,
                {
                    "id": note_id,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "case_id": case_id,
                    "author_id": author.user.pk,
                    "body": body.strip(),
                },
                household_key,
            )
            self.audit(author, "case.note_add", CaseNote, note_id, CASE_NOTE_FIELDS, (Case, case_id))
        if status != CaseStatus.OPEN:
            stand_in = SimpleNamespace(
                organisation_id=self.organisation_id, assigned_caseworker_id=assigned_id
            )
            for candidate in (assignee, self.desk.supervisor, self.actor):
                if candidate is not None and can_change_case_status(candidate, stand_in):  # type: ignore[arg-type]
                    values["status"] = status
                    values["closed_at"] = self.clock.tick() if status == CaseStatus.CLOSED else None
                    values["updated_at"] = self.clock.now
                    self.audit(candidate, "case.change_status", Case, case_id, CASE_STATUS_FIELDS)
                    break
        batch.add(Case, values)
        batch.cases.append((case_id, self.organisation_id, household_id, values["status"]))
        return case_id, values["reference"]

    def household_key(self, household_id: str) -> tuple[int, bytes]:
        """The household's data key, made when the first thing sealed with it is written."""
        key = self.batch.household_keys.get(household_id)
        if key is None:
            key = self.batch.household_keys[household_id] = self.new_key(Owner.of("household", household_id))
        return key
