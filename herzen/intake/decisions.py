"""An authority's decision as the applicant reads it on the status page: plain words in their language,
what was decided, when, by whom, and what happens next. The authority's reasons are not shown (the page
opens with a link that may be on a seized phone); the applicant learns only whether reasons were given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from herzen.domain.referrals import Intent, intent_of_move
from herzen.domain.workflow import PATHWAYS
from herzen.evidence.reader_dates import long_date

if TYPE_CHECKING:
    from herzen.pathways.models import ApplicationDecision


@dataclass(frozen=True)
class ApplicantDecision:
    """An authority's decision in the applicant's words: what, when, by whom, and what follows. Never the
    authority's reasons (they may say more than the applicant's phone should hold), only whether it gave any."""

    positive: bool
    sentence: str
    reasons: str
    next_step: str


# What each decision move means to the applicant. A move without words here reads as a generic decision.
DECISION_WORDS = {
    "approve": gettext_lazy("your application is approved"),
    "declare_admission": gettext_lazy("your admission is declared"),
    "issue_visa": gettext_lazy("your visa is issued"),
    "issue_residence_permit": gettext_lazy("your residence permit is issued"),
    "select_for_programme": gettext_lazy("you are selected for the programme"),
    "clear_security_check": gettext_lazy("the security check is passed"),
    "approve_employment": gettext_lazy("your employment is approved"),
    "issue_work_permit": gettext_lazy("your work permit is issued"),
    "grant_refugee_status": gettext_lazy("you are granted refugee status"),
    "grant_subsidiary_protection": gettext_lazy("you are granted subsidiary protection"),
    "issue_travel_document": gettext_lazy("your travel document is issued"),
    "refuse": gettext_lazy("your application is refused"),
}


def applicant_words(decision: ApplicationDecision) -> ApplicantDecision:
    application = decision.application
    positive = intent_of_move(decision.transition) is Intent.POSITIVE
    what = DECISION_WORDS.get(decision.transition)
    sentence = _("On %(date)s %(authority)s (%(country)s) decided: %(decision)s.") % {
        "date": long_date(decision.decided_on),
        "authority": decision.deciding_organisation.name,
        "country": countries.name(application.destination_country),
        "decision": what if what is not None else _("a decision was made on your application"),
    }
    pathway = PATHWAYS.get(application.pathway)
    state = next((s for s in pathway.states if s.code == application.state), None) if pathway else None
    if not positive:
        next_step = _(
            "This application has ended. Your caseworker will contact you to talk about what else is possible."
        )
    elif state is not None and state.terminal:
        next_step = _(
            "This was the last step of this application. Your caseworker will contact you about what to do now."
        )
    elif state is not None and state.waiting_on_authority:
        next_step = _(
            "This is one step of the procedure: another authority now looks at your application. You do not "
            "need to do anything now; your caseworker will tell you if something is needed."
        )
    else:
        next_step = _(
            "This is one step of the procedure. Your caseworker will prepare the next step with you and contact you."
        )
    reasons = (
        _("The authority gave reasons for its decision. Ask your caseworker to explain them.")
        if decision.reasons_given
        else _("The authority gave no reasons for its decision.")
    )
    return ApplicantDecision(positive=positive, sentence=sentence, reasons=reasons, next_step=next_step)


def decision_words(decision: ApplicantDecision) -> tuple[str, str, str]:
    """Headline, explanation and next step of the status page when the latest news is a decision."""
    headline = _("Decision: good news") if decision.positive else _("Decision: refused")
    return headline, decision.sentence, decision.next_step
