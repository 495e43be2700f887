"""Who may open what an applicant sent. Predicates only: one condition per line, no side effects."""

from herzen.core.actor import Actor
from herzen.evidence.permissions import FILE_READERS
from herzen.intake.models import IntakeUpload


def can_download_intake_file(actor: Actor, upload: IntakeUpload) -> bool:
    # The same people who open evidence files: those who work or audit the case; an organisation admin
    # manages accounts, not an applicant's passport scans.
    return actor.organisation_id == upload.case.organisation_id and actor.has_any_role(*FILE_READERS)
