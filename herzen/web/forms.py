"""The forms of the caseworker pages. They only parse and check input; every write is a service call.

Labels reuse the models' translated verbose names where a model field exists, so a field is called the same
everywhere. Checks that the services would otherwise turn into a crash or a message without a field (an exit
before the entry, a visa that ends before the stay begins) are made here, beside the field concerned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from herzen.accounts.models import User
from herzen.cases.models import Case, CaseNote, CaseStatus, PriorityBand
from herzen.cases.selectors import CaseFilters
from herzen.domain.risk import ANTI_WAR_ARTICLES
from herzen.people.choices import (
    ContactKind,
    CriminalStage,
    DocumentStatus,
    DocumentType,
    LegalBasis,
    NameScheme,
    RiskFactorKind,
    Vulnerability,
    WantedScope,
)
from herzen.people.models import ContactPoint, EntryRefusal, IdentityDocument, NameVariant, RiskFactor, Stay

# Where most exiles wait: offered first in every country list.
TRANSIT_COUNTRIES = ("GE", "AM", "TR", "KZ", "KG", "UZ", "RS")
# Staff in Tbilisi or Almaty can be a day ahead of the server's UTC date.
FUTURE_TOLERANCE = timedelta(days=1)


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Text  # a string, or one translated when it is shown

Data = Mapping[str, Any] | None


def label(model: type[models.Model], name: str) -> Text:
    return capfirst(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


def staff_choices(staff: Iterable[User]) -> list[tuple[Any, Any]]:
    return [(str(user.pk), str(user)) for user in staff]


def country_choices() -> list[tuple[object, object]]:
    transit = sorted(((code, countries.name(code)) for code in TRANSIT_COUNTRIES), key=lambda c: str(c[1]))
    everyone = [(country.code, country.name) for country in countries]
    return [("", "—"), (_("Transit countries"), transit), (_("All countries"), everyone)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(field_label: Text, *, required: bool = False) -> forms.DateField:
    return forms.DateField(label=field_label, required=required, widget=DateInput())


def not_in_future(form: forms.Form, *names: str) -> None:
    latest = timezone.localdate() + FUTURE_TOLERANCE
    for name in names:
        value = form.cleaned_data.get(name)
        if value is not None and value > latest:
            form.add_error(name, _("This date is in the future. Record events once they have happened."))


def not_before(form: forms.Form, later: str, earlier_value: Any, message: Text) -> None:
    value = form.cleaned_data.get(later)
    if value is not None and earlier_value is not None and value < earlier_value:
        form.add_error(later, message)


def document_choices(documents: Iterable[IdentityDocument]) -> list[tuple[Any, Any]]:
    return [("", str(_("None")))] + [
        (str(document.pk), f"{document.get_document_type_display()} {document.number}")
        for document in documents
    ]


# --- The case list -------------------------------------------------------------------------------------------

SORT_CHOICES = [
    ("priority", _("Priority, then the next deadline")),
    ("deadline", _("Legal-stay deadline, soonest first")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("reference", _("Reference")),
]
SELECTOR_SORTS = {
    "priority": "priority",
    "deadline": "deadline",
    "newest": "-opened",
    "oldest": "opened",
    "reference": "reference",
}
DEADLINE_PRESETS = (7, 14, 30, 60)
UNASSIGNED = "none"
# The queue's named views: links that fill in the filters.
DUE_THIS_WEEK_DAYS = 7
STAY_EXPIRES_SOON_DAYS = 14


class CaseFilterForm(forms.Form):
    mark_optional = False  # every filter is optional; saying so on each would be noise

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("A name in any script or spelling, or a case reference."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    country = forms.ChoiceField(label=_("Current country"), required=False)
    caseworker = forms.ChoiceField(label=_("Caseworker"), required=False)
    within = forms.IntegerField(
        label=_("Legal stay ends or registration is due within (days)"),
        required=False,
        min_value=0,
        max_value=3650,
        widget=forms.NumberInput(attrs={"list": "deadline-presets", "inputmode": "numeric"}),
    )
    due = forms.IntegerField(
        label=_("Next deadline within (days)"),
        required=False,
        min_value=0,
        max_value=3650,
        help_text=_(
            "Any deadline: the legal stay, a registration, a summons deemed served, further restrictions."
        ),
        widget=forms.NumberInput(attrs={"list": "deadline-presets", "inputmode": "numeric"}),
    )
    band = forms.ChoiceField(label=_("Priority"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data: Data, *, country_codes: Iterable[str], staff: Iterable[User]) -> None:
        super().__init__(data)
        set_choices(self, "status", [("", _("Any status")), *CaseStatus.choices])
        present = sorted(((code, countries.name(code)) for code in country_codes), key=lambda c: str(c[1]))
        set_choices(self, "country", [("", _("Any country")), *present])
        set_choices(
            self, "caseworker", [("", _("Anyone")), (UNASSIGNED, _("Unassigned")), *staff_choices(staff)]
        )
        set_choices(self, "band", [("", _("Any priority")), *PriorityBand.choices])

    def filters(self) -> CaseFilters:
        """The valid part of the input; a value that does not parse is ignored (and shown as an error)."""
        self.is_valid()
        data = self.cleaned_data
        return CaseFilters(
            status=data.get("status") or "",
            country=data.get("country") or "",
            caseworker_id=data.get("caseworker") or "",
            deadline_within_days=data.get("within"),
            due_within_days=data.get("due"),
            band=data.get("band") or "",
            query=(data.get("q") or "").strip(),
            sort=SELECTOR_SORTS.get(data.get("sort") or "priority", "priority"),
        )

    def is_filtered(self) -> bool:
        return any(
            self.data.get(name) for name in ("q", "status", "country", "caseworker", "within", "due", "band")
        )


# --- The case page -------------------------------------------------------------------------------------------


class NoteForm(forms.Form):
    body = forms.CharField(
        label=label(CaseNote, "body"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Visible to everyone in your organisation who can see this case. Notes cannot be edited."
        ),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=label(Case, "status"), choices=CaseStatus.choices)


class AssignForm(forms.Form):
    mark_optional = False  # the empty choice is "Unassigned", a real answer
    assigned_caseworker = forms.ChoiceField(label=label(Case, "assigned_caseworker"), required=False)

    def __init__(self, data: Data = None, *, staff: Iterable[User], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        set_choices(self, "assigned_caseworker", [("", _("Unassigned")), *staff_choices(staff)])


# --- The person page -----------------------------------------------------------------------------------------


class NameVariantForm(forms.Form):
    surname = forms.CharField(label=label(NameVariant, "surname"), max_length=100)
    given_name = forms.CharField(label=label(NameVariant, "given_name"), max_length=100)
    patronymic = forms.CharField(label=label(NameVariant, "patronymic"), max_length=100, required=False)
    scheme = forms.ChoiceField(
        label=label(NameVariant, "scheme"), choices=NameScheme.choices, initial=NameScheme.ICAO_9303
    )
    source_document = forms.ChoiceField(label=label(NameVariant, "source_document"), required=False)
    valid_from = date_field(label(NameVariant, "valid_from"))
    valid_until = date_field(label(NameVariant, "valid_until"))

    def __init__(self, data: Data = None, *, documents: Iterable[IdentityDocument], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        set_choices(self, "source_document", document_choices(documents))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        not_before(
            self,
            "valid_until",
            data.get("valid_from"),
            _("The end of validity cannot be before its start."),
        )
        return data


class DocumentForm(forms.Form):
    document_type = forms.ChoiceField(
        label=label(IdentityDocument, "document_type"), choices=DocumentType.choices
    )
    number = forms.CharField(
        label=label(IdentityDocument, "number"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    issuing_country = forms.ChoiceField(
        label=label(IdentityDocument, "issuing_country"), choices=country_choices, initial="RU"
    )
    issuer = forms.CharField(label=label(IdentityDocument, "issuer"), max_length=200, required=False)
    issue_date = date_field(label(IdentityDocument, "issue_date"))
    expiry_date = date_field(label(IdentityDocument, "expiry_date"))
    status = forms.ChoiceField(
        label=label(IdentityDocument, "status"), choices=DocumentStatus.choices, initial=DocumentStatus.VALID
    )
    retains_legacy_spelling = forms.BooleanField(
        label=label(IdentityDocument, "retains_legacy_spelling"),
        required=False,
        help_text=IdentityDocument._meta.get_field("retains_legacy_spelling").help_text,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        not_in_future(self, "issue_date")
        not_before(
            self,
            "expiry_date",
            data.get("issue_date"),
            _("The expiry date cannot be before the issue date."),
        )
        return data


class StayForm(forms.Form):
    country = forms.ChoiceField(label=label(Stay, "country"), choices=country_choices)
    city = forms.CharField(label=label(Stay, "city"), max_length=100, required=False)
    entry_date = date_field(label(Stay, "entry_date"), required=True)
    exit_date = date_field(label(Stay, "exit_date"))
    legal_basis = forms.ChoiceField(
        label=label(Stay, "legal_basis"), choices=LegalBasis.choices, initial=LegalBasis.VISA_FREE
    )
    authorised_until = date_field(label(Stay, "authorised_until"))
    document = forms.ChoiceField(label=label(Stay, "document"), required=False)

    def __init__(
        self,
        data: Data = None,
        *,
        documents: Iterable[IdentityDocument],
        open_stay: Stay | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.open_stay = open_stay
        self.fields["exit_date"].help_text = _("Leave empty while the person is still in the country.")
        self.fields["authorised_until"].help_text = _("For a visa or residence permit: its last valid day.")
        set_choices(self, "document", document_choices(documents))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        exit_given = data.get("exit_date") is not None or bool(self.data.get(self.add_prefix("exit_date")))
        not_in_future(self, "entry_date", "exit_date")
        entry = data.get("entry_date")
        not_before(self, "exit_date", entry, _("The exit date cannot be before the entry date."))
        not_before(
            self,
            "authorised_until",
            entry,
            _("The visa or permit cannot end before the entry date."),
        )
        if self.open_stay is not None and entry is not None and not exit_given:
            # A person is in one place at a time: the open stay must end before another open one begins.
            self.add_error(
                "exit_date",
                _(
                    "The stay in %(country)s since %(date)s is still open. Record that exit first, "
                    "or give this stay an exit date."
                )
                % {
                    "country": self.open_stay.country.name,
                    "date": date_format(self.open_stay.entry_date, "j E Y"),
                },
            )
        return data


class ExitForm(forms.Form):
    exit_date = date_field(label(Stay, "exit_date"), required=True)

    def __init__(self, data: Data = None, *, entry_date: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.entry_date = entry_date

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        not_in_future(self, "exit_date")
        not_before(self, "exit_date", self.entry_date, _("The exit date cannot be before the entry date."))
        return data


class StayRegistrationForm(forms.Form):
    """When the current stay was last registered, and when the person last moved to a new address."""

    registered_on = date_field(label(Stay, "registered_on"))
    address_changed_on = date_field(label(Stay, "address_changed_on"))

    def __init__(self, data: Data = None, *, stay: Stay, **kwargs: Any) -> None:
        super().__init__(
            data,
            initial={"registered_on": stay.registered_on, "address_changed_on": stay.address_changed_on},
            **kwargs,
        )
        self.entry_date = stay.entry_date
        self.fields["registered_on"].help_text = _(
            "The day the host or the person registered the stay (or the new address)."
        )
        self.fields["address_changed_on"].help_text = _(
            "Where the country requires it, a move starts the registration clock again."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        not_in_future(self, "registered_on", "address_changed_on")
        if not self.errors and data.get("registered_on") is None and data.get("address_changed_on") is None:
            # Nothing to record (a form sent empty by mistake must not wipe the dates on file).
            self.add_error("registered_on", _("Give the registration date, the date of the move, or both."))
        for name in ("registered_on", "address_changed_on"):
            not_before(self, name, self.entry_date, _("This date cannot be before the entry date."))
        return data


class EntryRefusalForm(forms.Form):
    country = forms.ChoiceField(label=label(EntryRefusal, "country"), choices=country_choices)
    refused_on = date_field(label(EntryRefusal, "refused_on"), required=True)
    border_point = forms.CharField(label=label(EntryRefusal, "border_point"), max_length=200, required=False)
    reason_given = forms.CharField(
        label=label(EntryRefusal, "reason_given"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        not_in_future(self, "refused_on")
        return data


class ContactPointForm(forms.Form):
    kind = forms.ChoiceField(label=label(ContactPoint, "kind"), choices=ContactKind.choices)
    value = forms.CharField(
        label=label(ContactPoint, "value"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    is_preferred = forms.BooleanField(label=label(ContactPoint, "is_preferred"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ContactKind.EMAIL and data.get("value"):
            try:
                validate_email(data["value"])
            except forms.ValidationError:
                self.add_error("value", _("Enter a valid e-mail address."))
        return data


# --- Risk factors ----------------------------------------------------------------------------------------------


def _optional_choices(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class RiskFactorForm(forms.Form):
    """Record or change one danger. Which detail a kind needs (a stage, a posting date, a list, a vulnerability) is
    checked by the model and shown beside the field; the form only offers the choices."""

    kind = forms.ChoiceField(label=label(RiskFactor, "kind"), choices=RiskFactorKind.choices)
    criminal_article = forms.CharField(
        label=label(RiskFactor, "criminal_article"),
        max_length=16,
        required=False,
        help_text=_("For example 207.3 or 280.3."),
        widget=forms.TextInput(attrs={"list": "anti-war-articles", "inputmode": "decimal"}),
    )
    criminal_stage = forms.ChoiceField(
        label=label(RiskFactor, "criminal_stage"),
        required=False,
        choices=_optional_choices(CriminalStage.choices),
    )
    wanted_scope = forms.ChoiceField(
        label=label(RiskFactor, "wanted_scope"),
        required=False,
        choices=_optional_choices(WantedScope.choices),
    )
    vulnerability = forms.ChoiceField(
        label=label(RiskFactor, "vulnerability"),
        required=False,
        choices=_optional_choices(Vulnerability.choices),
    )
    country = forms.ChoiceField(label=label(RiskFactor, "country"), required=False, choices=country_choices)
    occurred_on = date_field(label(RiskFactor, "occurred_on"))
    appearance_on = date_field(label(RiskFactor, "appearance_on"))
    narrative = forms.CharField(
        label=label(RiskFactor, "narrative"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    ANTI_WAR_ARTICLES = ANTI_WAR_ARTICLES  # offered as suggestions for the article field

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appearance_on"].help_text = _(
            "For a summons: the day it says to appear. Further restrictions start 20 days after it."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        not_in_future(self, "occurred_on")
        return data


class RiskFactorEditForm(RiskFactorForm):
    is_current = forms.BooleanField(
        label=label(RiskFactor, "is_current"),
        required=False,
        help_text=_("Untick when the danger is over: it stays on record but no longer raises the priority."),
    )
