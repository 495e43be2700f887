"""Starting an application and moving it through its pathway's machine."""

from collections.abc import Mapping
from datetime import date
from typing import Any, NoReturn

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herzen import audit
from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.workflow import (
    PATHWAYS,
    Allowed,
    Deadline,
    FactProblem,
    FactValue,
    Pathway,
    RefusalReason,
    Refused,
    Transition,
    check_move,
)
from herzen.notifications.applicants import notify_applicant
from herzen.notifications.models import ApplicantEvent, NoticeKind
from herzen.notifications.staff import case_recipients, notify
from herzen.organisations.models import Organisation, OrganisationKind
from herzen.pathways.facts import facts_to_json, parse_facts
from herzen.pathways.labels import MOVE_LABELS, PATHWAY_NAMES, STATE_LABELS, label
from herzen.pathways.models import (
    Application,
    ApplicationDeadline,
    ApplicationDecision,
    ApplicationReferral,
    ApplicationStateChange,
    PolicyRegime,
    PolicyRegimeStatus,
)
from herzen.pathways.permissions import (
    actor_kinds,
    can_make_move,
    can_start_application,
    can_view_application,
)

START = "start"


def open_regime_of(pathway_code: str, today: date) -> PolicyRegime | None:
    """The regime new applications of this pathway go to today, if one is open."""
    return (
        PolicyRegime.objects.filter(
            pathway=pathway_code, status=PolicyRegimeStatus.OPEN, valid_from__lte=today
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .first()
    )


def _state_flags(pathway: Pathway, code: str) -> dict[str, bool]:
    state = pathway.state(code)
    return {
        "is_terminal": state.terminal,
        "is_pending": state.pending,
        "waiting_on_authority": state.waiting_on_authority,
    }


@transaction.atomic
def application_start(
    *,
    actor: Actor,
    case_id: object,
    pathway: str,
    destination_country: str = "",
    today: date | None = None,
) -> Application:
    """Start a case's application to a pathway, under the pathway's currently open policy regime.

    Refused (Conflict) when no regime is open, or the case already has an unfinished application to it.
    `destination_country` is needed only for pathways that exist in many countries (work visa, asylum).
    """
    today = today or timezone.localdate()
    case = get_scoped(Case, actor, case_id, for_update=True)
    if not can_start_application(actor, case.organisation_id):
        raise PermissionDenied(_("Your role cannot start applications."))
    definition = PATHWAYS.get(pathway)
    if definition is None:
        raise Invalid(_("Unknown pathway."), fields={"pathway": [_("Choose one of the pathways.")]})
    country = (definition.destination_country or destination_country or "").strip().upper()
    if not country:
        raise Invalid(
            _("This pathway exists in many countries: say which one."),
            fields={"destination_country": [_("Choose the destination country.")]},
        )
    regime = open_regime_of(pathway, today)
    if regime is None:
        raise Conflict(
            _("No policy regime is open for “%(pathway)s”: applications cannot be started now.")
            % {"pathway": label(PATHWAY_NAMES, pathway)}
        )
    if Application.objects.filter(case=case, pathway=pathway, is_terminal=False).exists():
        raise Conflict(_("This case already has an unfinished application to this pathway."))
    now = timezone.now()
    application = Application(
        organisation_id=case.organisation_id,
        case=case,
        pathway=pathway,
        destination_country=country,
        regime=regime,
        state=definition.initial_state,
        state_entered_at=now,
        started_by=actor.user,
        **_state_flags(definition, definition.initial_state),
    )
    validate(application, exclude=["organisation", "case", "regime", "started_by"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:  # a concurrent start of the same pathway for the same case
        raise Conflict(_("This case already has an unfinished application to this pathway.")) from error
    ApplicationStateChange.objects.create(
        application=application,
        from_state="",
        to_state=application.state,
        transition=START,
        actor_user=actor.user,
        organisation=actor.organisation,
        occurred_at=now,
    )
    audit.record(
        actor=actor,
        action="application.start",
        target=application,
        parent=case,
        changed_fields=["case", "pathway", "destination_country", "regime", "state"],
    )
    return application


FACT_MESSAGES = {
    FactProblem.MISSING: gettext_lazy("This is needed for this step."),
    FactProblem.WRONG_TYPE: gettext_lazy("This value cannot be read; check its format."),
    FactProblem.IN_FUTURE: gettext_lazy("This date cannot be in the future."),
    FactProblem.BEFORE_DECISION: gettext_lazy("This date cannot be before the decision."),
    FactProblem.UNKNOWN: gettext_lazy("This step does not record this."),
    FactProblem.REASONS_MISSING: gettext_lazy("Write the reasons, or record that none were given."),
    FactProblem.REASONS_NOT_GIVEN: gettext_lazy(
        "Reasons are written, but the decision is marked as given without reasons."
    ),
}


def raise_refusal(refusal: Refused, transition: Transition | None) -> NoReturn:
    """The domain's refusal as the application's error: the state and the move are named in every message."""
    words = {"move": label(MOVE_LABELS, refusal.move), "state": label(STATE_LABELS, refusal.state)}
    if refusal.reason is RefusalReason.FACTS_INVALID:
        raise Invalid(
            _("“%(move)s” needs some facts corrected.") % words,
            fields={name: [str(FACT_MESSAGES[problem])] for name, problem in refusal.fact_problems.items()},
        )
    if refusal.reason is RefusalReason.ACTOR_NOT_ALLOWED:
        if transition is not None and transition.decision:
            raise PermissionDenied(
                _("Only the deciding authority records the decision “%(move)s” (from “%(state)s”).") % words
            )
        raise PermissionDenied(_("You may not make the move “%(move)s” from “%(state)s”.") % words)
    raise Conflict(_("The move “%(move)s” is not possible from “%(state)s”.") % words)


def _referral_authority(
    application: Application, transition: Transition, authority_id: object | None
) -> Organisation | None:
    """The authority the move hands the application to: the one named, or the only one that fits (none, when
    no authority of that kind for the destination works in Herzen)."""
    if transition.refers_to is None:
        return None
    candidates = Organisation.objects.filter(
        kind=OrganisationKind.AUTHORITY,
        authority_kind=transition.refers_to,
        country=application.destination_country,
    )
    if authority_id not in (None, ""):
        try:
            chosen = candidates.filter(pk=authority_id).first()
        except (ValueError, TypeError):  # a malformed id
            chosen = None
        if chosen is None:
            raise Invalid(
                _("Choose an authority that handles this step."),
                fields={"authority": [_("Choose an authority that handles this step.")]},
            )
        return chosen
    found = list(candidates[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        # The next authority does not work in Herzen: the move is recorded, and nobody new can read it.
        return None
    message = _("Choose the authority to refer the application to.")
    raise Invalid(message, fields={"authority": [message]})


# The move by which an authority asks for more information or documents: the applicant is told there is news.
DOCUMENTS_REQUESTED_MOVE = "request_information"


def _notify_decision(application: Application, change: ApplicationStateChange) -> None:
    """An authority decided: the NGO's assigned caseworker (else its supervisors) and the applicant are told."""
    case = application.case
    recipients = case_recipients(
        organisation_id=case.organisation_id, assigned_caseworker_id=case.assigned_caseworker_id
    )
    for recipient in recipients:
        notify(
            recipient_id=recipient,
            organisation_id=case.organisation_id,
            kind=NoticeKind.DECISION_RECORDED,
            params={"reference": case.reference},
            link=reverse("web:application-detail", args=[application.pk]),
            dedupe_key=f"decision:{change.pk}",
        )
    notify_applicant(case_id=case.pk, event=ApplicantEvent.DECISION, event_key=str(change.pk))


def _apply_move(
    *,
    actor: Actor,
    application: Application,
    pathway: Pathway,
    allowed: Allowed,
    facts: Mapping[str, FactValue],
    authority: Organisation | None = None,
    regime: PolicyRegime | None = None,
) -> list[str]:
    """Write one allowed move: the history row, its decision, deadlines and referral, and the new state.
    Callers have locked the application row and checked the move with the domain; they write the move's one
    audit event (`audit_move`) with the field names this returns."""
    transition = allowed.transition
    now = timezone.now()
    change = ApplicationStateChange.objects.create(
        application=application,
        from_state=application.state,
        to_state=transition.target,
        transition=transition.name,
        actor_user=actor.user,
        organisation=actor.organisation,
        regime=regime,
        occurred_at=now,
        facts=facts_to_json(facts),
    )
    changed = ["state"]
    # A deadline is open while the application stays in the state that set it; every move leaves that state.
    if ApplicationDeadline.objects.filter(application=application, closed_at__isnull=True).update(
        closed_at=now
    ):
        changed.append("deadlines")
    deadline: Deadline
    for deadline in allowed.deadlines:
        ApplicationDeadline.objects.create(
            application=application, kind=deadline.kind, due_on=deadline.due_on, set_by=change
        )
        changed.append("deadlines")
    if transition.decision:
        assert actor.organisation is not None  # can_record_decision checked it
        reasons_given = bool(facts.get("reasons_given"))
        decision = ApplicationDecision(
            application=application,
            state_change=change,
            transition=transition.name,
            decided_on=facts["decided_on"],
            deciding_body=str(facts["deciding_body"]),
            deciding_organisation=actor.organisation,
            reasons_given=reasons_given,
            reasons=str(facts.get("reasons") or "") if reasons_given else "",
            recorded_by=actor.user,
        )
        validate(decision, exclude=["application", "state_change", "deciding_organisation", "recorded_by"])
        decision.save()
        changed.append("decisions")
        _notify_decision(application, change)
    elif transition.name == DOCUMENTS_REQUESTED_MOVE:
        notify_applicant(
            case_id=application.case_id, event=ApplicantEvent.DOCUMENTS_REQUESTED, event_key=str(change.pk)
        )
    if authority is not None:
        ApplicationReferral.objects.get_or_create(
            application=application,
            authority=authority,
            defaults={"transition": transition.name, "referred_at": now},
        )
        application.authority = authority
        changed.append("authority")
    application.state = transition.target
    application.state_entered_at = now
    for name, value in _state_flags(pathway, transition.target).items():
        setattr(application, name, value)
    application.save(
        update_fields=[
            "state",
            "state_entered_at",
            "is_terminal",
            "is_pending",
            "waiting_on_authority",
            "authority",
            "updated_at",
        ]
    )
    return [*changed, "state_changes"]


@transaction.atomic
def application_transition(
    *,
    actor: Actor,
    application_id: object,
    move: str,
    facts: Mapping[str, Any] | None = None,
    authority_id: object | None = None,
    today: date | None = None,
) -> Application:
    """Make one move of the application's pathway, as the table allows it to this actor, with its facts.

    An illegal move raises Conflict naming the state and the move; a move this actor may not make raises
    PermissionDenied (decisions: only the deciding authority); wrong facts raise Invalid per fact. In every
    refused case nothing is written. A move that refers the application to an authority needs `authority_id`
    unless exactly one authority of the needed kind exists for the destination country.
    """
    today = today or timezone.localdate()
    application = get_scoped(Application, actor, application_id, for_update=True)
    if not can_view_application(actor, application):
        raise NotFound()
    pathway = PATHWAYS[application.pathway]
    transition = pathway.transition(application.state, move)
    typed = parse_facts(transition, facts or {})
    # A move can carry an open deadline into the next state (the residence permit is due when the visa ends).
    open_deadlines = dict(
        ApplicationDeadline.objects.filter(application=application, closed_at__isnull=True)
        .order_by("due_on")
        .values_list("kind", "due_on")
    )
    result = check_move(
        pathway,
        application.state,
        move,
        actor_kinds(actor),
        typed,
        today=today,
        open_deadlines=open_deadlines,
    )
    # The table allows the actor's kind; the predicate adds whose application it is and who decides. It is
    # asked before the facts are reported, so only someone allowed to make a move learns what it needs.
    refused_actor = Refused(application.state, move, RefusalReason.ACTOR_NOT_ALLOWED)
    if isinstance(result, Refused):
        actor_may = transition is None or can_make_move(actor, application, transition)
        raise_refusal(result if actor_may else refused_actor, transition)
    if transition is None or not can_make_move(actor, application, transition):
        raise_refusal(refused_actor, transition)
    authority = _referral_authority(application, transition, authority_id)
    assert isinstance(result, Allowed)
    changed = _apply_move(
        actor=actor,
        application=application,
        pathway=pathway,
        allowed=result,
        facts=typed,
        authority=authority,
    )
    audit.record(
        actor=actor,
        action="application.transition",
        target=application,
        parent=application.case,
        changed_fields=changed,
    )
    return application
