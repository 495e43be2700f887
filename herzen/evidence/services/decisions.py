"""An authority's decisions, imported from the referral list it was sent: all of them, or none.

Each row is checked for format (herzen.domain.referrals), then against Herzen: the application must be one
referred to this authority, the decision column must name a decision open in the application's state (its
code, its label in a staff language, or a plain word such as "approved" or "abgelehnt":
herzen.domain.referrals.vocabulary), and the pathway's machine must allow it with these facts (the same
`application_transition` a page uses, which audits each move). Every problem is collected with its line; if
there is any, the whole import is rolled back and the problems are raised together, so a file with one bad
row changes nothing.

A row whose decision this authority already recorded (same application, same decision, same date) is
skipped and counted, so importing the same file twice records nothing new and says so.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import ApplicationError, Invalid, PermissionDenied
from herzen.domain.referrals import (
    COLUMNS,
    NEGATIVE_EXAMPLES,
    POSITIVE_EXAMPLES,
    DecisionRow,
    FormatError,
    Problem,
    RowProblem,
    parse_decisions,
    resolve_decision,
    same_decision,
)
from herzen.domain.workflow import PATHWAYS
from herzen.evidence.permissions import can_import_decisions
from herzen.evidence.referral_files import UnreadableFile, read_table
from herzen.pathways.labels import MOVE_LABELS, STATE_LABELS, label
from herzen.pathways.models import Application, ApplicationDecision
from herzen.pathways.services import application_transition

# Staff pages' languages: a move's label in any of them is accepted in the decision column.
LABEL_LANGUAGES = ("en", "ru", "de")

PROBLEM_MESSAGES = {
    Problem.MISSING_APPLICATION: gettext_lazy("The application ID is missing."),
    Problem.DUPLICATE_APPLICATION: gettext_lazy(
        "This application already has a decision on line %(detail)s."
    ),
    Problem.MISSING_DECISION_FACTS: gettext_lazy("“%(column)s” is needed for a decision."),
    Problem.BAD_DATE: gettext_lazy("“%(detail)s” in “%(column)s” is not a date; write YYYY-MM-DD."),
    Problem.BAD_YES_NO: gettext_lazy("Write yes or no in “%(column)s”, not “%(detail)s”."),
    Problem.UNKNOWN_APPLICATION: gettext_lazy("No application with this ID was referred to your authority."),
    Problem.NOT_REFERRED_HERE: gettext_lazy("This application is now with another authority."),
    Problem.MOVE_REFUSED: "%(detail)s",  # the pathways service's own, already translated message
}
HEADERS = {column.key: column.header for column in COLUMNS}


@dataclass(frozen=True)
class ImportResult:
    applied: int
    already_recorded: int = 0  # rows whose decision was recorded before (the same file imported again)


def move_labels() -> dict[str, list[str]]:
    """Each decision move's labels in the staff languages, as the decision column may give them."""
    labels: dict[str, list[str]] = {}
    for language in LABEL_LANGUAGES:
        if language not in dict(settings.LANGUAGES):
            continue
        with translation.override(language):
            for move, text in MOVE_LABELS.items():
                labels.setdefault(move, []).append(str(text))
    return labels


def problem_message(problem: RowProblem) -> str:
    reason = str(PROBLEM_MESSAGES[problem.problem]) % {
        "column": HEADERS.get(problem.column, problem.column),
        "detail": problem.detail,
    }
    return _("Line %(line)s: %(reason)s") % {"line": problem.line, "reason": reason}


def _refusal_detail(error: ApplicationError) -> str:
    """The service's message with its per-fact messages, named after the list's columns."""
    details = [
        f"{HEADERS.get(name, name)}: {' '.join(messages)}"
        for name, messages in error.fields.items()
        if messages
    ]
    return " ".join([error.message, *details])


@dataclass(frozen=True)
class CheckedRow:
    move: str = ""  # the decision move the row names
    problem: RowProblem | None = None
    already_recorded: bool = False


def check_row(actor: Actor, row: DecisionRow, labels: dict[str, list[str]]) -> CheckedRow:
    """The move this row names, or why it cannot be applied before the pathway's machine is asked, or that it
    was recorded already."""
    application = None
    if _is_uuid(row.application_id):
        application = Application.objects.for_actor(actor).filter(pk=row.application_id).first()
    if application is None:
        return CheckedRow(problem=RowProblem(row.line, Problem.UNKNOWN_APPLICATION, "application_id"))
    recorded = ApplicationDecision.objects.for_actor(actor).filter(
        application=application, deciding_organisation_id=actor.organisation_id, decided_on=row.decided_on
    )
    if any(same_decision(row.decision, d.transition, labels) for d in recorded.only("transition")):
        return CheckedRow(already_recorded=True)
    if application.authority_id != actor.organisation_id:
        return CheckedRow(problem=RowProblem(row.line, Problem.NOT_REFERRED_HERE, "application_id"))
    pathway = PATHWAYS[application.pathway]
    transition = pathway.transition(application.state, row.decision)
    if transition is not None and not transition.decision:
        detail = _("“%(move)s” is not a decision; record it on the application's page.") % {
            "move": row.decision
        }
        return CheckedRow(problem=RowProblem(row.line, Problem.MOVE_REFUSED, "decision", detail))
    decisions = [t.name for t in pathway.transitions if t.source == application.state and t.decision]
    resolution = resolve_decision(row.decision, decisions, labels)
    if resolution.move is None:
        if decisions:
            detail = _(
                "“%(value)s” is not a decision we know. Write one of: %(accepted)s — or a plain word such "
                "as “%(positive)s” or “%(negative)s”."
            ) % {
                "value": row.decision,
                "accepted": ", ".join(f"“{label(MOVE_LABELS, move)}”" for move in decisions),
                "positive": POSITIVE_EXAMPLES[0],
                "negative": NEGATIVE_EXAMPLES[0],
            }
        else:
            detail = _("No decision can be recorded while the application is “%(state)s”.") % {
                "state": label(STATE_LABELS, application.state)
            }
        return CheckedRow(problem=RowProblem(row.line, Problem.MOVE_REFUSED, "decision", detail))
    return CheckedRow(move=resolution.move)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def read_rows(content: bytes) -> tuple[list[DecisionRow], list[RowProblem]]:
    """The file's decision rows and its format problems; Invalid if it is no referral list at all."""
    try:
        return parse_decisions(read_table(content))
    except UnreadableFile as error:
        raise Invalid(
            _("The file could not be read."), fields={"file": [_("Upload the list as CSV or XLSX.")]}
        ) from error
    except FormatError as error:
        message = _("This is not a referral list: columns with these hashtags are missing: %(tags)s.") % {
            "tags": ", ".join(error.missing)
        }
        raise Invalid(message, fields={"file": [message]}) from error


def refused(problems: list[RowProblem]) -> Invalid:
    problems.sort(key=lambda p: p.line)
    return Invalid(
        _("Nothing was imported. Problems in the file: %(count)s. Correct them and upload it again.")
        % {"count": len(problems)},
        fields={"file": [problem_message(p) for p in problems]},
    )


def decisions_check(
    actor: Actor, content: bytes, on_progress: Callable[[int, int], None] | None = None, every: int = 500
) -> None:
    """Check every row of a referral list without writing anything, reporting progress every `every` rows;
    raises what `decisions_import` would raise for the file's problems. The worker runs it first so that its
    progress is visible (progress written inside the import's transaction would not be)."""
    rows, problems = read_rows(content)
    labels = move_labels()
    if on_progress is not None:
        on_progress(0, len(rows))
    for done, row in enumerate(rows, start=1):
        checked = check_row(actor, row, labels)
        if checked.problem is not None:
            problems.append(checked.problem)
        if on_progress is not None and (done % every == 0 or done == len(rows)):
            on_progress(done, len(rows))
    if problems:
        raise refused(problems)


@transaction.atomic
def decisions_import(*, actor: Actor, content: bytes, today: date | None = None) -> ImportResult:
    """Apply every decision of an uploaded referral list (CSV or XLSX), or none: see the module's text.

    Raises Invalid with one message per problem under `file`, each naming its line."""
    if not can_import_decisions(actor):
        raise PermissionDenied(_("Only an authority's staff import decisions."))
    rows, problems = read_rows(content)
    labels = move_labels()
    applied = already_recorded = 0
    for row in rows:
        checked = check_row(actor, row, labels)
        if checked.already_recorded:
            already_recorded += 1
            continue
        if checked.problem is not None:
            problems.append(checked.problem)
            continue
        try:
            # The pathways service checks the move against the machine and audits it.
            application_transition(
                actor=actor,
                application_id=row.application_id,
                move=checked.move,
                facts=row.facts(),
                today=today,
            )
            applied += 1
        except ApplicationError as error:
            problems.append(RowProblem(row.line, Problem.MOVE_REFUSED, "decision", _refusal_detail(error)))
    if problems:
        # Raising leaves this atomic block: every decision applied above is rolled back with it.
        raise refused(problems)
    if not rows:
        raise Invalid(_("The file has no decisions."), fields={"file": [_("Fill in the decision columns.")]})
    # Each decision is audited by the pathways service; this event says who brought the list in.
    if applied:
        audit.record(actor=actor, action="decisions.import", target=actor.organisation)
    return ImportResult(applied=applied, already_recorded=already_recorded)
