"""The programme declarations of one person: shown, recorded by staff (the person affirmed it to them) and
withdrawn. The only political statements Herzen records; the wording recorded is the one on this page, in
the language of this page."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from herzen.core.exceptions import Conflict, Invalid
from herzen.people import services
from herzen.people.declaration_texts import CURRENT_WORDINGS, DeclarationChannel, DeclarationKind
from herzen.people.models import Person
from herzen.people.permissions import can_record_declaration
from herzen.people.selectors import declaration_get, person_declarations, person_get
from herzen.web.access import add_service_errors, organisation_page, record_shown, require


class DeclarationForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Which declaration did the person affirm?"),
        widget=forms.RadioSelect,
        choices=[(kind.value, CURRENT_WORDINGS[kind].text) for kind in DeclarationKind],
    )


def _page(request: HttpRequest, person: Person, form: DeclarationForm | None = None) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    declarations = person_declarations(actor=actor, person=person)
    record_shown(request, person, "identity", "declarations")
    can_record = can_record_declaration(actor, person)
    language = translation.get_language() or "en"
    context = {
        "person": person,
        "declarations": [
            {
                "declaration": declaration,
                "language_name": translation.get_language_info(declaration.language)["name_local"],
            }
            for declaration in declarations
        ],
        "form": (form or DeclarationForm()) if can_record else None,
        "can_record": can_record,
        "language_name": translation.get_language_info(language)["name_local"],
        "error_form": form if form is not None and form.errors else None,
    }
    return render(
        request, "web/persons/declarations.html", context, status=400 if form and form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@organisation_page
def person_declarations_view(request: HttpRequest, person_id: object) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    person = person_get(actor=actor, person_id=person_id)
    if request.method != "POST":
        return _page(request, person)
    require(can_record_declaration(actor, person))
    form = DeclarationForm(request.POST)
    if form.is_valid():
        try:
            services.declaration_record(
                actor=actor,
                person_id=person.pk,
                kind=form.cleaned_data["kind"],
                channel=DeclarationChannel.STAFF,
                language=translation.get_language() or "en",
            )
        except (Invalid, Conflict) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The declaration was recorded."))
            return redirect(reverse("web:person-declarations", args=[person.pk]))
    return _page(request, person, form)


@require_POST
@organisation_page
def declaration_withdraw_view(
    request: HttpRequest, person_id: object, declaration_id: object
) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    person = person_get(actor=actor, person_id=person_id)
    declaration = declaration_get(actor=actor, declaration_id=declaration_id)
    require(declaration.person_id == person.pk and can_record_declaration(actor, person))
    try:
        services.declaration_withdraw(actor=actor, declaration_id=declaration.pk)
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The declaration was withdrawn. It stays on record as withdrawn."))
    return redirect(reverse("web:person-declarations", args=[person.pk]))
