"""Onboarding: an organisation admin invites a new staff member, who chooses a password on a one-time link.

The invitee's second factor is not set up here: at their first login the MFA-required middleware sends them
to set one up before anything else, exactly as for every other account.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from herzen.core.actor import Actor, Role
from herzen.core.exceptions import Conflict, Invalid, NotFound
from herzen.organisations.models import StaffInvitation
from herzen.organisations.permissions import can_invite_staff
from herzen.organisations.selectors import invitation_for_token, membership_list, staff_invitation_list
from herzen.organisations.services import invitation_accept, staff_invite
from herzen.web.access import add_service_errors, organisation_page, require
from herzen.web.staff_forms import InviteForm, WelcomeForm

INVITATION_SESSION_KEY = "herzen_invitation"


@require_http_methods(["GET", "POST"])
@organisation_page
def staff_view(request: HttpRequest) -> HttpResponse:
    """The organisation's staff and their roles, the invitations not yet used, and the form to invite."""
    actor = request.actor  # type: ignore[attr-defined]
    require(can_invite_staff(actor, actor.organisation))
    form = InviteForm(request.POST or None, prefix="invite")
    if request.method == "POST" and form.is_valid():
        try:
            invitation = staff_invite(
                actor=actor,
                base_url=request.build_absolute_uri("/"),
                **{**form.cleaned_data, "role": Role(form.cleaned_data["role"])},
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s.") % {"email": invitation.user.email},
            )
            return redirect("web:organisation-staff")
    staff: dict[object, dict] = {}
    for membership in membership_list(actor=actor):
        entry = staff.setdefault(membership.user_id, {"user": membership.user, "roles": []})
        entry["roles"].append(membership.get_role_display())
    pending = list(staff_invitation_list(actor=actor))
    waiting = {invitation.user_id for invitation in pending}
    context = {
        "form": form,
        "staff": [entry for user_id, entry in staff.items() if user_id not in waiting],
        "invitations": pending,
        "now": timezone.now(),
    }
    return render(request, "web/staff/page.html", context)


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@login_not_required
def staff_welcome_link_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: kept in the session, then off the address bar (and out of access logs
    of every later request) before the page that asks for the password."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return _private(render(request, "web/staff/welcome_invalid.html", status=404))
    request.session[INVITATION_SESSION_KEY] = {"id": str(invitation.pk), "token": token}
    return _private(redirect("web:staff-welcome-password"))


def _usable(invitation: StaffInvitation | None) -> bool:
    return (
        invitation is not None
        and invitation.accepted_at is None
        and invitation.expires_at > timezone.now()
        and invitation.user.is_active
    )


@require_http_methods(["GET", "POST"])
@login_not_required
def staff_welcome_view(request: HttpRequest) -> HttpResponse:
    held = request.session.get(INVITATION_SESSION_KEY) or {}
    invitation = invitation_for_token(held.get("token", ""))
    if not _usable(invitation) or str(invitation.pk) != held.get("id"):  # type: ignore[union-attr]
        request.session.pop(INVITATION_SESSION_KEY, None)
        return _private(render(request, "web/staff/welcome_invalid.html", status=404))
    assert invitation is not None
    form = WelcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                actor=Actor(user=invitation.user, organisation=invitation.organisation),
                invitation_id=invitation.pk,
                token=held["token"],
                password=form.cleaned_data["password"],
            )
        except (Invalid, Conflict, NotFound) as error:
            add_service_errors(form, error)
        else:
            request.session.pop(INVITATION_SESSION_KEY, None)
            messages.success(
                request,
                _("Your password is set. Sign in as %(username)s; you will then set up your second factor.")
                % {"username": user.username},
            )
            return _private(redirect("login"))
    context = {"form": form, "invitation": invitation}
    return _private(render(request, "web/staff/welcome.html", context))
