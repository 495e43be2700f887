"""The programme's two declarations: recorded per person with the exact wording, withdrawn, never deleted."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.people.declaration_texts import DeclarationChannel, DeclarationKind, wording_in
from herzen.people.models import Declaration
from herzen.people.permissions import can_record_declaration
from herzen.people.services.lookup import editable_person

FIELDS = ["kind", "channel", "wording", "wording_version", "language", "declared_at", "recorded_by"]


@transaction.atomic
def declaration_record(
    *,
    actor: Actor,
    person_id: object,
    kind: str,
    channel: str,
    language: str,
    declared_at: datetime | None = None,
) -> Declaration:
    """Record that the person affirmed a declaration, in the current wording as shown in `language`.

    `channel` says who declared: the applicant in the online application, or staff recording what the person
    told them. A declaration already standing is not recorded twice (Conflict)."""
    person = editable_person(actor, person_id)
    if not can_record_declaration(actor, person):
        raise PermissionDenied(_("Your role cannot change this person's record."))
    if kind not in DeclarationKind.values:
        raise Invalid(
            _("Please correct the highlighted fields."), fields={"kind": [_("Choose a declaration.")]}
        )
    if channel not in DeclarationChannel.values:
        raise Invalid(
            _("Please correct the highlighted fields."), fields={"channel": [_("Choose a channel.")]}
        )
    if language not in dict(settings.LANGUAGES):
        raise Invalid(
            _("Please correct the highlighted fields."), fields={"language": [_("Choose a language.")]}
        )
    if person.declarations.filter(kind=kind, withdrawn_at__isnull=True).exists():
        raise Conflict(_("This declaration is already recorded for this person."))
    wording, version = wording_in(kind, language)
    declaration = Declaration(
        person=person,
        kind=kind,
        channel=channel,
        wording=wording,
        wording_version=version,
        language=language,
        declared_at=declared_at or timezone.now(),
        recorded_by=actor.user,
    )
    validate(declaration, exclude=["person", "recorded_by"])
    declaration.save()
    audit.record(
        actor=actor, action="declaration.record", target=declaration, parent=person, changed_fields=FIELDS
    )
    return declaration


@transaction.atomic
def declaration_withdraw(*, actor: Actor, declaration_id: object) -> Declaration:
    """The person no longer affirms it (or it was recorded in error): kept, marked withdrawn, by whom, when."""
    declaration = get_scoped(Declaration, actor, declaration_id, for_update=True)
    person = editable_person(actor, declaration.person_id)
    if not can_record_declaration(actor, person):
        raise PermissionDenied(_("Your role cannot change this person's record."))
    if declaration.withdrawn_at is not None:
        raise Conflict(_("This declaration was already withdrawn."))
    declaration.withdrawn_at = timezone.now()
    declaration.withdrawn_by = actor.user
    declaration.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit.record(
        actor=actor,
        action="declaration.withdraw",
        target=declaration,
        parent=person,
        changed_fields=["withdrawn_at", "withdrawn_by"],
    )
    return declaration
