"""The staff inbox: notices, the unread count in the header, and the choice to be e-mailed as well."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from herzen.core.actor import Actor
from herzen.core.languages import STAFF_LANGUAGES, self_name
from herzen.jobs.permissions import can_view_failed_jobs
from herzen.notifications.selectors import inbox
from herzen.notifications.services import notice_mark_read, notice_settings_set, notices_mark_all_read
from herzen.notifications.staff import staff_notice_settings
from herzen.notifications.texts import notice_text
from herzen.web.access import organisation_page


class NoticeSettingsForm(forms.Form):
    by_email = forms.BooleanField(
        label=gettext_lazy("Also tell me by e-mail"),
        required=False,
        help_text=gettext_lazy("The e-mail only says that there is a notice; read it here."),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the e-mails"),
        choices=[(code, self_name(code)) for code in STAFF_LANGUAGES],
        required=False,  # none chosen: the deployment's default
    )


@require_GET
@organisation_page
def inbox_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    chosen = staff_notice_settings(actor.user.pk)
    form = NoticeSettingsForm(
        initial={"by_email": chosen.by_email, "language": chosen.language or translation.get_language()}
    )
    return _render_inbox(request, actor, form)


def _render_inbox(
    request: HttpRequest, actor: Actor, form: NoticeSettingsForm, status: int = 200
) -> HttpResponse:
    rows = [{"notice": notice, "text": notice_text(notice)} for notice in inbox(actor=actor)]
    context = {"rows": rows, "settings_form": form, "can_view_failed_jobs": can_view_failed_jobs(actor)}
    return render(request, "web/notifications/inbox.html", context, status=status)


@require_POST
@organisation_page
def notice_open_view(request: HttpRequest, notification_id: object) -> HttpResponse:
    """Mark the notice read and go where it points."""
    actor = request.actor  # type: ignore[attr-defined]
    notice = notice_mark_read(actor=actor, notification_id=notification_id)
    allowed = notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None)
    return redirect(notice.link if allowed else "web:inbox")


@require_POST
@organisation_page
def notices_read_all_view(request: HttpRequest) -> HttpResponse:
    notices_mark_all_read(actor=request.actor)  # type: ignore[attr-defined]
    return redirect("web:inbox")


@require_POST
@organisation_page
def notice_settings_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = NoticeSettingsForm(request.POST)
    if not form.is_valid():
        # Only the language can be wrong (a forged choice): the inbox again, with the error and the choice.
        return _render_inbox(request, actor, form, status=400)
    notice_settings_set(
        actor=actor, by_email=form.cleaned_data["by_email"], language=form.cleaned_data["language"]
    )
    messages.success(request, _("Your choice is saved."))
    return redirect("web:inbox")
