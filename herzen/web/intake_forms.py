"""Forms that take in someone new: a case for a new household, and a new member of a household.

Like every form of the pages they only parse and check input; the writes are one service call each
(`case_open_for_new_household`, `household_member_create`). The name is checked for Cyrillic here as well as
in the service, so every mistake on the page is shown in one round.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from herzen.accounts.models import User
from herzen.cases.models import Case
from herzen.people.choices import ContactKind, HouseholdRole, LegalBasis, Sex
from herzen.people.models import ContactPoint, HouseholdMember, Person, Stay
from herzen.people.validators import validate_cyrillic_name
from herzen.web.forms import (
    FUTURE_TOLERANCE,
    Data,
    country_choices,
    date_field,
    label,
    not_before,
    not_in_future,
    set_choices,
    staff_choices,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Text

# Dates as people type them: 17.05.1990 as printed in a Russian passport, 17/05/1990, or 1990-05-17.
TYPED_DATE_FORMATS = ["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"]
EARLIEST_BIRTH = date(1900, 1, 1)
STATELESS = "none"


def typed_date_field(field_label: Text) -> forms.DateField:
    """A date typed as text: a calendar widget is slow for a date decades back."""
    return forms.DateField(
        label=field_label,
        required=False,
        input_formats=TYPED_DATE_FORMATS,
        help_text=_("Day, month and year, for example 17.05.1990."),
        error_messages={"invalid": _("Enter the date as day.month.year, for example 17.05.1990.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def name_field(name: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label(Person, name),
        max_length=100,
        required=required,
        validators=[validate_cyrillic_name],
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "lang": "ru"}),
    )


class NewPersonForm(forms.Form):
    """Who someone is: the canonical Cyrillic name, sex as in the passport, date of birth."""

    surname = name_field("surname")
    given_name = name_field("given_name")
    patronymic = name_field("patronymic", required=False)
    sex = forms.ChoiceField(label=label(Person, "sex"), choices=[("", "—"), *Sex.choices])
    date_of_birth = typed_date_field(label(Person, "date_of_birth"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born = data.get("date_of_birth")
        if born is not None and born > timezone.localdate() + FUTURE_TOLERANCE:
            self.add_error("date_of_birth", _("A date of birth cannot be in the future."))
        elif born is not None and born < EARLIEST_BIRTH:
            self.add_error("date_of_birth", _("Check the year: this date is before 1900."))
        return data

    def person_fields(self) -> dict[str, Any]:
        """The arguments of `person_create` that this form collects."""
        names = ("surname", "given_name", "patronymic", "sex", "date_of_birth")
        return {name: self.cleaned_data[name] for name in names}


class HouseholdMemberForm(NewPersonForm):
    """Someone new joining a household; the principal is named when the household is made."""

    role = forms.ChoiceField(
        label=label(HouseholdMember, "role"),
        choices=[("", "—")] + [c for c in HouseholdRole.choices if c[0] != HouseholdRole.PRINCIPAL],
    )


def citizenship_choices() -> list[tuple[object, object]]:
    everyone = [(country.code, country.name) for country in countries]
    return [("RU", countries.name("RU")), (STATELESS, _("None (stateless)")), (_("All countries"), everyone)]


def second_citizenship_choices() -> list[tuple[object, object]]:
    return [("", "—"), (_("All countries"), [(country.code, country.name) for country in countries])]


class CaseOpenForm(NewPersonForm):
    """A case for someone new: the principal, how to reach them, where they are, and who holds the case."""

    citizenship = forms.ChoiceField(label=_("Citizenship"), choices=citizenship_choices, initial="RU")
    second_citizenship = forms.ChoiceField(
        label=_("Second citizenship"), choices=second_citizenship_choices, required=False
    )
    contact_kind = forms.ChoiceField(
        label=label(ContactPoint, "kind"), choices=[("", "—"), *ContactKind.choices], required=False
    )
    contact_value = forms.CharField(
        label=label(ContactPoint, "value"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    stay_country = forms.ChoiceField(label=label(Stay, "country"), choices=country_choices, required=False)
    stay_city = forms.CharField(label=label(Stay, "city"), max_length=100, required=False)
    stay_entry_date = date_field(label(Stay, "entry_date"))
    stay_legal_basis = forms.ChoiceField(
        label=label(Stay, "legal_basis"), choices=LegalBasis.choices, initial=LegalBasis.VISA_FREE
    )
    stay_authorised_until = date_field(label(Stay, "authorised_until"))
    assigned_caseworker = forms.ChoiceField(label=label(Case, "assigned_caseworker"), required=False)

    # Where the service's field names ("stay.entry_date") are shown on this form.
    SERVICE_FIELDS = {
        **{f"principal.{name}": name for name in ("surname", "given_name", "patronymic", "sex")},
        "principal.date_of_birth": "date_of_birth",
        "principal.citizenships": "citizenship",
        "contact.kind": "contact_kind",
        "contact.value": "contact_value",
        **{f"stay.{name}": f"stay_{name}" for name in ("country", "city", "entry_date", "legal_basis")},
        "stay.authorised_until": "stay_authorised_until",
    }
    STAY_FIELDS = ("stay_country", "stay_city", "stay_entry_date", "stay_authorised_until")
    # Needed once their optional group is filled in: the group's heading says it is optional, not the field.
    NEEDED_IN_GROUP = ("contact_kind", "contact_value", "stay_country", "stay_entry_date")

    def __init__(self, data: Data = None, *, staff: Iterable[User] | None, **kwargs: Any) -> None:
        """`staff` are the people the actor may assign the case to; None when the actor does not assign."""
        super().__init__(data, **kwargs)
        self.fields["contact_value"].help_text = _(
            "The preferred way to reach them: a phone number, a username or an e-mail address."
        )
        self.fields["stay_authorised_until"].help_text = _(
            "For a visa or residence permit: its last valid day."
        )
        for name in self.NEEDED_IN_GROUP:
            self.fields[name].mark_optional = False  # type: ignore[attr-defined]  # read by the field tag
        if staff is None:
            del self.fields["assigned_caseworker"]
        else:
            set_choices(self, "assigned_caseworker", [("", _("Unassigned")), *staff_choices(staff)])

    def _given(self, names: Iterable[str]) -> bool:
        """Whether any of these fields was filled in (read raw: a date that does not parse was still given)."""
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in names)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_contact(data)
        self._clean_stay(data)
        return data

    def _clean_contact(self, data: dict[str, Any]) -> None:
        kind, value = data.get("contact_kind"), data.get("contact_value")
        if kind and not value and "contact_value" not in self.errors:
            self.add_error("contact_value", _("Enter the number or address, or set the channel to “—”."))
        elif value and not kind and "contact_kind" not in self.errors:
            self.add_error("contact_kind", _("Choose the channel of this number or address."))
        elif kind == ContactKind.EMAIL and value:
            try:
                validate_email(value)
            except forms.ValidationError:
                self.add_error("contact_value", _("Enter a valid e-mail address."))

    def _clean_stay(self, data: dict[str, Any]) -> None:
        if not self._given(self.STAY_FIELDS):
            return
        if not data.get("stay_country") and "stay_country" not in self.errors:
            self.add_error("stay_country", _("Choose the country where they are now."))
        if not self._given(["stay_entry_date"]):
            self.add_error("stay_entry_date", _("Enter the date they entered the country."))
        not_in_future(self, "stay_entry_date")
        not_before(
            self,
            "stay_authorised_until",
            data.get("stay_entry_date"),
            _("The visa or permit cannot end before the entry date."),
        )

    def service_arguments(self) -> dict[str, Any]:
        """The arguments of `case_open_for_new_household`, from a valid form."""
        data = self.cleaned_data
        first = data["citizenship"]
        citizenships = [code for code in (first, data["second_citizenship"]) if code and code != STATELESS]
        principal = {**self.person_fields(), "citizenships": list(dict.fromkeys(citizenships))}
        contact = None
        if data["contact_kind"]:
            contact = {"kind": data["contact_kind"], "value": data["contact_value"]}
        stay = None
        if data["stay_country"]:
            stay = {
                "country": data["stay_country"],
                "city": data["stay_city"],
                "entry_date": data["stay_entry_date"],
                "legal_basis": data["stay_legal_basis"],
                "authorised_until": data["stay_authorised_until"],
            }
        return {
            "principal": principal,
            "contact": contact,
            "stay": stay,
            "assigned_caseworker_id": data.get("assigned_caseworker") or None,
        }
