"""Issuing a sealed document, revoking or suspending it, and rotating an organisation's seal key. Audited.

Only the organisation that decided a fact issues a document stating it (herzen.documents.types).
"""

import secrets
import uuid
from datetime import datetime, timedelta

import iuliia
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.aid.models import Payout
from herzen.cases.models import Case
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.documents import keystore
from herzen.documents.models import DocumentStatus, IssuedDocument, SealKey
from herzen.documents.permissions import (
    can_change_document_status,
    can_issue_document,
    can_rotate_seal_key,
)
from herzen.documents.types import (
    DOCUMENT_TYPES,
    FROM_AID,
    FROM_CASE,
    FROM_DECISION,
    PAPER_LANGUAGES,
    destination_language,
)
from herzen.domain.aid.payouts import PayoutState
from herzen.domain.seals import STATUS_LIST_SIZE, LocalSealSigner, SealClaims, holder_hash, seal
from herzen.organisations.models import Organisation
from herzen.pathways.models import Application, ApplicationDecision
from herzen.people.models import HouseholdMember

ISSUE_FIELDS = frozenset(
    {
        "document_type",
        "number",
        "case",
        "application",
        "decision",
        "payout",
        "person",
        "valid_from",
        "valid_until",
    }
)
STATUS_FIELDS = frozenset({"status", "status_reason", "status_changed_at", "status_changed_by"})
KEY_FIELDS = frozenset({"kid", "certificate_pem", "not_after"})
RETIRE_FIELDS = frozenset({"retired_at"})


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, fields={field: [message]})


def _current_key(organisation: Organisation) -> SealKey | None:
    return SealKey.objects.filter(organisation=organisation, retired_at__isnull=True).first()


def _create_key(actor: Actor, organisation: Organisation) -> SealKey:
    signer = LocalSealSigner.generate(organisation=organisation.name, country=organisation.country)
    keystore.store(signer.kid.hex(), signer)
    key = SealKey.objects.create(
        organisation=organisation,
        kid=signer.kid.hex(),
        certificate_pem=signer.certificate_pem().decode(),
        not_after=signer.certificate.not_valid_after_utc,
    )
    audit.record(actor=actor, action="seal_key.create", target=key, changed_fields=KEY_FIELDS)
    return key


@transaction.atomic
def seal_key_rotate(*, actor: Actor) -> SealKey:
    """A new signing key for the actor's organisation; the old one stays on the trust list to verify."""
    if actor.organisation is None or not can_rotate_seal_key(actor):
        raise PermissionDenied(_("Your role cannot rotate your organisation's seal key."))
    organisation = Organisation.objects.select_for_update().get(pk=actor.organisation.pk)
    old = _current_key(organisation)
    if old is not None:
        old.retired_at = timezone.now()
        old.save(update_fields=["retired_at", "updated_at"])
        audit.record(actor=actor, action="seal_key.retire", target=old, changed_fields=RETIRE_FIELDS)
    return _create_key(actor, organisation)


def _decision_for(
    actor: Actor, application: Application | None, decisions: frozenset[str]
) -> ApplicationDecision:
    if application is None:
        raise _invalid("application", _("This document states a decision: choose the application."))
    decision = (
        ApplicationDecision.objects.filter(
            application=application, deciding_organisation_id=actor.organisation_id, transition__in=decisions
        )
        .order_by("-decided_on", "-created_at")
        .first()
    )
    if decision is None:
        raise PermissionDenied(
            _("Only the organisation that made this decision can issue this document, and it has not.")
        )
    return decision


def _confirmed_payout(actor: Actor, payout_id: object) -> Payout:
    """A payout the actor's organisation made (it runs the programme) and the recipient confirmed."""
    if not payout_id:
        raise _invalid("payout", _("An aid receipt states a payout: choose the payout."))
    payout = get_scoped(
        Payout.objects.select_related(
            "tranche__grant__programme", "tranche__grant__case", "tranche__grant__payee"
        ),
        actor,
        payout_id,
    )
    if payout.tranche.grant.programme.organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only the organisation that paid this aid can issue a receipt for it."))
    if payout.state != PayoutState.CONFIRMED or payout.settled_on is None:
        raise Conflict(_("A receipt is issued only for a payout whose arrival is confirmed."))
    issued = IssuedDocument.objects.filter(payout=payout).exclude(status=DocumentStatus.REVOKED)
    if issued.exists():
        raise Conflict(_("This payout already has a receipt; revoke it first to issue a new one."))
    return payout


def _holder(case: Case) -> HouseholdMember:
    member = (
        HouseholdMember.objects.select_related("person").filter(
            household_id=case.household_id, role="principal"
        )
    ).first()
    if member is None:
        raise Conflict(_("The case has no principal applicant to issue the document to."))
    return member


def _free_status_index() -> int:
    # A random index (as the Bitstring Status List advises): neighbours in the list are not neighbours in time.
    for _attempt in range(64):
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if not IssuedDocument.objects.filter(status_index=index).exists():
            return index
    raise Conflict(_("The status list is full; the operator must start a new one."))


@transaction.atomic
def document_issue(
    *,
    actor: Actor,
    document_type: str,
    application_id: object = None,
    case_id: object = None,
    payout_id: object = None,
) -> IssuedDocument:
    """Issue a sealed document stating a fact the actor's organisation decided: its own case (an NGO's
    attestation), its recorded decision on the application (an authority's), or its confirmed payout (an aid
    receipt, `payout_id`)."""
    kind = DOCUMENT_TYPES.get(document_type)
    if kind is None:
        raise _invalid("document_type", _("Choose a document type."))
    if not kind.issuable:
        raise Conflict(str(kind.unavailable_reason))
    if not can_issue_document(actor, kind):
        raise PermissionDenied(_("Your organisation cannot issue this kind of document."))
    assert actor.organisation is not None
    application = get_scoped(Application, actor, application_id) if application_id else None
    decision = None
    payout = None
    if kind.source == FROM_DECISION:
        decision = _decision_for(actor, application, kind.decisions)
        # The authority reads the application referred to it, not the NGO's case: the decision names it.
        case = Case.objects.select_related("household").get(pk=decision.application.case_id)
    elif kind.source == FROM_CASE:
        case = get_scoped(Case, actor, case_id or (application.case_id if application else None))
        if application is not None and application.case_id != case.pk:
            raise _invalid("application", _("The application belongs to another case."))
    elif kind.source == FROM_AID:
        payout = _confirmed_payout(actor, payout_id)
        case = payout.tranche.grant.case
    else:
        raise Conflict(str(kind.unavailable_reason))
    organisation = Organisation.objects.select_for_update().get(pk=actor.organisation.pk)
    key = _current_key(organisation) or _create_key(actor, organisation)
    # The receipt names who received the money (the grant's payee); other documents, the principal applicant.
    person = payout.tranche.grant.payee if payout is not None else _holder(case).person
    now = timezone.now()
    valid_until = now + timedelta(days=kind.validity_days)
    facts: dict[str, str] = {"case_reference": case.reference}
    if payout is not None:
        programme = payout.tranche.grant.programme
        facts |= {
            "programme": programme.title,
            "amount": str(payout.tranche.amount),  # minor units of the currency
            "currency": programme.currency,
            "paid_on": payout.settled_on.isoformat() if payout.settled_on else "",
            "payout_reference": payout.reference,
        }
    if decision is not None:
        facts["decided_on"] = decision.decided_on.isoformat()
        facts["pathway"] = decision.application.pathway
        facts["deciding_body"] = decision.deciding_body
        stated_until = (decision.state_change.facts or {}).get("valid_until")
        if stated_until:
            facts["valid_until"] = str(stated_until)
            valid_until = datetime.fromisoformat(str(stated_until)).replace(tzinfo=now.tzinfo) + timedelta(
                days=1
            )
    sequence = (
        IssuedDocument.objects.filter(organisation=organisation)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
        or 0
    ) + 1
    spoken = [code for code in (person.languages or []) if code in PAPER_LANGUAGES]
    stated_on = application or (decision.application if decision else None)
    document = IssuedDocument(
        id=uuid.uuid4(),
        organisation=organisation,
        case=case,
        application=stated_on,
        decision=decision,
        payout=payout,
        person=person,
        document_type=kind.code,
        sequence=sequence,
        number=f"{organisation.country or 'XX'}-{now.year}-{sequence:06d}",
        holder_name=person.full_name,
        holder_name_latin=iuliia.ICAO_DOC_9303.translate(person.full_name).upper(),
        holder_birth_date=person.date_of_birth,
        facts=facts,
        language=spoken[0] if spoken else "ru",
        destination_language=destination_language(
            stated_on.destination_country if stated_on else organisation.country
        ),
        valid_from=now,
        valid_until=valid_until,
        status_index=_free_status_index(),
        kid=key.kid,
        issued_by=actor.user,
    )
    salt = secrets.token_bytes(8)
    claims = SealClaims(
        document_id=document.id.bytes,
        document_type=kind.seal_code,
        issued_at=now,
        expires_at=valid_until,
        status_index=document.status_index,
        salt=salt,
        holder_hash=holder_hash(salt, person.full_name, person.date_of_birth),
    )
    document.token = seal(claims, keystore.signer(key.kid))
    document.save()
    audit.record(
        actor=actor, action="document.issue", target=document, parent=case, changed_fields=ISSUE_FIELDS
    )
    return document


@transaction.atomic
def document_status_change(*, actor: Actor, document_id: object, status: str, reason: str) -> IssuedDocument:
    """Revoke (for good), suspend, or lift a suspension. The next status list published says so."""
    document = get_scoped(IssuedDocument, actor, document_id, for_update=True)
    if not can_change_document_status(actor, document):
        raise PermissionDenied(_("Only the organisation that issued this document can change its status."))
    if status not in DocumentStatus.values:
        raise _invalid("status", _("Choose what happens to the document."))
    if document.status == DocumentStatus.REVOKED:
        raise Conflict(_("This document is revoked; a revocation cannot be undone. Issue a new document."))
    if document.status == status:
        raise Conflict(_("The document already has this status."))
    if not reason.strip():
        raise _invalid("reason", _("Say why the status of the document changes."))
    document.status = status
    document.status_reason = reason.strip()
    document.status_changed_at = timezone.now()
    document.status_changed_by = actor.user
    document.save(update_fields=[*STATUS_FIELDS, "updated_at"])
    audit.record(
        actor=actor,
        action="document.status",
        target=document,
        parent=document.case,
        changed_fields=STATUS_FIELDS,
    )
    return document
