"""The forms of the evidence pages: an evidence item with its file, and the verification actions."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from herzen.evidence.models import (
    EvidenceItem,
    EvidenceKind,
    Language,
    PublicSource,
    SourceKind,
    TranslationStatus,
    Vouch,
)
from herzen.people.models import HouseholdMember, RiskFactor
from herzen.web.forms import Data, label, set_choices


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=label(EvidenceItem, "kind"), choices=[("", "—"), *EvidenceKind.choices])
    title = forms.CharField(
        label=label(EvidenceItem, "title"),
        max_length=200,
        help_text=EvidenceItem._meta.get_field("title").help_text,
    )
    person = forms.ChoiceField(label=label(EvidenceItem, "person"), required=False)
    risk_factors = forms.MultipleChoiceField(
        label=label(EvidenceItem, "risk_factors"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The dangers this evidence shows."),
    )
    original_language = forms.ChoiceField(
        label=label(EvidenceItem, "original_language"), choices=Language.choices, initial=Language.RUSSIAN
    )
    translation_status = forms.ChoiceField(
        label=label(EvidenceItem, "translation_status"),
        choices=TranslationStatus.choices,
        initial=TranslationStatus.NONE,
    )
    source_kind = forms.ChoiceField(
        label=label(EvidenceItem, "source_kind"), choices=[("", "—"), *SourceKind.choices]
    )
    obtained_from = forms.CharField(
        label=label(EvidenceItem, "obtained_from"),
        max_length=500,
        required=False,
        help_text=EvidenceItem._meta.get_field("obtained_from").help_text,
    )
    description = forms.CharField(
        label=label(EvidenceItem, "description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "A scan, photo, PDF or screenshot. Kept outside the website; only staff of the case open it."
        ),
    )

    def __init__(
        self,
        data: Data = None,
        files: Any = None,
        *,
        members: Iterable[HouseholdMember],
        risk_factors: Iterable[RiskFactor],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, files, **kwargs)
        set_choices(self, "person", [("", "—"), *((str(m.person_id), m.person.full_name) for m in members)])
        set_choices(
            self,
            "risk_factors",
            [(str(f.pk), f"{f.person.full_name}: {f.get_kind_display()}") for f in risk_factors],
        )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "person_id": data["person"] or None,
            "risk_factor_ids": data["risk_factors"],
            "original_language": data["original_language"],
            "translation_status": data["translation_status"],
            "source_kind": data["source_kind"],
            "obtained_from": data["obtained_from"],
            "description": data["description"],
            "file": data["file"],
        }


class CorroborateForm(forms.Form):
    corroboration_source = forms.ChoiceField(
        label=label(EvidenceItem, "corroboration_source"), choices=[("", "—"), *PublicSource.choices]
    )
    corroboration_reference = forms.CharField(
        label=label(EvidenceItem, "corroboration_reference"),
        max_length=1000,
        help_text=EvidenceItem._meta.get_field("corroboration_reference").help_text,
    )


class VouchForm(forms.Form):
    statement = forms.CharField(
        label=label(Vouch, "statement"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Vouch._meta.get_field("statement").help_text,
    )


class WithdrawVouchForm(forms.Form):
    withdrawal_reason = forms.CharField(
        label=label(Vouch, "withdrawal_reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FraudForm(forms.Form):
    fraud_reason = forms.CharField(
        label=label(EvidenceItem, "fraud_reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The evidence is marked as falsified for good, and your organisation's vouch is withdrawn."
        ),
    )
