"""Writes to evidence and vouches. Every function audits inside its own transaction.

Verification changes go through `herzen.domain.evidence.next_verification`: the table there decides which
moves are legal, and an illegal one becomes a Conflict naming the item's state and the move.
"""

import uuid
from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herzen import audit
from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.core.changes import apply_changes, validate
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.evidence import IllegalMove, Move, Verification, next_verification
from herzen.evidence import pipeline, storage
from herzen.evidence.models import Channel, EvidenceItem, Vouch
from herzen.evidence.permissions import (
    can_add_evidence,
    can_corroborate_evidence,
    can_edit_evidence,
    can_flag_fraud,
    can_vouch_for_evidence,
    can_withdraw_vouch,
)
from herzen.people.models import HouseholdMember, RiskFactor

MOVE_LABELS = {
    Move.CORROBORATE: gettext_lazy("be corroborated"),
    Move.VOUCH: gettext_lazy("be vouched for"),
    Move.WITHDRAW_VOUCH: gettext_lazy("lose a vouch"),
    Move.FLAG_FRAUD: gettext_lazy("be flagged as falsified"),
}
EDITABLE_FIELDS = frozenset(
    {
        "kind",
        "title",
        "description",
        "original_language",
        "translation_status",
        "source_kind",
        "obtained_from",
    }
)


class Upload(Protocol):
    """What a file given to `evidence_add` offers: Django's UploadedFile and File both do."""

    name: str | None

    def chunks(self, chunk_size: int | None = None) -> Iterable[bytes]: ...


def _move(item: EvidenceItem, move: Move, **facts: Any) -> str:
    try:
        return next_verification(Verification(item.verification_status), move, **facts).value
    except IllegalMove as error:
        raise Conflict(
            _("Evidence that is “%(state)s” cannot %(move)s.")
            % {"state": item.get_verification_status_display(), "move": MOVE_LABELS[error.move]}
        ) from error


def _household_person_ids(case: Case) -> set[object]:
    return set(
        HouseholdMember.objects.filter(household_id=case.household_id).values_list("person_id", flat=True)
    )


def _risk_factors(actor: Actor, case: Case, risk_factor_ids: Iterable[object]) -> list[RiskFactor]:
    """The actor's risk factors with these ids, each belonging to a member of the case's household."""
    try:
        ids = {uuid.UUID(str(pk)) for pk in risk_factor_ids}
    except ValueError:
        ids = set()
        malformed = True
    else:
        malformed = False
    factors = list(
        RiskFactor.objects.for_actor(actor).filter(pk__in=ids, person_id__in=_household_person_ids(case))
    )
    if malformed or len(factors) != len(ids):
        raise Invalid(
            _("Please correct the highlighted fields."),
            fields={"risk_factors": [_("Choose risk factors of this household.")]},
        )
    return factors


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    case_id: object,
    kind: str,
    title: str,
    source_kind: str,
    obtained_from: str = "",
    description: str = "",
    original_language: str = "ru",
    translation_status: str = "none",
    person_id: object | None = None,
    risk_factor_ids: Iterable[object] = (),
    file: Upload | None = None,
    content_type: str = "",
    channel: str = Channel.STAFF,
    checked: pipeline.CheckedFile | None = None,
    file_name: str = "",
) -> EvidenceItem:
    """Record an evidence item of a case, with its file if there is one.

    A file goes through the one file pipeline (`herzen.evidence.pipeline`: type from content, size limit,
    metadata removed, virus scan) before it is stored; a file it refuses is an Invalid on the field "file",
    saying why. `checked` is a file that already went through it (an applicant's upload, now sent), with its
    `file_name`. The file is stored first (its hash and size are part of the record); if anything after that
    fails, the file is removed again, so a refused upload leaves nothing behind. `content_type` is ignored:
    the type is the one the content shows.
    """
    case = get_scoped(Case, actor, case_id, for_update=True)
    if not can_add_evidence(actor, case):
        raise PermissionDenied(_("Your role cannot add evidence."))
    item = EvidenceItem(
        organisation=actor.organisation,
        case=case,
        uploaded_by=actor.user,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        original_language=original_language,
        translation_status=translation_status,
        source_kind=source_kind,
        obtained_from=obtained_from.strip(),
    )
    if person_id not in (None, ""):
        if str(person_id) not in {str(pk) for pk in _household_person_ids(case)}:
            raise Invalid(
                _("Please correct the highlighted fields."),
                fields={"person": [_("Choose a member of this household.")]},
            )
        item.person_id = person_id
    factors = _risk_factors(actor, case, risk_factor_ids)
    validate(item, exclude=["organisation", "case", "uploaded_by", "person"])
    item.channel = channel
    stored = None
    if file is not None:
        checked = _through_pipeline(file)
        file_name = file.name or ""
    if checked is not None:
        stored = storage.store([checked.data], owner=storage.owner_of(item))
        item.stored_name = stored.name
        item.file_size = stored.size
        item.sha256 = stored.sha256
        item.file_name = _stored_file_name(file_name, checked)
        item.content_type = checked.content_type
        item.original_sha256 = checked.original_sha256
        item.metadata_removed = checked.metadata_removed
        item.scan_status = checked.scan_status
    try:
        item.save()
        item.risk_factors.set(factors)
        audit.record(
            actor=actor,
            action="evidence.add",
            target=item,
            parent=case,
            changed_fields=[
                "kind",
                "title",
                "description",
                "original_language",
                "translation_status",
                "source_kind",
                "obtained_from",
                "person",
                "risk_factors",
                "channel",
                *(
                    ["file_name", "content_type", "file_size", "sha256", "original_sha256", "scan_status"]
                    if stored
                    else []
                ),
            ],
        )
    except BaseException:
        if stored is not None:
            storage.delete(stored.name)
        raise
    return item


def _through_pipeline(file: Upload) -> pipeline.CheckedFile:
    """Read the upload (no further than the limit allows) and check, clean and scan it."""
    limit = settings.HERZEN_EVIDENCE_MAX_BYTES
    data = bytearray()
    for chunk in file.chunks():
        data += chunk
        if len(data) > limit:
            break
    try:
        return pipeline.process(bytes(data), max_bytes=limit)
    except pipeline.FileRejected as rejected:
        raise Invalid(
            _("Please correct the highlighted fields."), fields={"file": [rejected.message()]}
        ) from None


def _stored_file_name(name: str, checked: pipeline.CheckedFile) -> str:
    """The name it came with, its ending made true to what is stored (a HEIC photo is stored as JPEG)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem or 'evidence'}.{checked.extension}"[-255:]


@transaction.atomic
def evidence_update(
    *, actor: Actor, evidence_id: object, risk_factor_ids: Iterable[object] | None = None, **changes: Any
) -> EvidenceItem:
    """Correct the description of an item or link it to other risk factors; the file never changes."""
    item = get_scoped(EvidenceItem.objects.select_related("case"), actor, evidence_id, for_update=True)
    if not can_edit_evidence(actor, item):
        raise PermissionDenied(_("Your role cannot change evidence."))
    changed = apply_changes(item, changes, allowed=EDITABLE_FIELDS)
    if risk_factor_ids is not None:
        factors = _risk_factors(actor, item.case, risk_factor_ids)
        if {f.pk for f in factors} != set(item.risk_factors.values_list("pk", flat=True)):
            item.risk_factors.set(factors)
            changed.append("risk_factors")
    if not changed:
        return item
    validate(item, exclude=["organisation", "case", "uploaded_by", "person"])
    item.save()
    audit.record(actor=actor, action="evidence.update", target=item, parent=item.case, changed_fields=changed)
    return item


@transaction.atomic
def evidence_corroborate(*, actor: Actor, evidence_id: object, source: str, reference: str) -> EvidenceItem:
    """Cite a public source that confirms the item (Herzen records the citation; it never fetches it)."""
    item = get_scoped(EvidenceItem, actor, evidence_id, for_update=True)
    if not can_corroborate_evidence(actor, item):
        raise PermissionDenied(_("Your role cannot record corroboration."))
    item.verification_status = _move(item, Move.CORROBORATE)
    item.corroboration_source = source
    item.corroboration_reference = reference.strip()
    errors = {}
    if not item.corroboration_source:
        errors["corroboration_source"] = [_("Say which public source confirms it.")]
    if not item.corroboration_reference:
        errors["corroboration_reference"] = [_("Give the URL or the citation.")]
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), fields=errors)
    validate(item, exclude=["organisation", "case", "uploaded_by", "person"])
    item.save(
        update_fields=["verification_status", "corroboration_source", "corroboration_reference", "updated_at"]
    )
    audit.record(
        actor=actor,
        action="evidence.corroborate",
        target=item,
        parent=item.case,
        changed_fields=["verification_status", "corroboration_source", "corroboration_reference"],
    )
    return item


@transaction.atomic
def evidence_vouch(*, actor: Actor, evidence_id: object, statement: str = "") -> Vouch:
    """The actor's organisation vouches for the item."""
    item = get_scoped(EvidenceItem, actor, evidence_id, for_update=True)
    if not can_vouch_for_evidence(actor, item):
        raise PermissionDenied(_("Only a supervisor can vouch for evidence."))
    if item.vouches.filter(organisation_id=actor.organisation_id, withdrawn_at__isnull=True).exists():
        raise Conflict(_("Your organisation already vouches for this evidence."))
    item.verification_status = _move(item, Move.VOUCH)
    vouch = Vouch(
        evidence=item, organisation=actor.organisation, vouched_by=actor.user, statement=statement.strip()
    )
    validate(vouch, exclude=["evidence", "organisation", "vouched_by"])
    try:
        with transaction.atomic():
            vouch.save()
    except IntegrityError as error:  # two supervisors raced
        raise Conflict(_("Your organisation already vouches for this evidence.")) from error
    item.save(update_fields=["verification_status", "updated_at"])
    audit.record(
        actor=actor,
        action="evidence.vouch",
        target=vouch,
        parent=item,
        changed_fields=["statement", "evidence.verification_status"],
    )
    return vouch


@transaction.atomic
def vouch_withdraw(*, actor: Actor, vouch_id: object, reason: str) -> Vouch:
    """Take the organisation's word back; the vouch stays on record with who withdrew it, when and why."""
    vouch = get_scoped(Vouch, actor, vouch_id, for_update=True)
    if not can_withdraw_vouch(actor, vouch):
        raise PermissionDenied(_("Only a supervisor of the vouching organisation can withdraw its vouch."))
    if not vouch.is_active:
        raise Conflict(_("This vouch was already withdrawn."))
    if not reason.strip():
        raise Invalid(
            _("Please correct the highlighted fields."),
            fields={"withdrawal_reason": [_("Say why the vouch is withdrawn.")]},
        )
    item = get_scoped(EvidenceItem, actor, vouch.evidence_id, for_update=True)
    vouches_left = item.vouches.filter(withdrawn_at__isnull=True).exclude(pk=vouch.pk).count()
    item.verification_status = _move(
        item, Move.WITHDRAW_VOUCH, vouches_left=vouches_left, corroborated=bool(item.corroboration_reference)
    )
    _withdraw(actor, vouch, reason.strip())
    item.save(update_fields=["verification_status", "updated_at"])
    audit.record(
        actor=actor,
        action="evidence.withdraw_vouch",
        target=vouch,
        parent=item,
        changed_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "evidence.verification_status"],
    )
    return vouch


def _withdraw(actor: Actor, vouch: Vouch, reason: str) -> None:
    vouch.withdrawn_at = timezone.now()
    vouch.withdrawn_by = actor.user
    vouch.withdrawal_reason = reason
    vouch.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])


@transaction.atomic
def evidence_flag_fraud(*, actor: Actor, evidence_id: object, reason: str) -> EvidenceItem:
    """Reject the item as falsified. The organisation's standing vouch for it is withdrawn with the same reason:
    nobody can vouch for what they have just called a forgery."""
    item = get_scoped(EvidenceItem, actor, evidence_id, for_update=True)
    if not can_flag_fraud(actor, item):
        raise PermissionDenied(_("Only a supervisor can flag evidence as falsified."))
    if not reason.strip():
        raise Invalid(
            _("Please correct the highlighted fields."),
            fields={"fraud_reason": [_("Say why the evidence is considered falsified.")]},
        )
    item.verification_status = _move(item, Move.FLAG_FRAUD)
    item.fraud_reason = reason.strip()
    item.flagged_by = actor.user
    item.flagged_at = timezone.now()
    withdrawn = list(item.vouches.select_for_update().filter(withdrawn_at__isnull=True))
    for vouch in withdrawn:
        _withdraw(actor, vouch, item.fraud_reason)
        audit.record(
            actor=actor,
            action="evidence.withdraw_vouch",
            target=vouch,
            parent=item,
            changed_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"],
        )
    item.save(update_fields=["verification_status", "fraud_reason", "flagged_by", "flagged_at", "updated_at"])
    audit.record(
        actor=actor,
        action="evidence.flag_fraud",
        target=item,
        parent=item.case,
        changed_fields=["verification_status", "fraud_reason", "flagged_by", "flagged_at"],
    )
    return item
