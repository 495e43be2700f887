"""Writes to an applicant's draft: starting it, its language, one topic's answers, purging expired ones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import Invalid
from herzen.encryption.keys import shred
from herzen.intake import uploads
from herzen.intake.expiry import expiry_cutoff
from herzen.intake.links import email_lookup
from herzen.intake.models import IntakeDraft, LinkPurpose
from herzen.intake.services.common import IssuedLink, _editable, _issue_link, _live_draft
from herzen.intake.steps import STEP_NAMES


@transaction.atomic
def draft_start(*, actor: Actor, language: str) -> IssuedLink:
    if language not in dict(settings.LANGUAGES):
        raise Invalid(_("Choose a language."), fields={"language": [_("Choose a language.")]})
    draft = IntakeDraft.objects.create(language=language, last_activity_at=timezone.now())
    token = _issue_link(draft, LinkPurpose.STARTED)
    audit.record(actor=actor, action="intake_draft.start", target=draft, changed_fields=["language"])
    return IssuedLink(draft, token)


@transaction.atomic
def draft_set_language(*, actor: Actor, draft_id: object, language: str) -> IntakeDraft:
    draft = _live_draft(draft_id)
    if language not in dict(settings.LANGUAGES):
        raise Invalid(_("Choose a language."), fields={"language": [_("Choose a language.")]})
    draft.language = language
    draft.last_activity_at = timezone.now()
    draft.save(update_fields=["language", "last_activity_at", "updated_at"])
    audit.record(actor=actor, action="intake_draft.set_language", target=draft, changed_fields=["language"])
    return draft


@transaction.atomic
def draft_save_step(
    *, actor: Actor, draft_id: object, step: str, answers: Mapping[str, Any], organisation_id: object = None
) -> IntakeDraft:
    """Keep one topic's answers (already checked by its form); JSON-ready values only."""
    if step not in STEP_NAMES:
        raise Invalid(_("Unknown question."))
    draft = _editable(draft_id)
    draft.answers = {**draft.answers, step: dict(answers)}
    fields = ["answers", "last_activity_at", "updated_at"]
    if step == "about":
        draft.email_lookup = email_lookup(answers["email"]) if answers.get("email") else ""
        fields.append("email_lookup")
    if step == "organisation":
        draft.receiving_organisation_id = organisation_id
        fields.append("receiving_organisation")
    draft.last_activity_at = timezone.now()
    draft.save(update_fields=fields)
    audit.record(actor=actor, action="intake_draft.save", target=draft, changed_fields=[step])
    return draft


@transaction.atomic
def drafts_purge_expired(*, actor: Actor, now: Any = None) -> int:
    """Delete every unsent draft untouched for HERZEN_INTAKE_DRAFT_EXPIRY_DAYS, with its links and files."""
    expired = list(
        IntakeDraft.objects.select_for_update().filter(
            submitted_at__isnull=True, last_activity_at__lt=expiry_cutoff(now)
        )
    )
    for draft in expired:
        draft_id = draft.pk
        stored = list(draft.uploads.values_list("stored_name", flat=True))
        audit.record(
            actor=actor, action="intake_draft.purge", target=draft, changed_fields=["answers", "uploads"]
        )
        draft.delete()
        # Shredding the draft's key makes its answers and files unreadable in backups as well.
        shred(uploads.draft_owner(draft_id))
        transaction.on_commit(lambda names=stored: [uploads.delete_private(name) for name in names])
    return len(expired)
