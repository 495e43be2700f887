"""allauth's login form, shaped for Herzen's staff."""

from allauth.account.forms import LoginForm
from django.utils.translation import gettext_lazy as _


class StaffLoginForm(LoginForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("User name")
        # The input keeps the id of Django's own login form (#id_username), which scripts and tests know.
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs["id"] = "id_username"
        password = self.fields["password"]
        password.help_text = ""  # allauth would link to a password reset by e-mail, which Herzen has not
        password.widget.attrs.pop("placeholder", None)
