"""The questions of the intake, one form per topic. They parse and check; services.py writes.

Every form keeps what was typed when it fails (Django re-renders the bound data) and names each message
after its field, so the page can show it beside the field and in the summary at the top.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from herzen.domain.names import is_cyrillic
from herzen.intake.models import EvidenceKind
from herzen.people.choices import (
    CriminalStage,
    DocumentStatus,
    DocumentType,
    HouseholdRole,
    LegalBasis,
    RiskFactorKind,
    Sex,
    Vulnerability,
    WantedScope,
)
from herzen.people.declaration_texts import CURRENT_WORDINGS, DeclarationKind

EARLIEST_BIRTH = date(1900, 1, 1)
# Where most exiles wait, offered first in the country list.
TRANSIT_COUNTRIES = ("GE", "AM", "TR", "KZ", "KG", "UZ", "RS", "ME", "AE", "IL")
COMMON_CITIZENSHIPS = ("RU", "BY", "UA", "KZ", "AM", "GE", "IL")
STATELESS = "none"
LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z' \-]*$")
PHONE = re.compile(r"^\+?[0-9 ()\-]{6,20}$")
MESSENGER = re.compile(r"^(@[A-Za-z0-9_]{4,32}|\+?[0-9 ()\-]{6,20})$")
CONTACT_KINDS = ("email", "phone", "signal", "telegram")
DOCUMENT_STATUSES = (
    DocumentStatus.VALID,
    DocumentStatus.EXPIRED,
    DocumentStatus.SEIZED,
    DocumentStatus.RENEWAL_REFUSED,
)
MEMBER_ROLES = (HouseholdRole.SPOUSE_OR_PARTNER, HouseholdRole.CHILD, HouseholdRole.OTHER_DEPENDANT)
# 31.12.1990, 31/12/1990, 31-12-1990, 31 12 1990, 1990-12-31, 1990.12.31
DAY_FIRST = re.compile(r"^\s*(\d{1,2})\s*[./\- ]\s*(\d{1,2})\s*[./\- ]\s*(\d{4})\s*$")
YEAR_FIRST = re.compile(r"^\s*(\d{4})\s*[./\- ]\s*(\d{1,2})\s*[./\- ]\s*(\d{1,2})\s*$")


def parse_typed_date(text: str) -> date | None:
    """A date as people type it, day first (as in every passport they hold) or ISO year first."""
    if match := DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := YEAR_FIRST.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class TypedDateField(forms.CharField):
    """A date typed as text, shown back as 31.12.1990: a calendar is slow for a date decades back."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("For example 31.12.1990"))
        super().__init__(max_length=20, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "class": "input--date"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date):
            return value.strftime("%d.%m.%Y")
        if isinstance(value, str) and (parsed := YEAR_FIRST.match(value)) and len(value) == 10:
            year, month, day = parsed.groups()
            return f"{int(day):02d}.{int(month):02d}.{year}"
        return value

    def clean(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        parsed = parse_typed_date(text)
        if parsed is None:
            raise forms.ValidationError(
                _("Enter a real date as day, month and year, for example 31.12.1990."), code="invalid"
            )
        return parsed


def country_choices() -> list[tuple[Any, Any]]:
    transit = sorted(((code, countries.name(code)) for code in TRANSIT_COUNTRIES), key=lambda c: str(c[1]))
    everyone = [(country.code, country.name) for country in countries]
    return [
        ("", _("Choose a country")),
        (_("Where many people wait"), transit),
        (_("All countries"), everyone),
    ]


def _cyrillic(form: forms.Form, *names: str) -> None:
    for name in names:
        value = form.cleaned_data.get(name)
        if value and not is_cyrillic(value):
            form.add_error(name, _("Write it in Cyrillic letters, as in your Russian passport."))


def _latin(form: forms.Form, *names: str) -> None:
    for name in names:
        value = form.cleaned_data.get(name)
        if value and not LATIN_NAME.match(value):
            form.add_error(name, _("Write it in Latin letters, exactly as printed in the passport."))


def _not_in_future(form: forms.Form, *names: str) -> None:
    for name in names:
        value = form.cleaned_data.get(name)
        if value is not None and value > timezone.localdate():
            form.add_error(name, _("This date is in the future."))


def _birth_date(form: forms.Form, name: str) -> None:
    value = form.cleaned_data.get(name)
    if value is not None and value < EARLIEST_BIRTH:
        form.add_error(name, _("Check the year of birth."))
    _not_in_future(form, name)


def name_fields(form: forms.Form) -> None:
    form.fields["surname"] = forms.CharField(
        label=_("Surname"), max_length=100, help_text=_("In Cyrillic, as in the Russian passport")
    )
    form.fields["given_name"] = forms.CharField(label=_("Given name"), max_length=100)
    form.fields["patronymic"] = forms.CharField(
        label=_("Patronymic"), max_length=100, required=False, help_text=_("Leave empty if you have none")
    )
    form.fields["sex"] = forms.ChoiceField(
        label=_("Sex as in the passport"), choices=Sex.choices, widget=forms.RadioSelect
    )
    form.fields["date_of_birth"] = TypedDateField(label=_("Date of birth"))


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, languages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages  # type: ignore[attr-defined]


class AboutForm(forms.Form):
    groups = [
        (_("Your name"), ["surname", "given_name", "patronymic"]),
        (None, ["sex", "date_of_birth"]),
        (
            _("Your name in Latin letters"),
            ["latin1_surname", "latin1_given_name", "latin2_surname", "latin2_given_name"],
        ),
        (_("Citizenship"), ["citizenships", "other_citizenship"]),
        (_("How we can reach you"), ["email", "phone", "telegram", "signal", "preferred", "notify_news"]),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_fields(self)
        self.fields["date_of_birth"].required = True
        latin_help = _("As printed in your international passport")
        other_help = _("If another passport, or an older one, spells it differently")
        self.fields["latin1_surname"] = forms.CharField(
            label=_("Surname in Latin letters"), max_length=100, required=False, help_text=latin_help
        )
        self.fields["latin1_given_name"] = forms.CharField(
            label=_("Given name in Latin letters"), max_length=100, required=False
        )
        self.fields["latin2_surname"] = forms.CharField(
            label=_("Surname in another passport"), max_length=100, required=False, help_text=other_help
        )
        self.fields["latin2_given_name"] = forms.CharField(
            label=_("Given name in another passport"), max_length=100, required=False
        )
        self.fields["citizenships"] = forms.MultipleChoiceField(
            label=_("Your citizenships"),
            choices=[(code, countries.name(code)) for code in COMMON_CITIZENSHIPS]
            + [(STATELESS, _("I have no citizenship"))],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("Tick every one you hold"),
        )
        self.fields["other_citizenship"] = forms.ChoiceField(
            label=_("Another citizenship"), choices=country_choices(), required=False
        )
        self.fields["email"] = forms.CharField(label=_("E-mail"), max_length=200, required=False)
        self.fields["email"].widget.attrs.update({"inputmode": "email", "autocomplete": "email"})
        self.fields["phone"] = forms.CharField(
            label=_("Phone"), max_length=30, required=False, help_text=_("With the country code, e.g. +995 …")
        )
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["telegram"] = forms.CharField(
            label=_("Telegram"), max_length=40, required=False, help_text=_("@username or phone number")
        )
        self.fields["signal"] = forms.CharField(
            label=_("Signal"), max_length=40, required=False, help_text=_("@username or phone number")
        )
        self.fields["preferred"] = forms.ChoiceField(
            label=_("How should we contact you first?"),
            choices=[
                ("email", _("E-mail")),
                ("phone", _("Phone")),
                ("telegram", _("Telegram")),
                ("signal", _("Signal")),
            ],
            widget=forms.RadioSelect,
        )
        self.fields["notify_news"] = forms.BooleanField(
            label=_("Tell me by e-mail when there is news on my application"),
            required=False,
            help_text=_(
                "The message only says that there is news and asks you to open your private link: no name, "
                "no details. You can stop it, or add Telegram, on your application's page."
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _cyrillic(self, "surname", "given_name", "patronymic")
        _latin(self, "latin1_surname", "latin1_given_name", "latin2_surname", "latin2_given_name")
        _birth_date(self, "date_of_birth")
        for surname, given in (
            ("latin1_surname", "latin1_given_name"),
            ("latin2_surname", "latin2_given_name"),
        ):
            if bool(data.get(surname)) != bool(data.get(given)):
                missing = given if data.get(surname) else surname
                self.add_error(missing, _("Give both the surname and the given name, or neither."))
        citizenships = data.get("citizenships") or []
        if STATELESS in citizenships and (len(citizenships) > 1 or data.get("other_citizenship")):
            self.add_error("citizenships", _("You ticked “no citizenship” and a citizenship."))
        if not citizenships and not data.get("other_citizenship"):
            self.add_error("citizenships", _("Tick your citizenship, or “I have no citizenship”."))
        email = (data.get("email") or "").strip()
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                self.add_error("email", _("Enter an e-mail address like name@example.org."))
        if data.get("phone") and not PHONE.match(data["phone"].strip()):
            self.add_error("phone", _("Enter the number with digits only, for example +995 555 123 456."))
        for kind in ("telegram", "signal"):
            if data.get(kind) and not MESSENGER.match(data[kind].strip()):
                self.add_error(kind, _("Enter an @username or a phone number."))
        preferred = data.get("preferred")
        if not any(data.get(kind) for kind in CONTACT_KINDS):
            self.add_error("email", _("Give at least one way to reach you."))
        elif preferred and not data.get(preferred):
            self.add_error("preferred", _("Fill in the channel you chose, or choose one you filled in."))
        return data


class LocationForm(forms.Form):
    groups = [(None, ["country", "city", "entry_date", "legal_basis", "authorised_until", "document_used"])]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(
            label=_("Country you are in now"), choices=country_choices()
        )
        self.fields["city"] = forms.CharField(label=_("City or town"), max_length=100, required=False)
        self.fields["entry_date"] = TypedDateField(
            label=_("Date you last entered this country"),
            help_text=_("As in the entry stamp, for example 02.03.2026"),
        )
        self.fields["legal_basis"] = forms.ChoiceField(
            label=_("On what basis are you staying?"), choices=LegalBasis.choices, widget=forms.RadioSelect
        )
        self.fields["authorised_until"] = TypedDateField(
            label=_("Visa or permit valid until"),
            required=False,
            help_text=_("Only if you have a visa or a residence permit"),
        )
        self.fields["document_used"] = forms.ChoiceField(
            label=_("Document you crossed the border with"),
            choices=[("", _("Choose a document")), *DocumentType.choices],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _not_in_future(self, "entry_date")
        entry, until = data.get("entry_date"), data.get("authorised_until")
        if entry and until and until < entry:
            self.add_error("authorised_until", _("This date is before the date you entered."))
        if data.get("legal_basis") in (LegalBasis.VISA, LegalBasis.RESIDENCE_PERMIT) and not until:
            self.add_error("authorised_until", _("Give the date your visa or permit ends."))
        return data


class DocumentForm(forms.Form):
    groups = [(None, ["document_type", "number", "issuing_country", "expiry_date", "status"])]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_type"] = forms.ChoiceField(
            label=_("Document"), choices=[("", _("Choose a document")), *DocumentType.choices]
        )
        self.fields["number"] = forms.CharField(label=_("Number"), max_length=64)
        self.fields["issuing_country"] = forms.ChoiceField(
            label=_("Issued by"), choices=country_choices(), initial="RU"
        )
        self.fields["expiry_date"] = TypedDateField(label=_("Valid until"), required=False)
        self.fields["status"] = forms.ChoiceField(
            label=_("What is its status now?"),
            choices=[(status.value, status.label) for status in DOCUMENT_STATUSES],
            widget=forms.RadioSelect,
        )


class RisksForm(forms.Form):
    groups = [
        (None, ["kinds"]),
        (_("If there is a criminal case"), ["criminal_article", "criminal_stage"]),
        (_("If you received a summons"), ["summons_date"]),
        (_("If you are on a wanted list"), ["wanted_scope"]),
        (_("If you are especially vulnerable"), ["vulnerability"]),
        (None, ["narrative"]),
    ]

    # With household members, each kind of danger says whom it concerns (a summons sent to the spouse is
    # pinned on the spouse); the kinds without a group of their own share `other_person`.
    PERSON_FIELDS = {
        "criminal_article": "criminal_person",
        "summons_date": "summons_person",
        "wanted_scope": "wanted_person",
        "vulnerability": "vulnerability_person",
    }

    def __init__(self, *args: Any, people: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people and len(people) > 1:
            self._add_person_fields(people)
        self.fields["kinds"] = forms.MultipleChoiceField(
            label=_("What puts you in danger?"),
            choices=RiskFactorKind.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("Tick everything that applies. You can leave this empty and explain below."),
        )
        self.fields["criminal_article"] = forms.CharField(
            label=_("Article of the Criminal Code"),
            max_length=16,
            required=False,
            help_text=_("For example 207.3"),
        )
        self.fields["criminal_stage"] = forms.ChoiceField(
            label=_("How far has the case gone?"),
            choices=[("", _("Choose")), *CriminalStage.choices],
            required=False,
        )
        self.fields["summons_date"] = TypedDateField(label=_("Date the summons was sent"), required=False)
        self.fields["wanted_scope"] = forms.ChoiceField(
            label=_("Which wanted list?"), choices=[("", _("Choose")), *WantedScope.choices], required=False
        )
        self.fields["vulnerability"] = forms.ChoiceField(
            label=_("What makes you vulnerable?"),
            choices=[("", _("Choose")), *Vulnerability.choices],
            required=False,
        )
        self.fields["narrative"] = forms.CharField(
            label=_("Tell us what happened, in your own words"),
            widget=forms.Textarea(attrs={"rows": 6}),
            max_length=10_000,
            required=False,
        )

    def _add_person_fields(self, people: list[tuple[str, str]]) -> None:
        groups = []
        for title, names in self.groups:
            person_field = next((self.PERSON_FIELDS[n] for n in names if n in self.PERSON_FIELDS), None)
            if person_field:
                names = [*names, person_field]
            groups.append((title, names))
        groups.insert(-1, (None, ["other_person"]))
        self.groups = groups
        for name in [*self.PERSON_FIELDS.values(), "other_person"]:
            self.fields[name] = forms.ChoiceField(
                label=_("Whom does it concern?")
                if name != "other_person"
                else _("Whom do the other dangers concern?"),
                choices=people,
                widget=forms.RadioSelect,
                required=False,
                initial="",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kinds = set(data.get("kinds") or [])
        if RiskFactorKind.CRIMINAL_CASE in kinds and not data.get("criminal_stage"):
            self.add_error("criminal_stage", _("Say how far the criminal case has gone."))
        if RiskFactorKind.MOBILISATION_SUMMONS in kinds and not data.get("summons_date"):
            self.add_error("summons_date", _("Give the date the summons was sent."))
        if RiskFactorKind.WANTED_LIST in kinds and not data.get("wanted_scope"):
            self.add_error("wanted_scope", _("Say which wanted list."))
        if RiskFactorKind.VULNERABILITY in kinds and not data.get("vulnerability"):
            self.add_error("vulnerability", _("Say what makes you vulnerable."))
        _not_in_future(self, "summons_date")
        if not kinds and not (data.get("narrative") or "").strip():
            self.add_error("kinds", _("Tick what puts you in danger, or explain it below."))
        return data


class DeclarationsForm(forms.Form):
    """The two declarations in their current wording (herzen.people.declaration_texts, the one source): the
    wording shown here is the wording recorded with the person on submit."""

    groups = [(None, ["borders", "destalinisation"])]

    borders = forms.BooleanField(
        label=CURRENT_WORDINGS[DeclarationKind.BORDERS_OF_1992].text,
        error_messages={"required": _("You must affirm this to apply to the programme.")},
    )
    destalinisation = forms.BooleanField(
        label=CURRENT_WORDINGS[DeclarationKind.DESTALINISATION].text,
        error_messages={"required": _("You must affirm this to apply to the programme.")},
    )


class NeedsForm(forms.Form):
    groups = [(None, ["pathway", "housing", "work", "financial", "other_needs"])]

    pathway = forms.ChoiceField(
        label=_("Do you want to move to a safe country through a protection programme?"),
        choices=[
            ("yes", _("Yes")),
            ("unsure", _("I am not sure yet")),
            ("no", _("No, I need help where I am")),
        ],
        widget=forms.RadioSelect,
    )
    housing = forms.BooleanField(label=_("I need help with housing"), required=False)
    work = forms.BooleanField(label=_("I need help finding work"), required=False)
    financial = forms.BooleanField(label=_("I need financial help"), required=False)
    other_needs = forms.CharField(
        label=_("Anything else you need"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2_000,
        required=False,
    )


class OrganisationForm(forms.Form):
    groups = [(None, ["organisation"])]

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ChoiceField(
            label=_("Which organisation should receive your application?"),
            choices=organisations,
            widget=forms.RadioSelect,
        )


class UploadForm(forms.Form):
    groups = [(None, ["file", "kind", "concerns"])]

    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG or HEIC photo. Location data is removed from photos."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.heic,.heif"}),
    )
    kind = forms.ChoiceField(
        label=_("What does it show?"), choices=EvidenceKind.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, concerns: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Whom the paper is about: the applicant or one of the household members they named.
        self.fields["concerns"] = forms.ChoiceField(
            label=_("Whom does it concern?"),
            choices=concerns or [("", _("Me"))],
            widget=forms.RadioSelect,
            required=False,
            initial="",
        )


class ResendForm(forms.Form):
    groups = [(None, ["email"])]

    email = forms.EmailField(label=_("E-mail address you gave in your application"), max_length=200)
