"""A record's audit trail as a page shows it: when, who, what was done and which fields changed — never values."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from herzen.audit import actions
from herzen.audit.models import AccessEvent, AuditEvent, DataCategory


@dataclass(frozen=True)
class HistoryRow:
    occurred_at: datetime
    who: str
    action: str
    fields: list[str]


def history_rows(events: "list[AuditEvent]") -> list[HistoryRow]:
    return [
        HistoryRow(
            occurred_at=event.occurred_at,
            who=str(event.actor_user) if event.actor_user else str(_("system")),
            # Labels from the registry of audit actions (herzen.audit.actions): never the action's code.
            action=actions.label(event.action),
            fields=[actions.field_label(event.action, name) for name in event.changed_fields],
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
