"""Forms of onboarding: the organisation admin's invitation, and the invitee's choice of password."""

from django import forms
from django.utils.translation import gettext_lazy as _

from herzen.accounts.models import User
from herzen.organisations.models import Membership
from herzen.organisations.services import INVITABLE_ROLES
from herzen.web.forms import label


class InviteForm(forms.Form):
    first_name = forms.CharField(label=label(User, "first_name"), max_length=150)
    last_name = forms.CharField(label=label(User, "last_name"), max_length=150)
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("What they type to sign in: letters, digits and @ . + - _ only."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The one-time link to choose a password is sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=label(Membership, "role"),
        choices=[("", "—"), *((role.value, role.label) for role in INVITABLE_ROLES)],
    )


class WelcomeForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_("At least 12 characters; a few unrelated words are easy to remember and hard to guess."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("The two passwords differ."))
        return data
