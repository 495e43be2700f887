"""Reads for retention: what the retention decision needs (ids and dates), and everything held about a person."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from herzen.audit.models import AccessEvent, AuditEvent
from herzen.cases.models import Case
from herzen.cases.selectors import case_notes_of
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.domain.retention import HouseholdRecord
from herzen.encryption.keys import Owner, is_erased
from herzen.encryption.models import DataKey
from herzen.evidence.models import EvidenceItem
from herzen.pathways.models import (
    Application,
    ApplicationDeadline,
    ApplicationDecision,
    ApplicationStateChange,
)
from herzen.people.models import Household, HouseholdMember, Person
from herzen.people.selectors import person_declarations, person_detail, risk_factor_list, stay_list
from herzen.retention.permissions import can_export_person

# Derived or internal columns that say nothing a person could ask for: blind indexes (keyed hashes of what the
# export already holds in clear), the encrypted copy of the name's lookup keys, the evidence file's random name.
NOT_EXPORTED = frozenset({"value_index", "number_index", "search_keys", "stored_name"})


def retention_household_records(*, actor: Actor) -> list[HouseholdRecord]:
    """Every household of the actor's organisation with its cases' closing days and whether it is erased."""
    households = list(Household.objects.for_actor(actor).values_list("pk", "created_at"))
    closings: dict[str, list[Any]] = {}
    for household_id, closed_at in Case.objects.for_actor(actor).values_list("household_id", "closed_at"):
        closings.setdefault(str(household_id), []).append(
            timezone.localdate(closed_at) if closed_at is not None else None
        )
    ids = [str(pk) for pk, _created in households]
    erased = set(
        DataKey.objects.filter(
            owner_type="household", owner_id__in=ids, wrapped__isnull=True, shredded_at__isnull=False
        ).values_list("owner_id", flat=True)
    )
    return [
        HouseholdRecord(
            household_id=str(pk),
            recorded_on=timezone.localdate(created_at),
            case_closings=tuple(closings.get(str(pk), ())),
            already_erased=str(pk) in erased,
        )
        for pk, created_at in households
    ]


def _fields(record: models.Model) -> dict[str, Any]:
    """Every stored column of a record, decrypted (encrypted fields read as plaintext), ids for relations."""
    values = {
        field.attname: getattr(record, field.attname)
        for field in record._meta.concrete_fields
        if field.attname not in NOT_EXPORTED
    }
    # Through JSON once, so dates, UUIDs, countries and "[erased]" markers become plain JSON values.
    return json.loads(json.dumps(values, cls=_Encoder))


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def _by(key: str, records: Any) -> dict[Any, list[Any]]:
    grouped: dict[Any, list[Any]] = {}
    for record in records:
        grouped.setdefault(getattr(record, key), []).append(record)
    return grouped


def _case_parts(actor: Actor, person: Person, cases: list[Case], shown: list[Any]) -> list[dict[str, Any]]:
    """The cases' notes, evidence and applications (with history, decisions, deadlines). One query per
    kind of record for all the cases together, never one per case or application: a household can have
    many of both."""
    applications = list(Application.objects.for_actor(actor).filter(case__in=cases).order_by("created_at"))
    applications_of = _by("case_id", applications)
    evidence_of = _by(
        "case_id",
        EvidenceItem.objects.for_actor(actor)
        .filter(case__in=cases)
        .select_related("case")
        .filter(models.Q(person=person) | models.Q(person__isnull=True))
        .order_by("created_at"),
    )
    notes_of = _by("case_id", case_notes_of(actor=actor, cases=cases))
    history_of = _by(
        "application_id",
        ApplicationStateChange.objects.for_actor(actor)
        .filter(application__in=applications)
        .select_related("application__case")  # names the key of the sealed facts without a query per row
        .order_by("occurred_at", "created_at"),
    )
    decisions_of = _by(
        "application_id",
        ApplicationDecision.objects.for_actor(actor)
        .filter(application__in=applications)
        .select_related("application__case"),
    )
    deadlines_of = _by(
        "application_id",
        ApplicationDeadline.objects.for_actor(actor).filter(application__in=applications).order_by("due_on"),
    )
    parts = []
    for case in cases:
        case_applications = applications_of.get(case.pk, [])
        evidence = evidence_of.get(case.pk, [])
        shown.extend(case_applications)
        shown.extend(evidence)
        parts.append(
            {
                **_fields(case),
                "notes": [_fields(note) for note in notes_of.get(case.pk, [])],
                "evidence": [_fields(item) for item in evidence],
                "applications": [
                    {
                        **_fields(application),
                        "history": [_fields(c) for c in history_of.get(application.pk, [])],
                        "decisions": [_fields(d) for d in decisions_of.get(application.pk, [])],
                        "deadlines": [_fields(d) for d in deadlines_of.get(application.pk, [])],
                    }
                    for application in case_applications
                ],
            }
        )
    return parts


def person_export_document(*, actor: Actor, person_id: object) -> tuple[Person, dict[str, Any], list[Any]]:
    """Everything held about one person in the actor's organisation, decrypted, as a JSON-ready document,
    with the records it carries (for the access log).

    Other household members appear by id and role only, and evidence about another member is left out: an
    export answers one person's request and must not hand out their relatives' data.
    """
    person = person_detail(actor=actor, person_id=person_id)
    if not can_export_person(actor, person):
        raise NotFound()
    shown: list[Any] = [person]
    membership = getattr(person, "household_membership", None)
    household_part = None
    cases: list[Case] = []
    if membership is not None:
        household = membership.household
        shown.append(household)
        members = (
            HouseholdMember.objects.for_actor(actor)
            .filter(household=household)
            .values_list("person_id", "role")
        )
        household_part = {
            **_fields(household),
            "role": membership.role,
            "members": [{"person_id": str(pid), "role": role} for pid, role in members],
        }
        cases = list(Case.objects.for_actor(actor).filter(household=household).order_by("opened_at"))
    shown.extend(cases)
    case_parts = _case_parts(actor, person, cases, shown)
    document = {
        "format": "herzen.person-export/1",
        "exported_at": timezone.now().isoformat(),
        "organisation": {
            "id": str(actor.organisation_id),
            "name": actor.organisation.name if actor.organisation else "",
        },
        "erased": is_erased(Owner.of("person", person.pk)),
        "person": _fields(person),
        "name_variants": [_fields(v) for v in person.name_variants.all()],
        "contact_points": [_fields(c) for c in person.contact_points.all()],
        "identity_documents": [_fields(d) for d in person.documents.all()],
        "stays": [_fields(s) for s in stay_list(actor=actor, person=person)],
        "entry_refusals": [_fields(r) for r in person.entry_refusals.all()],
        "risk_factors": [_fields(r) for r in risk_factor_list(actor=actor, person=person)],
        # The programme declarations, standing and withdrawn, with the exact wording the person affirmed.
        "declarations": [_fields(d) for d in person_declarations(actor=actor, person=person)],
        "household": household_part,
        "cases": case_parts,
        # Ids only: the trail of changes to this person's record and of who was shown it. The events
        # themselves hold field names and categories, never values.
        "audit_event_ids": list(
            AuditEvent.objects.about("people.person", person.pk).order_by("id").values_list("id", flat=True)
        ),
        "access_event_ids": list(
            AccessEvent.objects.filter(target_type="people.person", target_id=str(person.pk))
            .order_by("id")
            .values_list("id", flat=True)
        ),
    }
    return person, document, shown
