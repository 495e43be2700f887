"""Forms of sealed documents: issuing one, and changing its status. Parsing only; services write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DocumentIssueForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Document"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["document_type"].choices = choices


class DocumentStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            ("suspended", _("Suspend (it can be reinstated)")),
            ("revoked", _("Revoke (for good)")),
            ("valid", _("Reinstate a suspended document")),
        ],
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
