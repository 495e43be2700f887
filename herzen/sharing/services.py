"""Recording and revoking a person's consent to share parts of their record. Audited like every write."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.changes import validate
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.encryption.keys import Owner, is_erased
from herzen.organisations.models import Organisation, OrganisationKind
from herzen.people.models import Person
from herzen.sharing.models import SharedPart, SharingConsent
from herzen.sharing.permissions import can_record_sharing_consent, can_revoke_sharing_consent

CONSENT_FIELDS = frozenset({"person", "grantee", "parts", "valid_until", "given_how", "note", "granted_by"})
REVOKE_FIELDS = frozenset({"revoked_at", "revoked_by", "revoke_reason"})


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, fields={field: [message]})


def _checked_parts(parts: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(parts))
    if not chosen:
        raise _invalid("parts", _("Choose at least one part of the record to share."))
    unknown = [part for part in chosen if part not in SharedPart.values]
    if unknown:
        raise _invalid("parts", _("Unknown part of the record: %(parts)s.") % {"parts": ", ".join(unknown)})
    # Stored in the vocabulary's order, so two consents for the same parts look the same.
    return [part for part in SharedPart.values if part in chosen]


@transaction.atomic
def sharing_consent_record(
    *,
    actor: Actor,
    person_id: object,
    grantee_id: object,
    parts: Iterable[str],
    valid_until: date,
    given_how: str,
    note: str = "",
) -> SharingConsent:
    person = get_scoped(Person, actor, person_id, for_update=True)
    if not can_record_sharing_consent(actor, person):
        raise PermissionDenied(_("Your role cannot record consent to share this person's record."))
    if is_erased(Owner.of("person", person.pk)):
        raise Conflict(_("This person's data has been erased; it cannot be shared."))
    chosen = _checked_parts(parts)
    grantee = (
        Organisation.objects.exclude(kind=OrganisationKind.AUTHORITY)
        .exclude(pk=person.organisation_id)
        .filter(pk=grantee_id)
        .first()
    )
    if grantee is None:
        raise _invalid("grantee", _("Choose another organisation that works with Herzen."))
    if valid_until < timezone.localdate():
        raise _invalid("valid_until", _("The consent must hold until today or later."))
    live = SharingConsent.objects.for_actor(actor).live(timezone.localdate())
    if live.filter(person=person, grantee=grantee).exists():
        raise Conflict(
            _("A consent to share with this organisation is already in force; revoke it to record a new one.")
        )
    consent = SharingConsent(
        person=person,
        grantee=grantee,
        parts=chosen,
        valid_until=valid_until,
        given_how=given_how,
        note=note.strip(),
        granted_by=actor.user,
    )
    validate(consent)
    consent.save()
    audit.record(
        actor=actor,
        action="sharing_consent.record",
        target=consent,
        parent=person,
        changed_fields=CONSENT_FIELDS,
    )
    return consent


@transaction.atomic
def sharing_consent_revoke(*, actor: Actor, consent_id: object, reason: str) -> SharingConsent:
    """From this moment the grantee sees nothing of the person: the next read is a 404."""
    consent = get_scoped(SharingConsent.objects.select_related("person"), actor, consent_id, for_update=True)
    if not can_revoke_sharing_consent(actor, consent):
        raise PermissionDenied(_("Your role cannot revoke consent to share this person's record."))
    if consent.is_revoked:
        raise Conflict(_("This consent has already been revoked."))
    if not reason.strip():
        raise _invalid("reason", _("Say why the consent is revoked."))
    consent.revoked_at = timezone.now()
    consent.revoked_by = actor.user
    consent.revoke_reason = reason.strip()
    consent.save(update_fields=[*REVOKE_FIELDS, "updated_at"])
    audit.record(
        actor=actor,
        action="sharing_consent.revoke",
        target=consent,
        parent=consent.person,
        changed_fields=REVOKE_FIELDS,
    )
    return consent
