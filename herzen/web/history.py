"""A record's audit trail as a page shows it: when, who, what was done and which fields changed — never values."""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from herzen.audit.models import AccessEvent, AuditEvent, DataCategory
from herzen.evidence.audit_labels import ACTION_LABELS as EVIDENCE_ACTION_LABELS

ACTION_LABELS = {
    "case.open": _("Case opened"),
    "case.assign": _("Caseworker assigned"),
    "case.change_status": _("Status changed"),
    "case.note_add": _("Note added"),
    "household.create": _("Household created"),
    "household.member_add": _("Household member added"),
    "household.member_remove": _("Household member removed"),
    "person.create": _("Person record created"),
    "person.update": _("Person record changed"),
    "name_variant.add": _("Name spelling added"),
    "name_variant.remove": _("Name spelling removed"),
    "document.add": _("Identity document added"),
    "document.update": _("Identity document changed"),
    "stay.record": _("Stay recorded"),
    "stay.update": _("Stay changed"),
    "entry_refusal.record": _("Entry refusal recorded"),
    "contact_point.add": _("Contact point added"),
    "contact_point.remove": _("Contact point removed"),
    "application.start": _("Application started"),
    "application.transition": _("Application moved to its next stage"),
    "declaration.record": _("Programme declaration recorded"),
    "declaration.withdraw": _("Programme declaration withdrawn"),
    "case.flag_duplicates": _("Possible duplicate records flagged"),
    "case.dismiss_duplicate": _("Possible duplicate dismissed"),
    "intake_upload.attach": _("File sent with the application added as evidence"),
    **EVIDENCE_ACTION_LABELS,
}

# Names services record that are not model fields, or whose model field has no translated verbose name.
EXTRA_FIELD_LABELS = {
    "members": _("members"),
    "possible_duplicates": _("possible duplicates"),
    "evidence": _("evidence"),
    "household": _("household"),
    "person": _("person"),
    "organisation": _("organisation"),
    "author": _("author"),
    "state_changes": _("progress"),
    "decisions": _("decisions"),
    "deadlines": _("deadlines"),
}


@dataclass(frozen=True)
class HistoryRow:
    occurred_at: datetime
    who: str
    action: str
    fields: list[str]


def _field_label(target_type: str, name: str) -> str:
    fallback = str(EXTRA_FIELD_LABELS.get(name, name.replace("_", " ")))
    try:
        field = apps.get_model(target_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return fallback
    verbose_name = getattr(field, "verbose_name", None)
    # Django makes "household" of a field without verbose_name: not translated, so use ours.
    if not verbose_name or verbose_name == name.replace("_", " "):
        return fallback
    return str(verbose_name)


def history_rows(events: "list[AuditEvent]") -> list[HistoryRow]:
    return [
        HistoryRow(
            occurred_at=event.occurred_at,
            who=str(event.actor_user) if event.actor_user else str(_("system")),
            action=str(ACTION_LABELS.get(event.action, event.action)),
            fields=[_field_label(event.target_type, name) for name in event.changed_fields],
        )
        for event in events
    ]


# Where a record was seen, by URL name; an endpoint not listed here is shown by its URL name.
ACCESS_PLACES = {
    "web:person-detail": _("person page"),
    "web:case-detail": _("case page"),
    "web:case-list": _("case list"),
}


@dataclass(frozen=True)
class AccessRow:
    occurred_at: datetime
    who: str
    where: str
    categories: list[str]


def access_rows(events: "list[AccessEvent]") -> list[AccessRow]:
    """Who has seen a record: when, who, on which page or API endpoint, which kinds of data."""
    rows = []
    for event in events:
        place = ACCESS_PLACES.get(event.via)
        if place is None:
            place = (
                _("API: %(endpoint)s") % {"endpoint": event.via.removeprefix("api:")}
                if event.via.startswith("api:")
                else event.via
            )
        rows.append(
            AccessRow(
                occurred_at=event.occurred_at,
                who=str(event.actor_user) if event.actor_user else str(_("system")),
                where=str(place),
                categories=[
                    str(DataCategory(c).label) if c in DataCategory.values else c for c in event.categories
                ],
            )
        )
    return rows
