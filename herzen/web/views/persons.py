"""The person page: who someone is, how their name is spelt, their papers, where they are, and its forms."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from herzen.audit.permissions import can_view_access_history
from herzen.audit.selectors import access_history, audit_history
from herzen.cases.selectors import CaseFilters, case_list
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, NotFound
from herzen.domain.names import FullName, expected_spellings
from herzen.identity.selectors import standing_merges_of
from herzen.people import services
from herzen.people.choices import NameScheme
from herzen.people.models import HouseholdMember, IdentityDocument, Person, RiskFactor, Stay
from herzen.people.permissions import can_edit_person
from herzen.people.selectors import (
    StayWithDeadline,
    person_detail,
    person_duplicate_candidates,
    risk_factor_get,
    risk_factor_list,
    stays_with_deadlines,
)
from herzen.retention.permissions import can_export_person
from herzen.sharing.permissions import can_record_sharing_consent
from herzen.sharing.selectors import sharing_consent_list, sharing_grantee_choices
from herzen.web.access import add_service_errors, organisation_page, record_shown, require
from herzen.web.deadlines import stay_rows
from herzen.web.forms import (
    ContactPointForm,
    DocumentForm,
    EntryRefusalForm,
    ExitForm,
    NameVariantForm,
    RiskFactorEditForm,
    RiskFactorForm,
    StayForm,
    StayRegistrationForm,
)
from herzen.web.history import access_rows, history_rows
from herzen.web.sharing_forms import SharingConsentForm


@dataclass(frozen=True)
class PersonFacts:
    """What the page and its forms need to know about the person."""

    person: Person
    documents: list[IdentityDocument]
    stays: list[StayWithDeadline]
    open_stay: Stay | None


def open_stay_of(facts: PersonFacts) -> Stay:
    if facts.open_stay is None:
        raise ValueError("the exit form needs an open stay")
    return facts.open_stay


FORM_BUILDERS: dict[str, Callable[[PersonFacts, Any], Any]] = {
    "variant": lambda facts, data: NameVariantForm(data, prefix="variant", documents=facts.documents),
    "document": lambda facts, data: DocumentForm(data, prefix="document"),
    "stay": lambda facts, data: StayForm(
        data, prefix="stay", documents=facts.documents, open_stay=facts.open_stay
    ),
    "exit": lambda facts, data: ExitForm(data, prefix="exit", entry_date=open_stay_of(facts).entry_date),
    "registration": lambda facts, data: StayRegistrationForm(
        data, prefix="registration", stay=open_stay_of(facts)
    ),
    "refusal": lambda facts, data: EntryRefusalForm(data, prefix="refusal"),
    "contact": lambda facts, data: ContactPointForm(data, prefix="contact"),
    "risk": lambda facts, data: RiskFactorForm(data, prefix="risk"),
}


OPEN_STAY_FORMS = frozenset(
    {"exit", "registration"}
)  # forms about the current stay, shown only when there is one


@dataclass(frozen=True)
class Spelling:
    scheme: str
    name: str


def _spelled(name: FullName) -> str:
    return " ".join(part for part in name.parts if part)


def expected_spelling_rows(person: Person) -> list[Spelling]:
    try:
        spellings = expected_spellings(FullName(person.surname, person.given_name, person.patronymic))
    except ValueError:  # a name that is not Cyrillic has nothing to transliterate
        return []
    return [
        Spelling(scheme=str(NameScheme(scheme.value).label), name=_spelled(name))
        for scheme, name in spellings.items()
    ]


def person_facts(actor: Actor, person: Person) -> PersonFacts:
    """`person` comes from person_detail, with its documents prefetched."""
    stays = stays_with_deadlines(actor=actor, person=person)
    open_stay = next((item.stay for item in stays if item.stay.exit_date is None), None)
    return PersonFacts(
        person=person, documents=list(person.documents.all()), stays=stays, open_stay=open_stay
    )


def render_person(
    request: HttpRequest, person: Person, *, bound: dict[str, Any] | None = None
) -> HttpResponse:
    """The person page; `bound` holds a submitted form that failed, shown with its errors and values."""
    actor = request.actor  # type: ignore[attr-defined]
    bound = bound or {}
    facts = person_facts(actor, person)
    # Joined by person_detail; a person outside any household has none (and reading it raises AttributeError).
    membership: HouseholdMember | None = getattr(person, "household_membership", None)
    forms: dict[str, Any] = {}
    if can_edit_person(actor, person):
        for prefix, build in FORM_BUILDERS.items():
            if prefix in OPEN_STAY_FORMS and facts.open_stay is None:
                continue
            forms[prefix] = bound[prefix] if prefix in bound else build(facts, None)
    if can_record_sharing_consent(actor, person):
        forms["sharing"] = (
            bound["sharing"]
            if "sharing" in bound
            else SharingConsentForm(prefix="sharing", grantees=sharing_grantee_choices(actor=actor))
        )
    merges = standing_merges_of(actor=actor, person_id=person.pk)
    # A record merged into this one is no longer a possible duplicate of it: it is already decided.
    merged_here = {merge.merged_id for merge in merges if merge.survivor_id == person.pk}
    duplicates = [
        candidate
        for candidate in person_duplicate_candidates(actor=actor, person=person)
        if candidate.pk not in merged_here
    ]
    record_shown(request, person, "identity", "contact", "documents", "stays", "household", "case")
    if duplicates:  # their names and birth dates, shown for comparison
        record_shown(request, duplicates, "identity")
    context = {
        "person": person,
        "membership": membership,
        "cases": (
            case_list(actor=actor, filters=CaseFilters(household_id=membership.household_id))
            if membership
            else []
        ),
        # Prefetched by person_detail, in the order the page shows them.
        "variants": person.name_variants.all(),
        "duplicate_candidates": duplicates,
        "merged_into": next((merge for merge in merges if merge.merged_id == person.pk), None),
        "merged_here": [merge for merge in merges if merge.survivor_id == person.pk],
        "expected_spellings": expected_spelling_rows(person),
        "documents": facts.documents,
        "stays": stay_rows(facts.stays, timezone.localdate()),
        "open_stay": facts.open_stay,
        "refusals": person.entry_refusals.all(),
        "contacts": person.contact_points.all(),
        "risk_factors": risk_factor_list(actor=actor, person=person),
        "anti_war_articles": RiskFactorForm.ANTI_WAR_ARTICLES,
        "history": history_rows(list(audit_history(actor=actor, target=person))),
        "access_history": (
            access_rows(list(access_history(actor=actor, target=person)))
            if can_view_access_history(actor)
            else None
        ),
        "can_export": can_export_person(actor, person),
        "sharing_consents": sharing_consent_list(actor=actor, person=person),
        "today": timezone.localdate(),
        "forms": forms,
        "can_edit": can_edit_person(actor, person),
        "error_form": next(iter(bound.values()), None),
    }
    return render(request, "web/persons/detail.html", context)


@require_GET
@organisation_page
def person_detail_view(request: HttpRequest, person_id: object) -> HttpResponse:
    return render_person(request, person_detail(actor=request.actor, person_id=person_id))  # type: ignore[attr-defined]


def _person_write(
    request: HttpRequest,
    person_id: object,
    prefix: str,
    write: Callable[[Actor, Person, dict[str, Any], PersonFacts], object],
    success: str,
    anchor: str,
) -> HttpResponse:
    """Check the permission, parse the form, call the service; success redirects, failure re-renders."""
    actor = request.actor  # type: ignore[attr-defined]
    person = person_detail(actor=actor, person_id=person_id)
    require(can_edit_person(actor, person))
    facts = person_facts(actor, person)
    if prefix in OPEN_STAY_FORMS and facts.open_stay is None:
        messages.error(request, _("There is no open stay to close."))
        return redirect(f"{reverse('web:person-detail', args=[person.pk])}#stays")
    form = FORM_BUILDERS[prefix](facts, request.POST)
    if form.is_valid():
        try:
            write(actor, person, form.cleaned_data, facts)
        except (Invalid, Conflict) as error:
            add_service_errors(form, error, field_map={"document_id": "document"})
        else:
            messages.success(request, success)
            return redirect(f"{reverse('web:person-detail', args=[person.pk])}#{anchor}")
    return render_person(request, person, bound={prefix: form})


def _optional(value: str) -> str | None:
    return value or None


@require_POST
@organisation_page
def name_variant_add_view(request: HttpRequest, person_id: object) -> HttpResponse:
    def write(actor: Actor, person: Person, data: dict[str, Any], facts: PersonFacts) -> object:
        return services.name_variant_add(
            actor=actor,
            person_id=person.pk,
            surname=data["surname"],
            given_name=data["given_name"],
            patronymic=data["patronymic"],
            scheme=data["scheme"],
            source_document_id=_optional(data["source_document"]),
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
        )

    return _person_write(request, person_id, "variant", write, _("The name spelling was added."), "names")


@require_POST
@organisation_page
def document_add_view(request: HttpRequest, person_id: object) -> HttpResponse:
    def write(actor: Actor, person: Person, data: dict[str, Any], facts: PersonFacts) -> object:
        return services.document_add(actor=actor, person_id=person.pk, **data)

    return _person_write(
        request, person_id, "document", write, _("The identity document was added."), "documents"
    )


@require_POST
@organisation_page
def stay_record_view(request: HttpRequest, person_id: object) -> HttpResponse:
    def write(actor: Actor, person: Person, data: dict[str, Any], facts: PersonFacts) -> object:
        return services.stay_record(
            actor=actor,
            person_id=person.pk,
            country=data["country"],
            city=data["city"],
            entry_date=data["entry_date"],
            exit_date=data["exit_date"],
            legal_basis=data["legal_basis"],
            authorised_until=data["authorised_until"],
            document_id=_optional(data["document"]),
        )

    return _person_write(request, person_id, "stay", write, _("The stay was recorded."), "stays")


@require_POST
@organisation_page
def stay_exit_view(request: HttpRequest, person_id: object) -> HttpResponse:
    def write(actor: Actor, person: Person, data: dict[str, Any], facts: PersonFacts) -> object:
        assert facts.open_stay is not None  # checked by _person_write
        return services.stay_update(actor=actor, stay_id=facts.open_stay.pk, exit_date=data["exit_date"])

    return _person_write(request, person_id, "exit", write, _("The exit was recorded."), "stays")


@require_POST
@organisation_page
def stay_registration_view(request: HttpRequest, person_id: object) -> HttpResponse:
    def write(actor: Actor, person: Person, data: dict[str, Any], facts: PersonFacts) -> object:
        assert facts.open_stay is not None  # checked by _person_write
        return services.stay_update(
            actor=actor,
            stay_id=facts.open_stay.pk,
            registered_on=data["registered_on"],
            address_changed_on=data["address_changed_on"],
        )

    return _person_write(
        request, person_id, "registration", write, _("The registration dates were recorded."), "stays"
    )


@require_POST
@organisation_page
def entry_refusal_record_view(request: HttpRequest, person_id: object) -> HttpResponse:
    def write(actor: Actor, person: Person, data: dict[str, Any], facts: PersonFacts) -> object:
        return services.entry_refusal_record(actor=actor, person_id=person.pk, **data)

    return _person_write(
        request, person_id, "refusal", write, _("The entry refusal was recorded."), "refusals"
    )


@require_POST
@organisation_page
def contact_point_add_view(request: HttpRequest, person_id: object) -> HttpResponse:
    def write(actor: Actor, person: Person, data: dict[str, Any], facts: PersonFacts) -> object:
        return services.contact_point_add(actor=actor, person_id=person.pk, **data)

    return _person_write(request, person_id, "contact", write, _("The contact point was added."), "contacts")


RISK_FACTOR_FIELDS = (
    "kind",
    "criminal_article",
    "criminal_stage",
    "wanted_scope",
    "vulnerability",
    "country",
    "occurred_on",
    "narrative",
)


@require_POST
@organisation_page
def risk_factor_record_view(request: HttpRequest, person_id: object) -> HttpResponse:
    def write(actor: Actor, person: Person, data: dict[str, Any], facts: PersonFacts) -> object:
        return services.risk_factor_record(actor=actor, person_id=person.pk, **data)

    return _person_write(request, person_id, "risk", write, _("The risk factor was recorded."), "risks")


def _risk_factor_initial(factor: RiskFactor) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(factor, name) for name in RISK_FACTOR_FIELDS}
    initial["country"] = factor.country.code or ""
    initial["is_current"] = factor.is_current
    return initial


@require_http_methods(["GET", "POST"])
@organisation_page
def risk_factor_edit_view(request: HttpRequest, person_id: object, risk_factor_id: object) -> HttpResponse:
    """Its own page: a person can have several factors, and one form per factor would crowd a phone screen."""
    actor = request.actor  # type: ignore[attr-defined]
    person = person_detail(actor=actor, person_id=person_id)
    factor = risk_factor_get(actor=actor, risk_factor_id=risk_factor_id)
    if factor.person_id != person.pk:
        raise NotFound()
    require(can_edit_person(actor, person))
    if request.method == "POST":
        form = RiskFactorEditForm(request.POST, prefix="risk")
        if form.is_valid():
            try:
                services.risk_factor_update(actor=actor, risk_factor_id=factor.pk, **form.cleaned_data)
            except (Invalid, Conflict) as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The risk factor was changed."))
                return redirect(f"{reverse('web:person-detail', args=[person.pk])}#risks")
    else:
        form = RiskFactorEditForm(prefix="risk", initial=_risk_factor_initial(factor))
    record_shown(request, person, "identity", "risk")
    context = {
        "person": person,
        "factor": factor,
        "form": form,
        "anti_war_articles": RiskFactorForm.ANTI_WAR_ARTICLES,
    }
    return render(request, "web/persons/risk_factor_edit.html", context)
