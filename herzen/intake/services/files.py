"""Writes to the files of a draft: adding one through the file pipeline, removing one."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.evidence import pipeline
from herzen.intake import uploads
from herzen.intake.models import IntakeUpload
from herzen.intake.services.common import _editable


@transaction.atomic
def upload_add(
    *, actor: Actor, draft_id: object, data: bytes, original_name: str, kind: str, concerns: str = ""
) -> IntakeUpload:
    """Check, clean, scan and store one file (herzen.evidence.pipeline, the same path as staff uploads).
    Raises pipeline.FileRejected when it cannot be kept."""
    draft = _editable(draft_id)
    if draft.uploads.count() >= settings.HERZEN_INTAKE_MAX_UPLOADS:
        raise pipeline.FileRejected("too_many")
    # Scanned before anything is written: an infected file never is.
    checked = pipeline.process(data, max_bytes=settings.HERZEN_INTAKE_UPLOAD_MAX_BYTES)
    stored_name = uploads.write_private(
        checked.data, checked.stored_type, owner=uploads.draft_owner(draft.pk)
    )
    try:
        upload = IntakeUpload.objects.create(
            draft=draft,
            kind=kind,
            concerns=concerns,
            original_name=_safe_name(original_name),
            detected_type=checked.detected_type,
            content_type=checked.content_type,
            size=len(checked.data),
            sha256=checked.sha256,
            original_sha256=checked.original_sha256,
            metadata_removed=checked.metadata_removed,
            scan_status=checked.scan_status,
            stored_name=stored_name,
        )
    except Exception:
        uploads.delete_private(stored_name)
        raise
    draft.last_activity_at = timezone.now()
    draft.save(update_fields=["last_activity_at", "updated_at"])
    audit.record(
        actor=actor,
        action="intake_upload.add",
        target=upload,
        parent=draft,
        changed_fields=["kind", "concerns", "original_name", "sha256", "scan_status"],
    )
    return upload


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(ch for ch in base if ch.isprintable())[:120] or "file"


@transaction.atomic
def upload_remove(*, actor: Actor, draft_id: object, upload_id: object) -> None:
    draft = _editable(draft_id)
    upload = draft.uploads.filter(pk=upload_id).first()
    if upload is None:
        raise NotFound()
    audit.record(actor=actor, action="intake_upload.remove", target=upload, parent=draft)
    stored_name = upload.stored_name
    upload.delete()
    transaction.on_commit(lambda: uploads.delete_private(stored_name))
