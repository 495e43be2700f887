"""Reads of the intake. Applicant-facing reads go through the private link (no actor: the applicant is not
staff); staff reads of submitted evidence start from the actor's scope like every other selector."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from herzen.cases.models import Case, CaseStatus
from herzen.domain.risk import LegalBasis as DomainLegalBasis
from herzen.domain.risk import StayPeriod, legal_stay_deadline
from herzen.intake.decisions import ApplicantDecision, applicant_words, decision_words
from herzen.intake.expiry import is_expired
from herzen.intake.links import hash_token
from herzen.intake.models import IntakeDraft, IntakeLink
from herzen.organisations.models import Organisation, OrganisationKind
from herzen.pathways.models import ApplicationDecision
from herzen.people.stay_rules import stay_rules


def draft_for_token(token: str) -> IntakeDraft | None:
    """The draft a private link opens, or None if the link is unknown, stopped or its draft expired."""
    link = (
        IntakeLink.objects.select_related("draft")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if link is None or is_expired(link.draft):
        return None
    return link.draft


def draft_by_id(draft_id: object) -> IntakeDraft | None:
    """The draft bound to this browser's session (set only by opening a private link or starting)."""
    draft = IntakeDraft.objects.filter(pk=draft_id).select_related("receiving_organisation").first()
    if draft is None or is_expired(draft):
        return None
    return draft


def organisations_accepting_intake(country: str) -> list[Organisation]:
    """NGOs and sponsor networks that take online applications from people staying in `country`."""
    candidates = Organisation.objects.filter(
        kind__in=[OrganisationKind.NGO, OrganisationKind.SPONSOR_NETWORK]
    ).exclude(intake_countries="")
    return [o for o in candidates if country and country in o.intake_countries]


@dataclass(frozen=True)
class DeadlinePreview:
    last_legal_day: date | None
    days_left: int | None
    sentence: str


def deadline_preview(location: dict[str, str]) -> DeadlinePreview | None:
    """The legal-stay deadline of the stay the applicant described, by the same rules the case will use."""
    if not location.get("country") or not location.get("entry_date"):
        return None
    until = location.get("authorised_until") or None
    period = StayPeriod(
        entry=date.fromisoformat(location["entry_date"]),
        exit=None,
        basis=DomainLegalBasis(location["legal_basis"]),
        authorised_until=date.fromisoformat(until) if until else None,
    )
    verdict = legal_stay_deadline(country=location["country"], periods=[period], rules=stay_rules())
    country = str(countries.name(location["country"]))
    if verdict.last_legal_day is None:
        if verdict.kind == "none":
            sentence = _("As far as we know, %(country)s sets no time limit for your stay.") % {
                "country": country
            }
        else:
            sentence = _(
                "We do not know the stay rules of %(country)s yet. A caseworker will check your deadline."
            ) % {"country": country}
        return DeadlinePreview(None, None, sentence)
    days_left = (verdict.last_legal_day - timezone.localdate()).days
    if days_left < 0:
        sentence = _(
            "By our calculation your legal stay in %(country)s ended on %(date)s. Tell the organisation at once."
        )
    else:
        sentence = _("By our calculation your last legal day in %(country)s is %(date)s.")
    return DeadlinePreview(
        verdict.last_legal_day,
        days_left,
        sentence % {"country": country, "date": verdict.last_legal_day.strftime("%d.%m.%Y")},
    )


@dataclass(frozen=True)
class ApplicantStatus:
    reference: str
    organisation: str
    headline: str
    explanation: str
    next_step: str
    decision: ApplicantDecision | None = None
    deadlines: tuple[str, ...] = ()  # sentences: the legal stay and the registration, as the case has them


def applicant_deadlines(case: Case) -> tuple[str, ...]:
    """The household's last legal day and next registration due where it is now, in plain words: the same dates
    the caseworker's queue sorts on (herzen.people keeps them on the household)."""
    household = case.household
    if not household.current_country:
        return ()
    country = str(household.current_country.name)
    today = timezone.localdate()
    sentences = []
    stay, registration = household.earliest_stay_deadline, household.earliest_registration_deadline
    if stay is not None:
        if stay < today:
            text = _(
                "By our calculation your legal stay in %(country)s ended on %(date)s. Tell the organisation at "
                "once."
            )
        else:
            text = _("By our calculation your last legal day in %(country)s is %(date)s.")
        sentences.append(text % {"country": country, "date": stay.strftime("%d.%m.%Y")})
    if registration is not None:
        if registration < today:
            text = _(
                "Registration of your stay in %(country)s was due on %(date)s. Tell the organisation at once."
            )
        else:
            text = _(
                "Your stay in %(country)s must be registered by %(date)s. Check with your host (landlord or "
                "hotel) that it is done, and tell the organisation when it is."
            )
        sentences.append(text % {"country": country, "date": registration.strftime("%d.%m.%Y")})
    return tuple(sentences)


def applicant_status(draft: IntakeDraft) -> ApplicantStatus | None:
    """Where the application stands, in plain words for the applicant (never the staff vocabulary)."""
    case: Case | None = draft.case
    if case is None:
        return None
    organisation = str(draft.receiving_organisation or "")
    if case.status == CaseStatus.OPEN and case.assigned_caseworker_id is None:
        headline = _("Received: waiting for a caseworker")
        explanation = _("%(organisation)s has received your application. A caseworker will take it on soon.")
        next_step = _(
            "You do not need to do anything now. We will contact you through the channel you chose."
        )
    elif case.status == CaseStatus.OPEN:
        headline = _("A caseworker is working on your application")
        explanation = _("A caseworker of %(organisation)s is looking at your application.")
        next_step = _(
            "Keep your phone and messengers at hand: the caseworker may ask for documents or a conversation."
        )
    elif case.status == CaseStatus.ON_HOLD:
        headline = _("Paused: something is needed")
        explanation = _("%(organisation)s has paused work on your application for now.")
        next_step = _(
            "Usually this means they are waiting for information or documents from you. Check your messages "
            "from them and answer through the channel you chose."
        )
    else:
        headline = _("Closed")
        explanation = _("%(organisation)s has closed your application.")
        next_step = _("If you think this is a mistake, or your situation has changed, you can apply again.")
    explanation = explanation % {"organisation": organisation}
    decision = applicant_decision(case)
    if decision is not None and case.status != CaseStatus.CLOSED:
        # The authority's decision is the news: it replaces "a caseworker is working on it".
        headline, explanation, next_step = decision_words(decision)
    return ApplicantStatus(
        reference=case.reference,
        organisation=organisation,
        headline=headline,
        explanation=explanation,
        next_step=next_step,
        decision=decision,
        deadlines=applicant_deadlines(case) if case.status != CaseStatus.CLOSED else (),
    )


def applicant_decision(case: Case) -> ApplicantDecision | None:
    """The latest decision an authority recorded on any application of the applicant's case, in plain words
    (see herzen.intake.decisions)."""
    decision = (
        ApplicationDecision.objects.filter(application__case=case)
        .select_related("application", "application__case", "deciding_organisation")
        .order_by("-decided_on", "-created_at")
        .first()
    )
    return None if decision is None else applicant_words(decision)
