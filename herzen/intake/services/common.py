"""What the intake services share: finding a live draft and issuing a private link. No writes of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen.core.exceptions import Conflict, NotFound
from herzen.intake.expiry import is_expired
from herzen.intake.links import hash_token, new_token
from herzen.intake.models import IntakeDraft, IntakeLink, LinkPurpose


@dataclass(frozen=True)
class IssuedLink:
    draft: IntakeDraft
    token: str  # shown or sent once; only its hash is stored


def _resend_allowed(draft: IntakeDraft) -> bool:
    """A few links an hour: "send me my link" must not become a way to flood someone's inbox."""
    since = timezone.now() - timedelta(hours=1)
    recent = draft.links.filter(purpose=LinkPurpose.RESENT, created_at__gte=since).count()
    return recent < settings.HERZEN_INTAKE_RESENDS_PER_HOUR


def _issue_link(draft: IntakeDraft, purpose: str, delivery: str = "") -> str:
    token = new_token()
    IntakeLink.objects.create(draft=draft, token_hash=hash_token(token), purpose=purpose, delivery=delivery)
    return token


def _live_draft(draft_id: object, *, for_update: bool = True, with_organisation: bool = False) -> IntakeDraft:
    drafts = IntakeDraft.objects.select_for_update(of=("self",)) if for_update else IntakeDraft.objects
    if with_organisation:
        drafts = drafts.select_related("receiving_organisation")
    draft = drafts.filter(pk=draft_id).first()
    if draft is None or is_expired(draft):
        raise NotFound()
    return draft


def _editable(draft_id: object, *, with_organisation: bool = False) -> IntakeDraft:
    draft = _live_draft(draft_id, with_organisation=with_organisation)
    if draft.is_submitted:
        raise Conflict(_("This application has been sent and can no longer be changed."))
    return draft
