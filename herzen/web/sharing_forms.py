"""Forms of consented sharing: recording a person's consent, and revoking it. Parsing only; services write."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from herzen.organisations.models import Organisation
from herzen.sharing.models import ConsentMethod, SharedPart


class SharingConsentForm(forms.Form):
    grantee = forms.ChoiceField(label=_("Share with"))
    parts = forms.MultipleChoiceField(
        label=_("Parts of the record the person agreed to share"),
        choices=SharedPart.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        help_text=_("The last day the consent holds."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    given_how = forms.ChoiceField(label=_("How consent was given"), choices=ConsentMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, grantees: Iterable[Organisation] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grantee"].choices = [("", "—"), *((str(o.pk), o.name) for o in grantees)]

    def clean_valid_until(self) -> Any:
        value = self.cleaned_data["valid_until"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The consent must hold until today or later."))
        return value


class SharingConsentRevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why is the consent revoked?"), max_length=1000)
