"""On the applicant's status page: stop or restart news notices, and connect the Telegram bot.

The page is reached only through the applicant's private link (the draft bound to the session), so whoever
can stop the notices is whoever can read the status."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from herzen.intake.identity import applicant_actor
from herzen.intake.models import IntakeDraft
from herzen.intake.views import _render, draft_page
from herzen.notifications import telegram
from herzen.notifications.applicants import subscription_of_case
from herzen.notifications.services import applicant_opt_in, applicant_opt_out, applicant_telegram_link


def notices_context(draft: IntakeDraft) -> dict[str, object]:
    subscription = subscription_of_case(draft.case_id) if draft.case_id else None
    return {"subscription": subscription, "telegram_available": telegram.configured()}


@require_POST
@draft_page
def notices_stop_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    subscription = subscription_of_case(draft.case_id) if draft.case_id else None
    if subscription is not None:
        applicant_opt_out(actor=applicant_actor(), subscription_id=subscription.pk)
    return redirect("intake:status")


@require_POST
@draft_page
def notices_start_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    subscription = subscription_of_case(draft.case_id) if draft.case_id else None
    if subscription is not None:
        applicant_opt_in(
            actor=applicant_actor(), subscription_id=subscription.pk, by_email=True, language=draft.language
        )
    return redirect("intake:status")


@require_POST
@draft_page
def notices_telegram_view(request: HttpRequest, draft: IntakeDraft) -> HttpResponse:
    """A one-time link that opens the bot; the bot learns the chat when the applicant presses Start."""
    subscription = subscription_of_case(draft.case_id) if draft.case_id else None
    if subscription is None or not subscription.active or not telegram.configured():
        return redirect("intake:status")
    token = applicant_telegram_link(actor=applicant_actor(), subscription_id=subscription.pk)
    return _render(request, "telegram_link.html", {"link": telegram.start_link(token)})
