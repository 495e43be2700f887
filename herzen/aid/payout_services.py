"""Payouts of a grant's tranches through typed channels, moved along the state machine (herzen.domain.aid.payouts),
each move audited and booked. A payout leaves only when its payee has no unresolved sanctions hit."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.aid import ledger
from herzen.aid.audit_actions import PAYOUT_FIELDS
from herzen.aid.channel_errors import channel_error_message
from herzen.aid.models import Grant, GrantStatus, PaymentFile, Payout, Tranche
from herzen.aid.permissions import can_handle_payouts
from herzen.aid.sanctions_services import payee_holds, payees_held, screen_person
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.aid.channels import ChannelError, ChannelKind, check_details
from herzen.domain.aid.crypto_addresses import AddressError, Network, check_transaction_hash
from herzen.domain.aid.payouts import FINAL_STATES, MoveRefused, PayoutEvent, PayoutState, move_for
from herzen.evidence.models import EvidenceItem, EvidenceKind, SourceKind
from herzen.evidence.services import evidence_add
from herzen.notifications.staff import notify

OPEN_STATES = (PayoutState.PROPOSED, PayoutState.APPROVED, PayoutState.SENT)


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, fields={field: [message]})


def _checked(kind: str, details: Mapping[str, object]) -> tuple[ChannelKind, dict[str, str]]:
    try:
        channel = ChannelKind(kind)
    except ValueError:
        raise _invalid("channel", _("Choose a payout channel.")) from None
    try:
        return channel, check_details(channel, details)
    except ChannelError as error:
        raise _invalid(error.field, channel_error_message(error)) from None


def _new_reference() -> str:
    return "HZ" + secrets.token_hex(8).upper()


def _require(actor: Actor) -> None:
    if not can_handle_payouts(actor):
        raise PermissionDenied(_("Your role cannot handle payouts."))


@transaction.atomic
def payout_propose(
    *,
    actor: Actor,
    tranche_id: object,
    channel: str,
    details: Mapping[str, object],
    rerouted_from: Payout | None = None,
) -> Payout:
    _require(actor)
    tranche = get_scoped(Tranche.objects.select_related("grant__programme", "grant__case"), actor, tranche_id)
    if tranche.grant.status != GrantStatus.APPROVED:
        raise Conflict(_("The grant is not approved yet."))
    busy = tranche.payouts.exclude(state__in=[s.value for s in FINAL_STATES | {PayoutState.FAILED}])
    if rerouted_from is None and (
        busy.exists() or tranche.payouts.filter(state=PayoutState.CONFIRMED).exists()
    ):
        raise Conflict(_("This tranche already has a payout under way."))
    kind, checked = _checked(channel, details)
    if kind is ChannelKind.SEPA and tranche.grant.programme.currency != "EUR":
        raise _invalid("channel", _("SEPA transfers are in euro; this programme pays in another currency."))
    payout = Payout(
        tranche=tranche,
        channel=kind.value,
        details=checked,
        reference=_new_reference(),
        created_by=actor.user,
        rerouted_from=rerouted_from,
    )
    payout.save()
    audit.record(actor=actor, action="aid_payout.create", target=payout, parent=tranche.grant.case,
                 changed_fields=PAYOUT_FIELDS)  # fmt: skip
    return payout


def move_payout(
    actor: Actor, payout: Payout, event: PayoutEvent, fields: set[str], **links: object
) -> Payout:
    try:
        move = move_for(PayoutState(payout.state), event)
    except MoveRefused:
        raise Conflict(_("This payout cannot do that in its present state.")) from None
    payout.state = move.target.value
    payout.save(update_fields=[*fields, "state", "updated_at"])
    audit.record(actor=actor, action="aid_payout.move", target=payout, parent=payout.tranche.grant.case,
                 changed_fields={*fields, "state"})  # fmt: skip
    if move.debit is not None and move.credit is not None:
        entry = ledger.move(
            actor=actor,
            programme=payout.tranche.grant.programme,
            memo=f"payout {payout.reference} {event.value}",
            source=move.credit,
            target=move.debit,
            amount=payout.tranche.amount,
            payout=payout,
            **links,
        )
        audit.record(
            actor=actor,
            action="aid_ledger.post",
            target=entry,
            changed_fields={"programme", "memo", "payout"},
        )
    return payout


def _payout(actor: Actor, payout_id: object) -> Payout:
    return get_scoped(
        Payout.objects.select_related(
            "tranche__grant__programme", "tranche__grant__case", "tranche__grant__payee"
        ),
        actor,
        payout_id,
        for_update=True,
    )


def payout_approve(*, actor: Actor, payout_id: object) -> Payout:
    """Release a proposed payout: the payee is screened now, and an unresolved hit keeps it here (never refused:
    a compliance officer decides, then it can be approved). The hits are recorded even when it is held."""
    _require(actor)
    with transaction.atomic():
        screen_person(actor=actor, person=_payout(actor, payout_id).tranche.grant.payee)
    with transaction.atomic():
        return _approve_screened(actor, _payout(actor, payout_id))


def _approve_screened(actor: Actor, payout: Payout) -> Payout:
    if payee_holds(payout.tranche.grant.payee):
        raise Conflict(
            _("The payee's name matches a sanctions list; a compliance officer must decide first.")
        )
    return move_payout(actor, payout, PayoutEvent.APPROVE, set())


def mark_sent(actor: Actor, payout: Payout, **extra: object) -> Payout:
    if payee_holds(payout.tranche.grant.payee):
        raise Conflict(
            _("The payee's name matches a sanctions list; a compliance officer must decide first.")
        )
    payout.sent_on = timezone.localdate()
    for name, value in extra.items():
        setattr(payout, name, value)
    return move_payout(actor, payout, PayoutEvent.SEND, {"sent_on", *extra})


def send_in_file(actor: Actor, payouts: list[Payout], payment_file: PaymentFile) -> None:
    """Send a payment file's approved payouts together (within the file service's transaction): each moves to
    "sent" with its own audit event and ledger entry, as `mark_sent` would, but the batch costs a handful of
    statements: one hold check for all payees, one update of the payouts, one insert of their audit events,
    and the ledger's batch (`ledger.post_many`) with one insert of its entries' audit events."""
    if not payouts:
        return
    if payees_held([payout.tranche.grant.payee_id for payout in payouts]):
        raise Conflict(
            _("The payee's name matches a sanctions list; a compliance officer must decide first.")
        )
    try:
        moves = {move_for(PayoutState(payout.state), PayoutEvent.SEND) for payout in payouts}
    except MoveRefused:
        raise Conflict(_("This payout cannot do that in its present state.")) from None
    if len(moves) != 1:  # the file service selects approved payouts only: one move for all
        raise Conflict(_("This payout cannot do that in its present state."))
    (move,) = moves
    today, now = timezone.localdate(), timezone.now()
    Payout.objects.filter(pk__in=[payout.pk for payout in payouts]).update(
        state=move.target.value, sent_on=today, payment_file=payment_file, updated_at=now
    )
    for payout in payouts:
        payout.state, payout.sent_on, payout.payment_file, payout.updated_at = (
            move.target.value,
            today,
            payment_file,
            now,
        )
    audit.record_each(actor=actor, action="aid_payout.move",
                      targets=[(payout, payout.tranche.grant.case) for payout in payouts],
                      changed_fields={"sent_on", "payment_file", "state"})  # fmt: skip
    if move.debit is None or move.credit is None:
        return
    entries = ledger.post_many(
        actor=actor,
        programme=payment_file.programme,
        drafts=[
            ledger.Draft(
                memo=f"payout {payout.reference} {PayoutEvent.SEND.value}",
                legs=[
                    ledger.Leg(move.credit, -payout.tranche.amount, payment_file.programme.currency),
                    ledger.Leg(move.debit, payout.tranche.amount, payment_file.programme.currency),
                ],
                payout=payout,
            )
            for payout in payouts
        ],
    )
    audit.record_each(actor=actor, action="aid_ledger.post", targets=[(entry, None) for entry in entries],
                      changed_fields={"programme", "memo", "payout"})  # fmt: skip


@transaction.atomic
def payout_send(*, actor: Actor, payout_id: object) -> Payout:
    """Hand over cash, send crypto or order an operator transfer (bank transfers go out in a file)."""
    _require(actor)
    payout = _payout(actor, payout_id)
    if payout.channel in (ChannelKind.SEPA, ChannelKind.LOCAL_BANK):
        raise Conflict(_("Bank transfers are sent in a payment file."))
    return mark_sent(actor, payout)


@transaction.atomic
def payout_confirm(
    *, actor: Actor, payout_id: object, proof: str = "", receipt_id: object = None, receipt_file: Any = None
) -> Payout:
    """The money arrived: each channel's proof is required (a signed receipt for cash, the transaction hash for
    crypto, the operator's reference)."""
    _require(actor)
    payout = _payout(actor, payout_id)
    fields = {"settled_on", "proof"}
    proof = proof.strip()
    if payout.channel == ChannelKind.CASH:
        if receipt_file is not None:  # the signed receipt or a photo of it, through the one file pipeline
            receipt_id = evidence_add(
                actor=actor,
                case_id=payout.tranche.grant.case_id,
                kind=EvidenceKind.OTHER,
                title=_("Signed receipt for payout %(reference)s") % {"reference": payout.reference},
                source_kind=SourceKind.PERSON_CONCERNED,
                person_id=payout.tranche.grant.payee_id,
                file=receipt_file,
            ).pk
        receipt = (
            EvidenceItem.objects.for_actor(actor)
            .filter(pk=receipt_id, case_id=payout.tranche.grant.case_id)
            .first()
        )
        if receipt is None:
            raise _invalid("receipt", _("Attach the receipt signed by the recipient."))
        payout.receipt = receipt
        fields.add("receipt")
    elif payout.channel == ChannelKind.CRYPTO:
        try:
            proof = check_transaction_hash(Network(payout.details["network"]), proof)
        except AddressError:
            raise _invalid(
                "proof", _("Enter the transaction hash as the blockchain explorer shows it.")
            ) from None
    elif payout.channel == ChannelKind.OPERATOR and not proof:
        raise _invalid("proof", _("Enter the operator's transfer reference."))
    payout.proof = proof
    payout.settled_on = timezone.localdate()
    return move_payout(actor, payout, PayoutEvent.CONFIRM, fields)


def fail(actor: Actor, payout: Payout, reason: str) -> Payout:
    payout.failure_reason = reason[:8]
    move_payout(actor, payout, PayoutEvent.FAIL, {"failure_reason"})
    grant: Grant = payout.tranche.grant
    for recipient in {grant.proposed_by_id, grant.case.assigned_caseworker_id} - {None}:
        notify(
            recipient_id=recipient,
            organisation_id=grant.programme.organisation_id,
            kind="payout_failed",
            params={
                "reference": grant.case.reference,
                "payout": payout.reference,
                "reason": payout.failure_reason,
            },
            dedupe_key=f"payout-failed:{payout.pk}",
        )
    return payout


@transaction.atomic
def payout_fail(*, actor: Actor, payout_id: object, reason: str) -> Payout:
    _require(actor)
    return fail(actor, _payout(actor, payout_id), reason.strip() or "MS03")


@transaction.atomic
def payout_reroute(*, actor: Actor, payout_id: object, channel: str, details: Mapping[str, object]) -> Payout:
    """Send a failed payout's money through another channel: a new proposed payout for the same tranche."""
    _require(actor)
    failed = _payout(actor, payout_id)
    if failed.state != PayoutState.FAILED:
        raise Conflict(_("Only a failed payout can be re-routed."))
    move_payout(actor, failed, PayoutEvent.REROUTE, set())
    return payout_propose(
        actor=actor, tranche_id=failed.tranche_id, channel=channel, details=details, rerouted_from=failed
    )
