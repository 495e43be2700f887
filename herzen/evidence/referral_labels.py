"""The referral list's column headers in the reader's language (the domain's are English), and what its
decision columns accept, as the import page lists them."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from herzen.domain.referrals import COLUMNS, NEGATIVE_EXAMPLES, POSITIVE_EXAMPLES
from herzen.domain.workflow import SHIPPED
from herzen.pathways.labels import MOVE_LABELS, label

COLUMN_HEADERS: dict[str, Promise] = {
    "application_id": _("Application ID"),
    "case_reference": _("Case reference"),
    "pathway": _("Pathway code"),
    "pathway_name": _("Pathway"),
    "destination": _("Destination code"),
    "destination_name": _("Destination country"),
    "referrer": _("Referring organisation"),
    "principal": _("Principal applicant"),
    "principal_latin": _("Latin spelling"),
    "latin_source": _("Latin spelling from"),
    "document_type": _("Travel document"),
    "document_number": _("Document number"),
    "date_of_birth": _("Date of birth"),
    "household_size": _("Household size"),
    "status": _("Status code"),
    "status_name": _("Status"),
    "decision": _("Decision"),
    "decided_on": _("Decided on"),
    "deciding_body": _("Deciding body"),
    "reasons_given": _("Reasons given (yes/no)"),
    "reasons": _("Reasons"),
    "valid_until": _("Valid until"),
    "appointment_on": _("Appointment on"),
}


def column_headers() -> dict[str, str]:
    """Each column's header in the active language."""
    return {column.key: str(COLUMN_HEADERS.get(column.key, column.header)) for column in COLUMNS}


def decision_labels() -> list[str]:
    """The names of every decision an authority can record, in the active language, each once."""
    seen: dict[str, None] = {}
    for pathway in SHIPPED:
        for transition in pathway.transitions:
            if transition.decision:
                seen.setdefault(label(MOVE_LABELS, transition.name), None)
    return list(seen)


def accepted_values() -> dict[str, object]:
    return {
        "decisions": decision_labels(),
        "positive_words": POSITIVE_EXAMPLES,
        "negative_words": NEGATIVE_EXAMPLES,
    }
