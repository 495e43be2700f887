"""Forms of the resettlement pages. Lists (languages, skills, towns) are typed comma-separated."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from herzen.resettlement.models import Offer, OfferKind

COUNTRY_HELP = _("Two letters, as on a passport: DE, FR, CZ, LT.")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


class OfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=OfferKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    country = forms.CharField(label=_("country"), max_length=2, min_length=2, help_text=COUNTRY_HELP)
    region = forms.CharField(label=_("region"), max_length=100, required=False)
    town = forms.CharField(label=_("town"), max_length=100)
    capacity_persons = forms.IntegerField(
        label=_("places (persons)"),
        min_value=1,
        max_value=10_000,
        help_text=_("For a job: the number of positions."),
    )
    child_beds = forms.IntegerField(label=_("beds for children"), min_value=0, max_value=10_000, initial=0)
    accessible = forms.BooleanField(label=_("step-free and accessible"), required=False)
    pets_allowed = forms.BooleanField(label=_("pets allowed"), required=False, initial=True)
    smoking_allowed = forms.BooleanField(label=_("smoking allowed"), required=False, initial=True)
    local_languages = forms.CharField(
        label=_("languages spoken there"), required=False, help_text=_("Comma-separated codes: de, ru, en.")
    )
    required_languages = forms.CharField(
        label=_("languages required"),
        required=False,
        help_text=_("For a job: an adult is placed in it only if they speak one of these."),
    )
    skills = forms.CharField(
        label=_("skills or professions sought"),
        required=False,
        help_text=_("For a job: an adult is placed in it only if they have one of these."),
    )
    available_from = forms.DateField(label=_("available from"), required=False)
    available_to = forms.DateField(label=_("available until"), required=False)
    published = forms.BooleanField(label=_("visible to every organisation"), required=False, initial=True)

    @staticmethod
    def initial_of(offer: Offer) -> dict[str, Any]:
        initial = {name: getattr(offer, name) for name in OFFER_FORM_FIELDS}
        for name in ("local_languages", "required_languages", "skills"):
            initial[name] = ", ".join(initial[name] or [])
        return initial

    def offer_values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        for name in ("local_languages", "required_languages", "skills"):
            values[name] = split_list(values[name])
        return values


OFFER_FORM_FIELDS = tuple(OfferForm.base_fields)


class OfferImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))


class RunStartForm(forms.Form):
    destination_country = forms.CharField(
        label=_("destination country"), max_length=2, min_length=2, help_text=COUNTRY_HELP
    )
    offers = forms.ModelMultipleChoiceField(
        label=_("offers"), queryset=Offer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    weight_employment = forms.FloatField(
        label=_("weight of predicted employment"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Leave the three weights blank to use the programme's weights."),
    )
    weight_preference = forms.FloatField(
        label=_("weight of the household's wishes"), min_value=0, max_value=100, required=False
    )
    weight_ties = forms.FloatField(
        label=_("weight of nearness to family"), min_value=0, max_value=100, required=False
    )

    def __init__(self, *args: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offers  # type: ignore[attr-defined]
        self.fields["offers"].label_from_instance = lambda o: (
            f"{o.title} — {o.town}, {o.country} ({o.capacity_persons})"
        )  # type: ignore[attr-defined]

    def weights(self) -> dict[str, Any] | None:
        """This run's own weights, or None: the programme's (a blank weight takes the model's default)."""
        data = self.cleaned_data
        given = {name: data[f"weight_{name}"] for name in ("employment", "preference", "ties")}
        if all(value is None for value in given.values()):
            return None
        defaults = WeightsForm.base_fields
        data = {
            f"weight_{name}": defaults[field].initial if value is None else value
            for (name, value), field in zip(
                given.items(), ("employment", "preference", "ties_distance"), strict=True
            )
        }
        return {
            "weights": {
                "employment": data["weight_employment"],
                "preference": data["weight_preference"],
                "ties_distance": data["weight_ties"],
            }
        }


class PlaceNowForm(forms.Form):
    """Place one household that has just arrived, by the dynamic policy (room kept for those expected later)."""

    offers = forms.ModelMultipleChoiceField(
        label=_("offers"), queryset=Offer.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offers  # type: ignore[attr-defined]
        self.fields["offers"].label_from_instance = lambda o: (
            f"{o.title} — {o.town}, {o.country} ({o.capacity_persons})"
        )  # type: ignore[attr-defined]


class WeightsForm(forms.Form):
    """A programme's weights: the organisation's resettlement to one destination country."""

    destination_country = forms.CharField(
        label=_("destination country"), max_length=2, min_length=2, help_text=COUNTRY_HELP
    )
    employment = forms.FloatField(
        label=_("weight of predicted employment"), min_value=0, max_value=100, initial=1.0
    )
    preference = forms.FloatField(
        label=_("weight of the household's wishes"), min_value=0, max_value=100, initial=0.3
    )
    ties_distance = forms.FloatField(
        label=_("weight of nearness to family"), min_value=0, max_value=100, initial=0.2
    )


class ProposalMoveForm(forms.Form):
    offer = forms.ChoiceField(label=_("place"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].choices = [("", _("not placed in this run")), *choices]  # type: ignore[attr-defined]


class NeedsForm(forms.Form):
    adults = forms.IntegerField(label=_("adults"), min_value=1, max_value=30, initial=1)
    children = forms.IntegerField(label=_("children"), min_value=0, max_value=30, initial=0)
    destination_country = forms.CharField(
        label=_("destination country"), max_length=2, min_length=2, help_text=COUNTRY_HELP
    )
    ready = forms.BooleanField(label=_("ready to be matched"), required=False)
    ready_on = forms.DateField(label=_("can move from"), required=False)
    needs_accessible = forms.BooleanField(label=_("needs an accessible place"), required=False)
    has_pets = forms.BooleanField(label=_("has pets"), required=False)
    smokers = forms.BooleanField(label=_("smokers in the household"), required=False)
    languages = forms.CharField(
        label=_("languages spoken"), required=False, help_text=_("Comma-separated codes: ru, de, en.")
    )
    skills = forms.CharField(label=_("professions and skills"), required=False)
    ties = forms.CharField(
        label=_("family or friends already there"),
        required=False,
        help_text=_("One per line: town, who (e.g. Leipzig, sister)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    preferred_towns = forms.CharField(label=_("preferred towns, best first"), required=False)
    vetoed_towns = forms.CharField(label=_("towns ruled out"), required=False)
    medical_needs = forms.CharField(
        label=_("medical needs"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def initial_of(needs: Any) -> dict[str, Any]:
        if needs is None:
            return {}
        profile = needs.profile or {}
        return {
            "adults": needs.adults,
            "children": needs.children,
            "destination_country": needs.destination_country,
            "ready": needs.ready,
            "ready_on": needs.ready_on,
            "needs_accessible": needs.needs_accessible,
            "has_pets": needs.has_pets,
            "smokers": needs.smokers,
            "languages": ", ".join(profile.get("languages", [])),
            "skills": ", ".join(profile.get("skills", [])),
            "ties": "\n".join(
                f"{t.get('town', '')}, {t.get('relation', '')}" for t in profile.get("ties", [])
            ),
            "preferred_towns": ", ".join(profile.get("preferred_towns", [])),
            "vetoed_towns": ", ".join(profile.get("vetoed_towns", [])),
            "medical_needs": needs.medical_needs,
        }

    def needs_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        ties = []
        for line in (data["ties"] or "").splitlines():
            town, _sep, relation = line.partition(",")
            if town.strip():
                ties.append({"town": town.strip(), "relation": relation.strip() or "relative"})
        return {
            **{k: data[k] for k in ("adults", "children", "destination_country", "ready", "ready_on")},
            **{k: data[k] for k in ("needs_accessible", "has_pets", "smokers", "medical_needs") if k in data},
            "profile": {
                "languages": [v.lower() for v in split_list(data["languages"])],
                "skills": [v.lower() for v in split_list(data["skills"])],
                "ties": ties,
                "preferred_towns": split_list(data["preferred_towns"]),
                "vetoed_towns": split_list(data["vetoed_towns"]),
            },
        }
