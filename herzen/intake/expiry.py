"""When a draft dies: no activity for HERZEN_INTAKE_DRAFT_EXPIRY_DAYS. A sent application never expires."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from herzen.intake.models import IntakeDraft


def expiry_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.HERZEN_INTAKE_DRAFT_EXPIRY_DAYS)


def is_expired(draft: IntakeDraft) -> bool:
    return not draft.is_submitted and draft.last_activity_at < expiry_cutoff()
