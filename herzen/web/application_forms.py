"""Forms of the application pages: starting an application, and one form per move built from the facts the
pathway's table says the move needs."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from herzen.domain.workflow import PATHWAYS, FactKind, Transition
from herzen.organisations.models import Organisation
from herzen.pathways.labels import FACT_LABELS, PATHWAY_NAMES, label


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ApplicationStartForm(forms.Form):
    pathway = forms.ChoiceField(label=_("Pathway"))
    destination_country = forms.CharField(
        label=_("Destination country"),
        required=False,
        max_length=2,
        help_text=_("Only for pathways that exist in many countries: a two-letter code, e.g. DE."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 3}),
    )

    def __init__(self, *args: Any, pathway_codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pathway"].choices = [(code, label(PATHWAY_NAMES, code)) for code in pathway_codes]

    def clean_destination_country(self) -> str:
        return str(self.cleaned_data.get("destination_country") or "").strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pathway = PATHWAYS.get(data.get("pathway", ""))
        if pathway and not pathway.destination_country and not data.get("destination_country"):
            self.add_error("destination_country", _("Choose the destination country."))
        return data


REASONS_GIVEN_CHOICES = [("true", _("Yes")), ("false", _("No, no reasons were given"))]


class MoveForm(forms.Form):
    """The facts of one move; fields in the table's order, plus the authority when the move refers to one."""

    mark_optional = True

    def __init__(
        self,
        *args: Any,
        transition: Transition,
        authorities: list[Organisation],
        today: date,
        deciding_body: str = "",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"move-{transition.name}")
        super().__init__(*args, **kwargs)
        self.transition = transition
        for fact in transition.all_facts:
            name, text = fact.name, label(FACT_LABELS, fact.name)
            if fact.kind is FactKind.DATE:
                initial = (
                    today if name in ("decided_on", "submitted_on", "entered_on", "claimed_on") else None
                )
                self.fields[name] = forms.DateField(
                    label=text, required=fact.required, widget=DateInput(), initial=initial
                )
            elif fact.kind is FactKind.BOOL:
                self.fields[name] = forms.TypedChoiceField(
                    label=text,
                    choices=REASONS_GIVEN_CHOICES,
                    coerce=lambda value: value == "true",
                    widget=forms.RadioSelect,
                    required=True,
                )
            elif name in ("reasons", "note"):
                self.fields[name] = forms.CharField(
                    label=text,
                    required=fact.required,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=20_000,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=text, required=fact.required, max_length=200, initial=deciding_body or None
                )
        # A referral with one possible authority goes there; with several, the person chooses.
        if len(authorities) > 1:
            self.fields["authority"] = forms.ChoiceField(
                label=_("Refer to"), choices=[("", "—"), *[(str(a.pk), a.name) for a in authorities]]
            )

    def facts(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "authority"}

    def authority_id(self) -> str | None:
        return self.cleaned_data.get("authority") or None
