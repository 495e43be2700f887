"""The audit actions of the public intake: drafts, private links and uploads (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.intake.steps import STEPS

_DRAFT = "intake.intakedraft"

register("intake_draft.start", _("Application started online"), target=_DRAFT, fields=["language"])
register("intake_draft.set_language", _("Application language changed"), target=_DRAFT, fields=["language"])
# A saved page is named by its topic ("About you"), shown as the applicant saw it.
register("intake_draft.save", _("Application page saved"), target=_DRAFT, field_labels=dict(STEPS))
register(
    "intake_draft.submit",
    _("Online application submitted"),
    target=_DRAFT,
    field_labels={"case": _("case"), "answers": _("answers")},
)
register(
    "intake_draft.purge",
    _("Unsent application deleted"),
    target=_DRAFT,
    field_labels={"answers": _("answers"), "uploads": _("files")},
)
register(
    "intake_link.resend",
    _("Private link sent again"),
    target="intake.intakelink",
    field_labels={"delivery": _("delivery")},
)
register("intake_link.resend_refused", _("Request to send the private link refused"), target=_DRAFT)
register(
    "intake_link.revoke_all",
    _("Old private links stopped"),
    target=_DRAFT,
    field_labels={"links": _("links")},
)
register(
    "intake_upload.add",
    _("File uploaded with the application"),
    target="intake.intakeupload",
    fields=["kind", "original_name", "sha256", "scan_status", "concerns"],
)
register("intake_upload.remove", _("Uploaded file removed"), target="intake.intakeupload")
register(
    "intake_upload.attach",
    _("File sent with the application added as evidence"),
    target="intake.intakeupload",
    # Submitting turns the file into the case's evidence item (intake.services.submit._files_to_evidence).
    field_labels={"case": _("case"), "evidence": _("evidence")},
)
