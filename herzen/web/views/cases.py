"""The case list, the new-case page, and the case page with its household, notes, status and assignment forms."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.accounts.models import User
from herzen.audit.selectors import audit_history
from herzen.cases import services
from herzen.cases.models import Case
from herzen.cases.permissions import (
    can_add_note,
    can_assign_case,
    can_assign_new_case,
    can_change_case_status,
    can_flag_possible_duplicates,
    can_open_case,
    can_refresh_case_priority,
)
from herzen.cases.selectors import (
    case_country_choices,
    case_get,
    case_list,
    case_notes,
    case_possible_duplicates,
)
from herzen.core.actor import Actor, Role
from herzen.core.exceptions import Conflict, Invalid
from herzen.domain.crypto import DecryptionFailed
from herzen.organisations.selectors import organisation_staff_list
from herzen.pathways.selectors import case_authority_moves
from herzen.people import services as people_services
from herzen.people.choices import HouseholdRole
from herzen.people.models import HouseholdMember, IdentityDocument
from herzen.people.permissions import can_edit_household
from herzen.people.selectors import document_list, household_members, stays_with_deadlines_of
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.authority_history import authority_rows, merged
from herzen.web.deadlines import URGENT_DAYS, StayRow, days_left_text, stay_rows
from herzen.web.evidence_panel import evidence_panel
from herzen.web.forms import (
    DEADLINE_PRESETS,
    DUE_THIS_WEEK_DAYS,
    STAY_EXPIRES_SOON_DAYS,
    AssignForm,
    CaseFilterForm,
    NoteForm,
    StatusForm,
)
from herzen.web.history import history_rows
from herzen.web.intake_forms import CaseOpenForm, HouseholdMemberForm
from herzen.web.priority import priority_view
from herzen.web.views.applications import case_applications_context

CASES_PER_PAGE = 25
# The list counts its matches only this far (or to the page asked for): "more than 1000 cases" is as useful
# to a caseworker as the exact number, and counting hundreds of thousands of rows on every page is not.
CASE_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most `cap` rows, or as many as reach the requested page, plus one to know whether more
    follow: the COUNT stops early however many cases an organisation holds. `is_capped` says the count is a
    lower bound; the pages up to the requested one and the next one are always reachable."""

    def __init__(self, object_list: QuerySet[Case], per_page: int, *, cap: int, page: object) -> None:
        super().__init__(object_list, per_page)
        try:
            number = max(1, int(str(page)))
        except ValueError:
            number = 1
        self.counted_up_to = max(cap, number * per_page)

    @cached_property
    def count(self) -> int:
        return int(self.object_list[: self.counted_up_to + 1].count())

    @property
    def is_capped(self) -> bool:
        return self.count > self.counted_up_to


def assignable_staff(actor: Actor) -> QuerySet[User]:
    """Caseworkers and supervisors of the actor's organisation: the people who can hold a case."""
    return organisation_staff_list(actor=actor, roles=(Role.CASEWORKER, Role.SUPERVISOR))


@dataclass(frozen=True)
class CaseRow:
    case: Case
    principal: HouseholdMember | None
    household_size: int
    deadline: date | None
    days_left: int | None
    days_left_text: str
    urgent: bool
    # The principal's name, read here so that one record failing its integrity check marks its own row
    # instead of stopping the whole queue (the failure is logged with its cell; the name is never shown).
    principal_name: str = ""
    integrity_failed: bool = False


def case_row(case: Case, today: date) -> CaseRow:
    members = case.household.ordered_members  # type: ignore[attr-defined]  # prefetched by case_list
    principal = next((m for m in members if m.role == HouseholdRole.PRINCIPAL), None)
    deadline = case.household.earliest_stay_deadline
    days_left = (deadline - today).days if deadline else None
    try:
        principal_name, integrity_failed = (principal.person.full_name if principal else ""), False
    except DecryptionFailed:
        principal_name, integrity_failed = "", True
    return CaseRow(
        case=case,
        principal=principal,
        household_size=len(members),
        deadline=deadline,
        days_left=days_left,
        days_left_text=days_left_text(days_left) if days_left is not None else "",
        urgent=days_left is not None and days_left <= URGENT_DAYS,
        principal_name=principal_name,
        integrity_failed=integrity_failed,
    )


@require_GET
@organisation_page
def case_list_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = CaseFilterForm(
        request.GET, country_codes=case_country_choices(actor=actor), staff=assignable_staff(actor)
    )
    cases = case_list(actor=actor, filters=form.filters())
    page_asked = request.GET.get("page")
    paginator = CappedPaginator(cases, CASES_PER_PAGE, cap=CASE_COUNT_CAP, page=page_asked)
    page = paginator.get_page(page_asked)
    today = timezone.localdate()
    # htmx asks for the results region only; a history restore needs the whole page.
    partial = request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
    rows = [case_row(case, today) for case in page.object_list]
    principals = [row.principal.person for row in rows if row.principal is not None]
    record_shown(request, [*page.object_list, *principals], "case", "identity", "stays")
    context = {
        "partial": partial,
        "form": form,
        "page": page,
        "rows": rows,
        "deadline_presets": DEADLINE_PRESETS,
        "urgent_days": URGENT_DAYS,
        "due_this_week_days": DUE_THIS_WEEK_DAYS,
        "stay_expires_soon_days": STAY_EXPIRES_SOON_DAYS,
        "can_open_case": can_open_case(actor),
    }
    response = render(request, "web/cases/_results.html" if partial else "web/cases/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@dataclass(frozen=True)
class MemberRow:
    member: HouseholdMember
    documents: list[IdentityDocument]
    stays: list[StayRow]


def render_case(request: HttpRequest, case: Case, *, bound: dict[str, object] | None = None) -> HttpResponse:
    """The case page; `bound` holds a submitted form that failed, shown with its errors and values."""
    actor = request.actor  # type: ignore[attr-defined]
    bound = bound or {}
    today = timezone.localdate()
    members = list(household_members(actor=actor, household=case.household))  # principal first, then by role
    documents: dict[object, list[IdentityDocument]] = {}
    for document in document_list(actor=actor, household=case.household):
        documents.setdefault(document.person_id, []).append(document)
    stays = stays_with_deadlines_of(actor=actor, persons=[member.person for member in members])
    forms: dict[str, object] = {}
    if can_edit_household(actor, case.household):
        forms["member"] = bound["member"] if "member" in bound else HouseholdMemberForm(prefix="member")
    if can_add_note(actor, case):
        forms["note"] = bound["note"] if "note" in bound else NoteForm(prefix="note")
    if can_change_case_status(actor, case):
        forms["status"] = (
            bound["status"]
            if "status" in bound
            else StatusForm(prefix="status", initial={"status": case.status})
        )
    if can_assign_case(actor, case):
        forms["assign"] = (
            bound["assign"]
            if "assign" in bound
            else AssignForm(
                prefix="assign",
                staff=assignable_staff(actor),
                initial={"assigned_caseworker": case.assigned_caseworker_id or ""},
            )
        )
    duplicates = case_possible_duplicates(actor=actor, case=case)
    if duplicates:  # the names of the records they may duplicate are shown too
        record_shown(request, [d.existing for d in duplicates], "identity")
    record_shown(
        request,
        [case, *(member.person for member in members)],
        "case",
        "household",
        "notes",
        "identity",
        "documents",
        "stays",
        "evidence",
        "application",
    )
    context = {
        "case": case,
        "members": [
            MemberRow(
                member=member,
                documents=documents.get(member.person_id, []),
                stays=stay_rows(stays[member.person_id], today),
            )
            for member in members
        ],
        "priority": priority_view(case, {str(m.person_id): m.person.full_name for m in members}, today),
        "can_refresh_priority": can_refresh_case_priority(actor, case),
        # Members of the household are people of the same organisation: the same role edits both.
        "can_edit": can_edit_household(actor, case.household),
        "notes": case_notes(actor=actor, case=case),
        # Records flagged at submission as possibly the same people: for a caseworker to compare.
        "possible_duplicates": duplicates,
        "can_dismiss_duplicates": can_flag_possible_duplicates(actor, case),
        "evidence": evidence_panel(actor, case, bound),
        # The NGO's own trail, and what the authorities did on the case's applications (their trail is theirs).
        "history": merged(
            history_rows(list(audit_history(actor=actor, target=case))),
            authority_rows(list(case_authority_moves(actor=actor, case_id=case.pk))),
        ),
        "forms": forms,
        "error_form": next(iter(bound.values()), None),
        **case_applications_context(actor, case),
    }
    return render(request, "web/cases/detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_page
def case_new_view(request: HttpRequest) -> HttpResponse:
    """One page that records someone new and opens their case; see `case_open_for_new_household`."""
    actor = request.actor  # type: ignore[attr-defined]
    require(can_open_case(actor))
    staff = assignable_staff(actor) if can_assign_new_case(actor) else None
    form = CaseOpenForm(request.POST if request.method == "POST" else None, staff=staff)
    if form.is_bound and form.is_valid():
        try:
            case = services.case_open_for_new_household(actor=actor, **form.service_arguments())
        except (Invalid, Conflict) as error:
            add_service_errors(form, error, field_map=CaseOpenForm.SERVICE_FIELDS)
        else:
            messages.success(request, _("Case %(reference)s was opened.") % {"reference": case.reference})
            return redirect("web:case-detail", case.pk)
    return render(request, "web/cases/new.html", {"form": form, "holds_own_cases": staff is None})


@require_GET
@organisation_page
def case_detail_view(request: HttpRequest, case_id: object) -> HttpResponse:
    return render_case(request, case_get(actor=request.actor, case_id=case_id))  # type: ignore[attr-defined]


def _case_url(case: Case, anchor: str) -> str:
    return f"{reverse('web:case-detail', args=[case.pk])}#{anchor}"


@require_POST
@organisation_page
def case_note_add_view(request: HttpRequest, case_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_add_note(actor, case))
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        try:
            services.case_note_add(actor=actor, case_id=case.pk, body=form.cleaned_data["body"])
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was added."))
            return redirect(_case_url(case, "notes"))
    return render_case(request, case, bound={"note": form})


@require_POST
@organisation_page
def case_status_view(request: HttpRequest, case_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_change_case_status(actor, case))
    form = StatusForm(request.POST, prefix="status")
    if form.is_valid():
        try:
            case = services.case_change_status(
                actor=actor, case_id=case.pk, status=form.cleaned_data["status"]
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The status is now “%(status)s”.") % {"status": case.get_status_display()}
            )
            return redirect(_case_url(case, "case-actions"))
    return render_case(request, case, bound={"status": form})


@require_POST
@organisation_page
def case_assign_view(request: HttpRequest, case_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_assign_case(actor, case))
    form = AssignForm(request.POST, prefix="assign", staff=assignable_staff(actor))
    if form.is_valid():
        try:
            case = services.case_assign(
                actor=actor, case_id=case.pk, caseworker_id=form.cleaned_data["assigned_caseworker"] or None
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            if case.assigned_caseworker:
                text = _("The case is now assigned to %(name)s.") % {"name": case.assigned_caseworker}
            else:
                text = _("The case is now unassigned.")
            messages.success(request, text)
            return redirect(_case_url(case, "case-actions"))
    return render_case(request, case, bound={"assign": form})


@require_POST
@organisation_page
def case_member_add_view(request: HttpRequest, case_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_edit_household(actor, case.household))
    form = HouseholdMemberForm(request.POST, prefix="member")
    if form.is_valid():
        try:
            member = people_services.household_member_create(
                actor=actor,
                household_id=case.household_id,
                role=form.cleaned_data["role"],
                **form.person_fields(),
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s was added to the household.") % {"name": member.person.full_name}
            )
            return redirect(_case_url(case, "household"))
    return render_case(request, case, bound={"member": form})


@require_POST
@organisation_page
def case_priority_refresh_view(request: HttpRequest, case_id: object) -> HttpResponse:
    """Recalculate as of today: the score moves with time alone (a stay clock, a summons deemed served)."""
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_refresh_case_priority(actor, case))
    services.case_priority_refresh(actor=actor, case_id=case.pk)
    messages.success(request, _("The priority was recalculated."))
    return redirect(_case_url(case, "priority"))


@require_POST
@organisation_page
def possible_duplicate_dismiss_view(
    request: HttpRequest, case_id: object, duplicate_id: object
) -> HttpResponse:
    """The caseworker compared the two records: different people. The flag stays on record, dismissed."""
    actor = request.actor  # type: ignore[attr-defined]
    case = case_get(actor=actor, case_id=case_id)
    require(can_flag_possible_duplicates(actor, case))
    try:
        services.possible_duplicate_dismiss(actor=actor, duplicate_id=duplicate_id)
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The possible duplicate was dismissed."))
    return redirect(_case_url(case, "possible-duplicates"))
