"""Who may issue, and who may revoke or suspend, a sealed document. Re-checked inside the services."""

from herzen.core.actor import Actor, Role
from herzen.documents.models import IssuedDocument
from herzen.documents.types import DocumentType


def can_issue_document(actor: Actor, document_type: DocumentType) -> bool:
    return (
        actor.organisation is not None
        and actor.organisation.kind in document_type.issuer_kinds
        and actor.has_any_role(Role.CASEWORKER, Role.SUPERVISOR)
    )


def can_change_document_status(actor: Actor, document: IssuedDocument) -> bool:
    """Only the issuer revokes or suspends what it issued; the NGO whose case it is can only read it."""
    return (
        actor.organisation is not None
        and document.organisation_id == actor.organisation.pk
        and actor.has_any_role(Role.SUPERVISOR, Role.ORGANISATION_ADMIN, Role.CASEWORKER)
    )


def can_rotate_seal_key(actor: Actor) -> bool:
    return actor.has_any_role(Role.ORGANISATION_ADMIN, Role.SUPERVISOR)
