"""Identity documents: passports that expire, get seized or are refused renewal."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import apply_changes, validate
from herzen.core.lookup import get_scoped
from herzen.people.blind_indexes import normalise_document_number
from herzen.people.choices import DocumentStatus
from herzen.people.models import IdentityDocument
from herzen.people.services.lookup import editable_person

DOCUMENT_FIELDS = frozenset(
    {
        "document_type",
        "number",
        "issuing_country",
        "issuer",
        "issue_date",
        "expiry_date",
        "status",
        "retains_legacy_spelling",
    }
)


def _status_from_expiry(document: IdentityDocument) -> None:
    """Valid and expired follow the expiry date when it is known: a passport whose expiry date is past has
    expired, whatever was ticked, and one whose expiry date was corrected to a later day is valid again.
    Seized, refused and annulled documents keep their status: that is not a matter of dates."""
    if document.expiry_date is not None and document.status in (DocumentStatus.VALID, DocumentStatus.EXPIRED):
        expired = document.expiry_date < timezone.localdate()
        document.status = DocumentStatus.EXPIRED if expired else DocumentStatus.VALID


@transaction.atomic
def document_add(
    *,
    actor: Actor,
    person_id: object,
    document_type: str,
    number: str,
    issuing_country: str = "RU",
    issuer: str = "",
    issue_date: date | None = None,
    expiry_date: date | None = None,
    status: str = DocumentStatus.VALID,
    retains_legacy_spelling: bool = False,
) -> IdentityDocument:
    person = editable_person(actor, person_id)
    document = IdentityDocument(
        person=person,
        document_type=document_type,
        number=normalise_document_number(number),
        issuing_country=issuing_country,
        issuer=issuer.strip(),
        issue_date=issue_date,
        expiry_date=expiry_date,
        status=status,
        retains_legacy_spelling=retains_legacy_spelling,
    )
    _status_from_expiry(document)
    validate(document)
    document.save()
    audit.record(
        actor=actor, action="document.add", target=document, parent=person, changed_fields=DOCUMENT_FIELDS
    )
    return document


@transaction.atomic
def document_update(*, actor: Actor, document_id: object, **changes: Any) -> IdentityDocument:
    document = get_scoped(IdentityDocument, actor, document_id, for_update=True)
    person = editable_person(actor, document.person_id)
    if "number" in changes:
        changes["number"] = normalise_document_number(changes["number"])
    status_before = document.status
    changed = apply_changes(document, changes, allowed=DOCUMENT_FIELDS)
    _status_from_expiry(document)
    if document.status != status_before and "status" not in changed:
        changed.append("status")
    if not changed:
        return document
    validate(document)
    # The blind index is computed on save, for the fields saved.
    index = ["number_index", "number_tail_index"] if "number" in changed else []
    document.save(update_fields=[*changed, *index, "updated_at"])
    audit.record(
        actor=actor, action="document.update", target=document, parent=person, changed_fields=changed
    )
    return document
