"""Consented sharing between organisations (issue 7).

The owning organisation records and revokes consents on the person page. The grantee has a list of the people
shared with it and a page per person that shows only what the consent covers, read through
`shared_person_get` (a plain value, never the model). Without a live consent that page is a 404, exactly like
an id that does not exist.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from herzen.core.exceptions import Conflict, Invalid, NotFound
from herzen.people.models import Person
from herzen.people.selectors import person_detail
from herzen.sharing import services
from herzen.sharing.permissions import can_record_sharing_consent, can_revoke_sharing_consent
from herzen.sharing.selectors import (
    shared_person_get,
    shared_person_list,
    sharing_consent_get,
    sharing_grantee_choices,
)
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.sharing_forms import SharingConsentForm, SharingConsentRevokeForm
from herzen.web.views.persons import render_person


def _reference(person_id: object) -> Person:
    """An unsaved stand-in naming the person for the access event: the page itself never gets the model."""
    return Person(pk=person_id)


@require_GET
@organisation_page
def shared_list_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    shared = shared_person_list(actor=actor)
    named = [_reference(item.id) for item in shared if item.full_name is not None]
    if named:
        record_shown(request, named, "identity")
    return render(request, "web/sharing/list.html", {"shared": shared})


@require_GET
@organisation_page
def shared_person_view(request: HttpRequest, person_id: object) -> HttpResponse:
    shared = shared_person_get(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    record_shown(request, _reference(shared.id), *shared.categories)
    return render(request, "web/sharing/person.html", {"shared": shared})


@require_POST
@organisation_page
def sharing_consent_record_view(request: HttpRequest, person_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    person = person_detail(actor=actor, person_id=person_id)
    require(can_record_sharing_consent(actor, person))
    form = SharingConsentForm(request.POST, prefix="sharing", grantees=sharing_grantee_choices(actor=actor))
    if form.is_valid():
        try:
            services.sharing_consent_record(
                actor=actor,
                person_id=person.pk,
                grantee_id=form.cleaned_data["grantee"],
                parts=form.cleaned_data["parts"],
                valid_until=form.cleaned_data["valid_until"],
                given_how=form.cleaned_data["given_how"],
                note=form.cleaned_data["note"],
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent to share was recorded."))
            return redirect(f"{reverse('web:person-detail', args=[person.pk])}#sharing")
    return render_person(request, person, bound={"sharing": form})


@require_POST
@organisation_page
def sharing_consent_revoke_view(request: HttpRequest, person_id: object, consent_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    person = person_detail(actor=actor, person_id=person_id)
    consent = sharing_consent_get(actor=actor, consent_id=consent_id)
    if consent.person_id != person.pk:
        raise NotFound()
    require(can_revoke_sharing_consent(actor, consent))
    form = SharingConsentRevokeForm(request.POST, prefix="revoke")
    if form.is_valid():
        try:
            services.sharing_consent_revoke(
                actor=actor, consent_id=consent.pk, reason=form.cleaned_data["reason"]
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The consent was revoked; the organisation no longer sees this person.")
            )
            return redirect(f"{reverse('web:person-detail', args=[person.pk])}#sharing")
    return render_person(request, person, bound={"revoke": form})
