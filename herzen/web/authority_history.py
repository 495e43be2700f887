"""What the authorities did on a case's applications, as lines of the case's history.

The case page's history is the NGO's own audit trail; a decision recorded by an authority is audited in the
authority's trail, which the NGO does not read. Its application history (ApplicationStateChange, which the NGO
reads for its own applications) is where the caseworker learns of it, so those moves become history lines.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from herzen.evidence.reader_dates import long_date
from herzen.pathways.labels import MOVE_LABELS, PATHWAY_NAMES, STATE_LABELS, label
from herzen.pathways.models import ApplicationStateChange
from herzen.web.history import HistoryRow


@dataclass(frozen=True)
class AuthorityRow:
    """A history line (the attributes of HistoryRow) for an authority's move, with its details."""

    occurred_at: datetime
    who: str
    action: str
    details: list[str]
    is_decision: bool
    fields: list[str] = field(default_factory=list)  # an authority's move names no fields of the NGO's file


def authority_rows(changes: list[ApplicationStateChange]) -> list[AuthorityRow]:
    rows = []
    for change in changes:
        decision = getattr(change, "decision", None)
        words = {
            "pathway": label(PATHWAY_NAMES, change.application.pathway),
            "move": label(MOVE_LABELS, change.transition),
            "state": label(STATE_LABELS, change.to_state),
        }
        if decision is not None:
            action = _("Decision on the application “%(pathway)s”: %(move)s (now “%(state)s”)") % words
            details = [
                _("decided on %(day)s by %(body)s")
                % {"day": long_date(decision.decided_on), "body": decision.deciding_body},
                _("reasons given") if decision.reasons_given else _("no reasons given"),
            ]
        else:
            action = (
                _("The authority moved the application “%(pathway)s”: %(move)s (now “%(state)s”)") % words
            )
            details = []
        organisation = change.organisation.name if change.organisation else _("system")
        who = f"{change.actor_user}, {organisation}" if change.actor_user else organisation
        rows.append(
            AuthorityRow(
                occurred_at=change.occurred_at,
                who=who,
                action=action,
                details=details,
                is_decision=decision is not None,
            )
        )
    return rows


def merged(history: list[HistoryRow], authorities: list[AuthorityRow]) -> list[HistoryRow | AuthorityRow]:
    """Newest first, as the audit trail is."""
    rows: list[HistoryRow | AuthorityRow] = [*history, *authorities]
    return sorted(rows, key=lambda row: row.occurred_at, reverse=True)
