"""Pages that correct the person record: who someone is, a spelling, a document, a contact point, a stay, the
role in the household. Each is a page of its own (one form per record would crowd a phone screen), reached by
a "Change" link on the person page. Every write is the service's, with the same checks as when the record was
added; a refused form comes back with what was typed and the message beside its field."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, NotFound
from herzen.people import services
from herzen.people.models import HouseholdMember, Person, Stay
from herzen.people.permissions import can_edit_person
from herzen.people.selectors import person_detail, stay_get
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.correction_forms import MemberRoleForm, PersonEditForm
from herzen.web.forms import ContactPointForm, DocumentForm, NameVariantForm, StayForm


@dataclass(frozen=True)
class Correction:
    title: str
    anchor: str  # the section of the person page to go back to
    categories: tuple[str, ...]  # what the page shows of the person (access log)
    success: str
    what: str = ""  # the record corrected, named under the title
    remove_url: str = ""  # where this record can be removed instead, if it can
    remove_label: str = ""


def _correct(
    request: HttpRequest,
    person: Person,
    correction: Correction,
    build: Callable[[Any], forms.Form],
    write: Callable[[Actor, dict[str, Any]], object],
    *,
    field_map: dict[str, str] | None = None,
) -> HttpResponse:
    """GET shows the form filled with the record; POST writes through the service and goes back to the
    person page, or shows the form again with what was typed and the messages beside their fields."""
    actor = request.actor  # type: ignore[attr-defined]
    require(can_edit_person(actor, person))
    form = build(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            write(actor, form.cleaned_data)
        except (Invalid, Conflict) as error:
            add_service_errors(form, error, field_map=field_map)
        else:
            messages.success(request, correction.success)
            return redirect(f"{reverse('web:person-detail', args=[person.pk])}#{correction.anchor}")
    record_shown(request, person, "identity", *correction.categories)
    context = {
        "person": person,
        "form": form,
        "title": correction.title,
        "anchor": correction.anchor,
        "what": correction.what,
        "remove_url": correction.remove_url,
        "remove_label": correction.remove_label,
    }
    return render(request, "web/persons/correct.html", context)


def _remove(
    request: HttpRequest,
    person: Person,
    correction: Correction,
    remove: Callable[[Actor], object],
) -> HttpResponse:
    """GET asks to confirm; POST removes through the service (which audits it) and goes back to the person
    page. A refusal (the household's principal, say) comes back on the same page with its reason."""
    actor = request.actor  # type: ignore[attr-defined]
    require(can_edit_person(actor, person))
    refusal = ""
    if request.method == "POST":
        try:
            remove(actor)
        except (Invalid, Conflict) as error:
            refusal = error.message
        else:
            messages.success(request, correction.success)
            return redirect(f"{reverse('web:person-detail', args=[person.pk])}#{correction.anchor}")
    record_shown(request, person, "identity", *correction.categories)
    context = {
        "person": person,
        "title": correction.title,
        "anchor": correction.anchor,
        "what": correction.what,
        "refusal": refusal,
    }
    return render(request, "web/persons/remove.html", context, status=409 if refusal else 200)


def _one_of(records: Any, record_id: object) -> Any:
    """The record of this person with this id (prefetched by person_detail), or 404."""
    found = next((record for record in records if record.pk == record_id), None)
    if found is None:
        raise NotFound()
    return found


def _optional(value: str) -> str | None:
    return value or None


@require_http_methods(["GET", "POST"])
@organisation_page
def person_edit_view(request: HttpRequest, person_id: UUID) -> HttpResponse:
    person = person_detail(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    correction = Correction(
        title=_("Correct the person's record"),
        anchor="top",
        categories=(),
        success=_("The person's record was changed."),
    )
    return _correct(
        request,
        person,
        correction,
        lambda data: PersonEditForm(data, initial=PersonEditForm.initial_of(person)),
        lambda actor, data: services.person_update(
            actor=actor, person_id=person.pk, **PersonEditForm.changes_of(data)
        ),
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def name_variant_edit_view(request: HttpRequest, person_id: UUID, variant_id: UUID) -> HttpResponse:
    person = person_detail(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    variant = _one_of(person.name_variants.all(), variant_id)
    documents = list(person.documents.all())
    initial = {
        "surname": variant.surname,
        "given_name": variant.given_name,
        "patronymic": variant.patronymic,
        "scheme": variant.scheme,
        "source_document": str(variant.source_document_id or ""),
        "valid_from": variant.valid_from,
        "valid_until": variant.valid_until,
    }
    correction = Correction(
        title=_("Correct a spelling of the name"),
        anchor="names",
        categories=(),
        success=_("The name spelling was changed."),
        what=str(variant),
        remove_url=reverse("web:person-name-variant-remove", args=[person.pk, variant.pk]),
        remove_label=_("Remove this spelling"),
    )

    def write(actor: Actor, data: dict[str, Any]) -> object:
        changes = {**data, "source_document_id": _optional(data.pop("source_document"))}
        return services.name_variant_update(actor=actor, variant_id=variant.pk, **changes)

    return _correct(
        request,
        person,
        correction,
        lambda data: NameVariantForm(data, documents=documents, initial=initial),
        write,
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def document_edit_view(request: HttpRequest, person_id: UUID, document_id: UUID) -> HttpResponse:
    person = person_detail(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    document = _one_of(person.documents.all(), document_id)
    initial = {name: getattr(document, name) for name in DocumentForm.base_fields}
    initial["issuing_country"] = document.issuing_country.code
    initial["status"] = document.current_status
    correction = Correction(
        title=_("Correct an identity document"),
        anchor="documents",
        categories=("documents",),
        success=_("The identity document was changed."),
        what=str(document),
    )
    return _correct(
        request,
        person,
        correction,
        lambda data: DocumentForm(data, initial=initial),
        lambda actor, data: services.document_update(actor=actor, document_id=document.pk, **data),
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def contact_point_edit_view(request: HttpRequest, person_id: UUID, contact_point_id: UUID) -> HttpResponse:
    person = person_detail(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    contact = _one_of(person.contact_points.all(), contact_point_id)
    initial = {"kind": contact.kind, "value": contact.value, "is_preferred": contact.is_preferred}
    correction = Correction(
        title=_("Correct a contact point"),
        anchor="contacts",
        categories=("contact",),
        success=_("The contact point was changed."),
        remove_url=reverse("web:person-contact-remove", args=[person.pk, contact.pk]),
        remove_label=_("Remove this contact point"),
    )
    return _correct(
        request,
        person,
        correction,
        lambda data: ContactPointForm(data, initial=initial),
        lambda actor, data: services.contact_point_update(actor=actor, contact_point_id=contact.pk, **data),
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def stay_edit_view(request: HttpRequest, person_id: UUID, stay_id: UUID) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    person = person_detail(actor=actor, person_id=person_id)
    stay: Stay = stay_get(actor=actor, stay_id=stay_id)
    if stay.person_id != person.pk:
        raise NotFound()
    documents = list(person.documents.all())
    # Another open stay than this one stops this one from being left open (a person is in one place).
    other_open = next((s for s in person.stays.all() if s.exit_date is None and s.pk != stay.pk), None)
    initial = {
        "country": stay.country.code,
        "city": stay.city,
        "entry_date": stay.entry_date,
        "exit_date": stay.exit_date,
        "legal_basis": stay.legal_basis,
        "authorised_until": stay.authorised_until,
        "document": str(stay.document_id or ""),
    }
    correction = Correction(
        title=_("Correct a stay"),
        anchor="stays",
        categories=("stays",),
        success=_("The stay was changed."),
        what=str(stay.country.name),
    )

    def write(actor: Actor, data: dict[str, Any]) -> object:
        changes = {**data, "document_id": _optional(data.pop("document"))}
        return services.stay_update(actor=actor, stay_id=stay.pk, **changes)

    return _correct(
        request,
        person,
        correction,
        lambda data: StayForm(data, documents=documents, open_stay=other_open, initial=initial),
        write,
        field_map={"document_id": "document"},
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def member_role_edit_view(request: HttpRequest, person_id: UUID) -> HttpResponse:
    person = person_detail(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    membership: HouseholdMember | None = getattr(person, "household_membership", None)
    if membership is None:
        raise NotFound()
    correction = Correction(
        title=_("Correct the role in the household"),
        anchor="top",
        categories=("household",),
        success=_("The role in the household was changed."),
        remove_url=reverse("web:person-household-remove", args=[person.pk]),
        remove_label=_("Remove from the household"),
    )
    return _correct(
        request,
        person,
        correction,
        lambda data: MemberRoleForm(data, initial={"role": membership.role}),
        lambda actor, data: services.household_member_update(
            actor=actor, household_id=membership.household_id, person_id=person.pk, role=data["role"]
        ),
        field_map={"date_of_birth": "role"},
    )


# Removals: what the API's DELETE does, on a page of its own that asks first. The audit log keeps what was
# removed, so a mistaken removal can be seen and the record entered again.


@require_http_methods(["GET", "POST"])
@organisation_page
def name_variant_remove_view(request: HttpRequest, person_id: UUID, variant_id: UUID) -> HttpResponse:
    person = person_detail(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    variant = _one_of(person.name_variants.all(), variant_id)
    correction = Correction(
        title=_("Remove a spelling of the name"),
        anchor="names",
        categories=(),
        success=_("The name spelling was removed."),
        what=str(variant),
    )
    return _remove(
        request,
        person,
        correction,
        lambda actor: services.name_variant_remove(actor=actor, variant_id=variant.pk),
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def contact_point_remove_view(request: HttpRequest, person_id: UUID, contact_point_id: UUID) -> HttpResponse:
    person = person_detail(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    contact = _one_of(person.contact_points.all(), contact_point_id)
    correction = Correction(
        title=_("Remove a contact point"),
        anchor="contacts",
        categories=("contact",),
        success=_("The contact point was removed."),
        what=contact.value,
    )
    return _remove(
        request,
        person,
        correction,
        lambda actor: services.contact_point_remove(actor=actor, contact_point_id=contact.pk),
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def household_member_remove_view(request: HttpRequest, person_id: UUID) -> HttpResponse:
    person = person_detail(actor=request.actor, person_id=person_id)  # type: ignore[attr-defined]
    membership: HouseholdMember | None = getattr(person, "household_membership", None)
    if membership is None:
        raise NotFound()
    correction = Correction(
        title=_("Remove from the household"),
        anchor="top",
        categories=("household",),
        success=_("The person was removed from the household."),
    )
    return _remove(
        request,
        person,
        correction,
        lambda actor: services.household_member_remove(
            actor=actor, household_id=membership.household_id, person_id=person.pk
        ),
    )
