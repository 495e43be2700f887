"""Writes to cases. Every function audits inside its own transaction."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.accounts.models import User
from herzen.cases.duplicates import DuplicateReason, PossibleDuplicate
from herzen.cases.models import Case, CaseNote, CaseStatus
from herzen.cases.permissions import (
    can_add_note,
    can_assign_case,
    can_assign_new_case,
    can_be_assigned,
    can_change_case_status,
    can_flag_possible_duplicates,
    can_open_case,
    can_refresh_case_priority,
)
from herzen.cases.priority import PRIORITY_FIELDS, apply_priority, case_priority
from herzen.core.actor import Actor, Role
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.references import new_reference
from herzen.notifications.models import NoticeKind
from herzen.notifications.staff import case_recipients, notify
from herzen.organisations.models import Membership
from herzen.people.models import Household
from herzen.people.selectors import household_members, person_get, person_strong_duplicates
from herzen.people.services import contact_point_add, household_create, person_create, stay_record

REFERENCE_ATTEMPTS = 5
# The fields each service names in its audit event (herzen.audit.actions), also used by the bulk loader.
CASE_OPEN_FIELDS = ("household", "status", "assigned_caseworker", "reference", *PRIORITY_FIELDS)
CASE_NOTE_FIELDS = ("body",)
CASE_STATUS_FIELDS = ("status", "closed_at")


def _caseworker(actor: Actor, user_id: object | None) -> User | None:
    """A user who may hold a case of the actor's organisation, or an error on the field."""
    if user_id in (None, ""):
        return None
    roles = frozenset(
        Role(r)
        for r in Membership.objects.for_actor(actor)
        .filter(user_id=user_id, user__is_active=True)
        .values_list("role", flat=True)
    )
    if not can_be_assigned(roles):
        raise Invalid(
            _("This person cannot hold cases here."),
            fields={"assigned_caseworker": [_("Choose a caseworker or supervisor of your organisation.")]},
        )
    return User.objects.get(pk=user_id)


@transaction.atomic
def case_open(
    *,
    actor: Actor,
    household_id: object,
    assigned_caseworker_id: object | None = None,
    opened_at: datetime | None = None,
) -> Case:
    """Open a file for a household; `opened_at` keeps the date of a file brought over from paper."""
    now = timezone.now()
    if opened_at is not None and opened_at > now:
        raise Invalid(
            _("A case cannot be opened in the future."), fields={"opened_at": [_("Not in the future.")]}
        )
    if not can_open_case(actor):
        raise PermissionDenied(_("Your role cannot open cases."))
    household = get_scoped(Household, actor, household_id, for_update=True)
    case = _open(actor, household, assigned_caseworker_id, opened_at or now)
    audit.record(actor=actor, action="case.open", target=case, changed_fields=CASE_OPEN_FIELDS)
    _notify_assigned(actor, case)
    return case


def _open(
    actor: Actor, household: Household, assigned_caseworker_id: object | None, opened_at: datetime
) -> Case:
    """Insert the household's case (the caller audits it)."""
    if Case.objects.for_actor(actor).filter(household=household).exclude(status=CaseStatus.CLOSED).exists():
        raise Conflict(_("This household already has an active case here."))
    case = Case(
        organisation=actor.organisation,
        household=household,
        status=CaseStatus.OPEN,
        opened_at=opened_at,
        assigned_caseworker=_caseworker(actor, assigned_caseworker_id),
    )
    for _attempt in range(REFERENCE_ATTEMPTS):
        case.reference = new_reference()
        if not Case.objects.filter(reference=case.reference).exists():
            break
    apply_priority(case, case_priority(actor, case, timezone.localdate()), timezone.now())
    validate(case, exclude=["organisation"])
    try:
        with transaction.atomic():  # a savepoint: a caller may go on after the Conflict
            case.save()
    except IntegrityError as error:  # two requests raced for the same household
        raise Conflict(_("This household already has an active case here.")) from error
    return case


def _notify_assigned(actor: Actor, case: Case) -> None:
    """Tell the caseworker a case was given to them (not when they took it themselves)."""
    if case.assigned_caseworker_id is not None and case.assigned_caseworker_id != actor.user.pk:
        notify(
            recipient_id=case.assigned_caseworker_id,
            organisation_id=case.organisation_id,
            kind=NoticeKind.CASE_ASSIGNED,
            params={"reference": case.reference},
            link=reverse("web:case-detail", args=[case.pk]),
        )


@contextmanager
def _errors_of(part: str) -> Iterator[None]:
    """Name the fields of a step's Invalid or Conflict after its part ("stay.entry_date"), so a form that
    gathers several records can put each message beside the right field."""
    try:
        yield
    except (Invalid, Conflict) as error:
        fields = {f"{part}.{name}": messages for name, messages in error.fields.items()}
        raise type(error)(error.message, fields=fields) from error


def _holder_of_new_case(actor: Actor, requested_id: object | None) -> object | None:
    """A supervisor chooses who holds the case (or nobody yet); a caseworker holds the case they open."""
    if can_assign_new_case(actor):
        return requested_id or None
    if requested_id not in (None, "") and str(requested_id) != str(actor.user.pk):
        raise PermissionDenied(_("Only a supervisor can assign cases."))
    return actor.user.pk


@transaction.atomic
def case_open_for_new_household(
    *,
    actor: Actor,
    principal: Mapping[str, Any],
    contact: Mapping[str, Any] | None = None,
    stay: Mapping[str, Any] | None = None,
    assigned_caseworker_id: object | None = None,
) -> Case:
    """Open a case for someone Herzen does not know yet: their person record, preferred contact point and
    current stay, a household with them as principal, and its case.

    `principal` holds the arguments of `person_create`, `contact` those of `contact_point_add` (preferred
    unless it says otherwise) and `stay` those of `stay_record`. Each step is the ordinary service and writes
    its own audit event; if any step fails, nothing is kept. Field errors are named after their part:
    "principal.surname", "contact.value", "stay.entry_date"; the case's own keep their names.
    """
    if not can_open_case(actor):
        raise PermissionDenied(_("Your role cannot open cases."))
    holder_id = _holder_of_new_case(actor, assigned_caseworker_id)
    with _errors_of("principal"):
        person = person_create(actor=actor, **principal)
    if contact:
        with _errors_of("contact"):
            contact_point_add(actor=actor, person_id=person.pk, **{"is_preferred": True, **contact})
    if stay:
        with _errors_of("stay"):
            stay_record(actor=actor, person_id=person.pk, **stay)
    household = household_create(actor=actor, principal_id=person.pk)
    case = _open(actor, household, holder_id, timezone.now())
    audit.record(actor=actor, action="case.open", target=case, changed_fields=CASE_OPEN_FIELDS)
    _notify_assigned(actor, case)
    return case


@transaction.atomic
def case_assign(*, actor: Actor, case_id: object, caseworker_id: object | None) -> Case:
    case = get_scoped(Case, actor, case_id, for_update=True)
    if not can_assign_case(actor, case):
        raise PermissionDenied(_("Only a supervisor can assign cases."))
    caseworker = _caseworker(actor, caseworker_id)
    if case.assigned_caseworker_id == (caseworker.pk if caseworker else None):
        return case
    case.assigned_caseworker = caseworker
    case.save(update_fields=["assigned_caseworker", "updated_at"])
    audit.record(actor=actor, action="case.assign", target=case, changed_fields=["assigned_caseworker"])
    _notify_assigned(actor, case)
    return case


@transaction.atomic
def case_change_status(*, actor: Actor, case_id: object, status: str) -> Case:
    case = get_scoped(Case, actor, case_id, for_update=True)
    if not can_change_case_status(actor, case):
        raise PermissionDenied(_("Only the assigned caseworker or a supervisor can change the status."))
    if status not in CaseStatus.values:
        statuses = ", ".join(CaseStatus.values)
        raise Invalid(
            _("Unknown status."),
            fields={"status": [_("Choose one of: %(statuses)s.") % {"statuses": statuses}]},
        )
    if status == case.status:
        return case
    if (
        case.status == CaseStatus.CLOSED
        and Case.objects.for_actor(actor)
        .filter(household_id=case.household_id)
        .exclude(status=CaseStatus.CLOSED)
        .exists()
    ):
        raise Conflict(_("The household has another active case; continue that one instead."))
    case.status = status
    case.closed_at = timezone.now() if status == CaseStatus.CLOSED else None
    case.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record(actor=actor, action="case.change_status", target=case, changed_fields=CASE_STATUS_FIELDS)
    return case


@transaction.atomic
def case_note_add(*, actor: Actor, case_id: object, body: str) -> CaseNote:
    case = get_scoped(Case, actor, case_id, for_update=True)
    if not can_add_note(actor, case):
        raise PermissionDenied(_("Your role cannot add notes."))
    note = CaseNote(case=case, author=actor.user, body=body.strip())
    validate(note)
    note.save()
    audit.record(
        actor=actor, action="case.note_add", target=note, parent=case, changed_fields=CASE_NOTE_FIELDS
    )
    return note


def _refresh_priority(actor: Actor, case: Case, today: date) -> list[str]:
    """Recompute and store the case's priority; the fields that changed (the caller audits them)."""
    if not can_refresh_case_priority(actor, case):
        raise PermissionDenied(_("Your role cannot recalculate the priority of this case."))
    changed = apply_priority(case, case_priority(actor, case, today), timezone.now())
    if changed:
        case.save(update_fields=[*changed, "updated_at"])
    return changed


@transaction.atomic
def case_priority_refresh(*, actor: Actor, case_id: object, today: date | None = None) -> Case:
    """Recompute the case's priority from its household's current risk factors and stays (as of `today`).

    Called from the case page (and, for every active case of a household, after every change to its risk
    factors and stays: `household_case_priorities_refresh`); the score also moves with time alone (a stay clock
    running out, a summons deemed served), so a page can ask again. Writes and audits only when something
    changed."""
    case = get_scoped(Case.objects.select_related("household"), actor, case_id, for_update=True)
    changed = _refresh_priority(actor, case, today or timezone.localdate())
    if changed:
        audit.record(actor=actor, action="case.priority_refresh", target=case, changed_fields=changed)
    return case


@transaction.atomic
def household_case_priorities_refresh(*, actor: Actor, household_id: object) -> list[Case]:
    """Refresh the priority of the household's active cases; the people services call this (through
    herzen.people.household_changes) whenever a member's risk factors or stays change."""
    today = timezone.localdate()
    cases = _active_cases_locked(actor, household_id=household_id)
    for case in cases:
        changed = _refresh_priority(actor, case, today)
        if changed:
            audit.record(actor=actor, action="case.priority_refresh", target=case, changed_fields=changed)
    return cases


@transaction.atomic
def organisation_case_priorities_refresh(*, actor: Actor, today: date | None = None) -> int:
    """Bring every active case of the actor's organisation up to `today` (a daily job: clocks run out and
    summonses become served without anyone touching the record). Returns how many priorities changed."""
    day = today or timezone.localdate()
    refreshed = 0
    for case in _active_cases_locked(actor):
        changed = _refresh_priority(actor, case, day)
        if changed:
            refreshed += 1
            audit.record(actor=actor, action="case.priority_refresh", target=case, changed_fields=changed)
    return refreshed


def _active_cases_locked(actor: Actor, **filters: object) -> list[Case]:
    """The actor's organisation's active cases (with their households) matching `filters`, locked."""
    return list(
        Case.objects.for_actor(actor)
        .filter(**filters)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("household")
        .select_for_update()
        .order_by("pk")
    )


@transaction.atomic
def case_flag_possible_duplicates(*, actor: Actor, case_id: object) -> list[PossibleDuplicate]:
    """Flag the people of the case's household who may already be on file: same name keys and the same date
    of birth or document number (`person_strong_duplicates`). Run when an application arrives; a caseworker
    compares the records. Nothing is merged, and a pair already flagged is not flagged again."""
    case = get_scoped(Case, actor, case_id, for_update=True)
    if not can_flag_possible_duplicates(actor, case):
        raise PermissionDenied(_("Your role cannot change this case."))
    members = list(household_members(actor=actor, household=case.household))
    household_ids = [m.person_id for m in members]
    known = set(case.possible_duplicates.values_list("person_id", "existing_id"))
    flagged = []
    for member in members:
        person = person_get(actor=actor, person_id=member.person_id)
        for match in person_strong_duplicates(actor=actor, person=person, excluding=household_ids):
            if (person.pk, match.existing.pk) in known:
                continue
            if match.same_date_of_birth and match.same_document_number:
                reason = DuplicateReason.BOTH
            elif match.same_date_of_birth:
                reason = DuplicateReason.DATE_OF_BIRTH
            else:
                reason = DuplicateReason.DOCUMENT_NUMBER
            flagged.append(
                PossibleDuplicate(case=case, person=person, existing=match.existing, reason=reason)
            )
    if not flagged:
        return []
    PossibleDuplicate.objects.bulk_create(flagged)
    audit.record(
        actor=actor, action="case.flag_duplicates", target=case, changed_fields=["possible_duplicates"]
    )
    recipients = case_recipients(
        organisation_id=case.organisation_id, assigned_caseworker_id=case.assigned_caseworker_id
    )
    for recipient in recipients:
        notify(
            recipient_id=recipient,
            organisation_id=case.organisation_id,
            kind=NoticeKind.POSSIBLE_DUPLICATE,
            params={"reference": case.reference},
            link=reverse("web:case-detail", args=[case.pk]),
            dedupe_key=f"duplicates:{case.pk}:{len(known) + len(flagged)}",
        )
    return flagged


@transaction.atomic
def possible_duplicate_dismiss(*, actor: Actor, duplicate_id: object) -> PossibleDuplicate:
    """A caseworker compared the two records and found two different people: the flag is kept, dismissed."""
    duplicate = get_scoped(
        PossibleDuplicate.objects.select_related("case"), actor, duplicate_id, for_update=True
    )
    if not can_flag_possible_duplicates(actor, duplicate.case):
        raise PermissionDenied(_("Your role cannot change this case."))
    if duplicate.dismissed_at is not None:
        raise Conflict(_("This possible duplicate was already dismissed."))
    duplicate.dismissed_at = timezone.now()
    duplicate.dismissed_by = actor.user
    duplicate.save(update_fields=["dismissed_at", "dismissed_by", "updated_at"])
    audit.record(
        actor=actor,
        action="case.dismiss_duplicate",
        target=duplicate,
        parent=duplicate.case,
        changed_fields=["dismissed_at", "dismissed_by"],
    )
    return duplicate
