"""Writes of the public intake. Each audits as the intake's system identity (herzen.intake.identity).

Draft writes carry no organisation: the draft belongs to nobody until it is submitted. `draft_submit` then
writes the applicant's records through the ordinary people, cases and evidence services as the receiving
organisation, so every record is audited exactly like one a caseworker creates.
"""

from herzen.intake.services.common import IssuedLink
from herzen.intake.services.drafts import (
    draft_save_step,
    draft_set_language,
    draft_start,
    drafts_purge_expired,
)
from herzen.intake.services.files import upload_add, upload_remove
from herzen.intake.services.links import link_resend, link_resend_by_email, links_revoke
from herzen.intake.services.submit import draft_submit

__all__ = [
    "IssuedLink",
    "draft_save_step",
    "draft_set_language",
    "draft_start",
    "draft_submit",
    "drafts_purge_expired",
    "link_resend",
    "link_resend_by_email",
    "links_revoke",
    "upload_add",
    "upload_remove",
]
