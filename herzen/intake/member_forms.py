"""A household member at intake, as a full person: name, birth, role, their own citizenships, identity
document and stay (so each gets a legal-stay deadline of their own). Kept apart from forms.py by size."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from herzen.intake.forms import (
    COMMON_CITIZENSHIPS,
    DOCUMENT_STATUSES,
    MEMBER_ROLES,
    STATELESS,
    TypedDateField,
    _birth_date,
    _cyrillic,
    _not_in_future,
    country_choices,
    name_fields,
)
from herzen.people.choices import DocumentType, LegalBasis

SAME, OWN = "same", "own"


class MemberForm(forms.Form):
    groups = [
        (None, ["surname", "given_name", "patronymic", "sex", "date_of_birth", "role"]),
        (_("Citizenship"), ["citizenships", "other_citizenship"]),
        (
            _("Their identity document"),
            [
                "document_type",
                "document_number",
                "document_issuing_country",
                "document_expiry_date",
                "document_status",
            ],
        ),
        (_("Their stay in the country"), ["stay", "entry_date", "legal_basis", "authorised_until"]),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_fields(self)
        self.fields["role"] = forms.ChoiceField(
            label=_("Who is this person to you?"),
            choices=[(role.value, role.label) for role in MEMBER_ROLES],
            widget=forms.RadioSelect,
        )
        self.fields["citizenships"] = forms.MultipleChoiceField(
            label=_("Their citizenships"),
            choices=[(code, countries.name(code)) for code in COMMON_CITIZENSHIPS]
            + [(STATELESS, _("No citizenship"))],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("Tick every one they hold. If you tick none, we note the same as yours."),
        )
        self.fields["other_citizenship"] = forms.ChoiceField(
            label=_("Another citizenship"), choices=country_choices(), required=False
        )
        self.fields["document_type"] = forms.ChoiceField(
            label=_("Document"),
            choices=[("", _("Choose a document")), *DocumentType.choices],
            required=False,
            help_text=_("Leave it empty if they have none, or if a child is in a parent's passport."),
        )
        self.fields["document_number"] = forms.CharField(label=_("Number"), max_length=64, required=False)
        self.fields["document_issuing_country"] = forms.ChoiceField(
            label=_("Issued by"), choices=country_choices(), initial="RU", required=False
        )
        self.fields["document_expiry_date"] = TypedDateField(label=_("Valid until"), required=False)
        self.fields["document_status"] = forms.ChoiceField(
            label=_("What is its status now?"),
            choices=[(status.value, status.label) for status in DOCUMENT_STATUSES],
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["stay"] = forms.ChoiceField(
            label=_("Did this person come into the country with you?"),
            choices=[
                (SAME, _("Yes: on the same day, on the same basis")),
                (OWN, _("No: their entry or basis is different")),
            ],
            widget=forms.RadioSelect,
            initial=SAME,
            required=False,  # not answered: the same as the applicant's
        )
        self.fields["entry_date"] = TypedDateField(
            label=_("Date this person last entered the country"),
            required=False,
            help_text=_("Only if it is different from yours"),
        )
        self.fields["legal_basis"] = forms.ChoiceField(
            label=_("On what basis is this person staying?"),
            choices=[("", _("Choose")), *LegalBasis.choices],
            required=False,
        )
        self.fields["authorised_until"] = TypedDateField(
            label=_("Visa or permit valid until"), required=False
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _cyrillic(self, "surname", "given_name", "patronymic")
        _birth_date(self, "date_of_birth")
        citizenships = data.get("citizenships") or []
        if STATELESS in citizenships and (len(citizenships) > 1 or data.get("other_citizenship")):
            self.add_error("citizenships", _("You ticked “no citizenship” and a citizenship."))
        if data.get("document_number") and not data.get("document_type"):
            self.add_error("document_type", _("Say which document this number is of."))
        if data.get("document_type") and not (data.get("document_number") or "").strip():
            self.add_error("document_number", _("Give the document number."))
        if data.get("document_type") and not data.get("document_status"):
            self.add_error("document_status", _("Say what its status is now."))
        if data.get("stay") == OWN:
            self._clean_own_stay(data)
        return data

    def _clean_own_stay(self, data: dict[str, Any]) -> None:
        _not_in_future(self, "entry_date")
        if not data.get("entry_date"):
            self.add_error("entry_date", _("Give the date this person entered."))
        if not data.get("legal_basis"):
            self.add_error("legal_basis", _("Say on what basis this person is staying."))
        entry, until = data.get("entry_date"), data.get("authorised_until")
        if entry and until and until < entry:
            self.add_error("authorised_until", _("This date is before the date this person entered."))
        if data.get("legal_basis") in (LegalBasis.VISA, LegalBasis.RESIDENCE_PERMIT) and not until:
            self.add_error("authorised_until", _("Give the date the visa or permit ends."))
