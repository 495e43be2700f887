"""Forms that correct what is recorded about a person: who they are, and their role in the household.

The other corrections (a spelling, a document, a contact point, a stay) reuse the forms that add them, filled
with the record's values; every write is the service's, with the same checks as when the record was added.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from herzen.people.choices import HouseholdRole
from herzen.people.models import HouseholdMember, Person
from herzen.people.validators import validate_language_codes
from herzen.web.forms import label
from herzen.web.intake_forms import NewPersonForm


class PersonEditForm(NewPersonForm):
    citizenships = forms.MultipleChoiceField(
        label=label(Person, "citizenships"),
        required=False,
        help_text=_("Choose none for a stateless person."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    languages = forms.CharField(
        label=label(Person, "languages"),
        required=False,
        max_length=100,
        help_text=_("ISO 639-1 codes separated by commas, e.g. ru, uk, en"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    profession = forms.CharField(label=label(Person, "profession"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(country.code, country.name) for country in countries]
        self.fields["citizenships"].choices = choices  # type: ignore[attr-defined]

    def clean_languages(self) -> list[str]:
        codes = [code.strip().lower() for code in self.cleaned_data["languages"].split(",") if code.strip()]
        try:
            validate_language_codes(codes)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return codes

    @staticmethod
    def initial_of(person: Person) -> dict[str, Any]:
        return {
            "surname": person.surname,
            "given_name": person.given_name,
            "patronymic": person.patronymic,
            "sex": person.sex,
            "date_of_birth": person.date_of_birth.strftime("%d.%m.%Y") if person.date_of_birth else "",
            "citizenships": [country.code for country in person.citizenships],
            "languages": ", ".join(person.languages),
            "profession": person.profession,
        }

    @staticmethod
    def changes_of(data: dict[str, Any]) -> dict[str, Any]:
        """The arguments of `person_update` from the cleaned data: every field (the service records only those
        that changed)."""
        names = ("surname", "given_name", "patronymic", "sex", "date_of_birth", "citizenships", "languages")
        return {**{name: data[name] for name in names}, "profession": data["profession"]}


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=label(HouseholdMember, "role"),
        choices=[c for c in HouseholdRole.choices if c[0] != HouseholdRole.PRINCIPAL],
    )
