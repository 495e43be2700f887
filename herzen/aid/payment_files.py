"""Bank payment files: SEPA pain.001 batches and local-bank CSV files, and the import of bank status reports.

A file is written for the approved payouts of one programme and channel; writing it sends them (their money
moves to "in transit"). A status report's lines are matched to payouts by end-to-end id (the payout reference):
an accepted line confirms, a rejected or returned one fails that payout alone.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from herzen import audit
from herzen.aid.models import PaymentFile, Payout, Programme
from herzen.aid.payout_services import fail, move_payout, send_in_file
from herzen.aid.permissions import can_handle_payouts
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.domain.accounting import to_decimal
from herzen.domain.aid.channels import ChannelKind
from herzen.domain.aid.payouts import PayoutEvent, PayoutState
from herzen.domain.aid.sepa import CreditTransfer, Debtor, pain001
from herzen.domain.aid.status_reports import LineStatus, ReportError, parse_camt054, parse_pain002

# Whether each country's banks publish a bulk-payment template. None of the banks we know of publishes one
# openly (they hand templates to corporate clients), so the CSV is Herzen's own layout and says so.
LOCAL_FORMATS = {
    "GE": "format not published by the bank: Herzen's generic layout (check it with your bank)",
    "AM": "format not published by the bank: Herzen's generic layout (check it with your bank)",
    "KZ": "format not published by the bank: Herzen's generic layout (check it with your bank)",
}


def pain001_schema() -> etree.XMLSchema:
    text = resources.files("herzen.domain.aid").joinpath("schemas", "pain.001.001.03.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(text))


def _approved(actor: Actor, programme: Programme, channel: ChannelKind) -> list[Payout]:
    return list(
        Payout.objects.for_actor(actor)
        .select_for_update()
        .select_related("tranche__grant__payee", "tranche__grant__case", "tranche__grant__programme")
        .filter(tranche__grant__programme=programme, channel=channel.value, state=PayoutState.APPROVED)
        .order_by("created_at")
    )


def _record(
    actor: Actor, programme: Programme, kind: ChannelKind, prefix: str, country: str = ""
) -> PaymentFile:
    payment_file = PaymentFile.objects.create(
        organisation=actor.organisation, programme=programme, kind=kind.value, country=country,
        message_id=prefix + timezone.now().strftime("%Y%m%d%H%M%S%f"), execution_on=timezone.localdate(),
        created_by=actor.user,
    )  # fmt: skip
    audit.record(actor=actor, action="aid_payment_file.create", target=payment_file,
                 changed_fields={"programme", "kind", "message_id"})  # fmt: skip
    return payment_file


def _sepa_content(payment_file: PaymentFile, payouts: list[Payout]) -> bytes:
    programme = payment_file.programme
    content = pain001(
        Debtor(programme.paying_account_name, programme.paying_iban, programme.paying_bic),
        [
            CreditTransfer(
                p.reference,
                p.details["account_holder"],
                p.details["iban"],
                p.details["bic"],
                p.tranche.amount,
                f"{programme.title[:100]} {p.tranche.number}",
            )
            for p in payouts
        ],
        execution=payment_file.execution_on,
        message_id=payment_file.message_id,
    )
    pain001_schema().assertValid(etree.fromstring(content))
    return content


def _local_content(payment_file: PaymentFile, payouts: list[Payout]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["reference", "account_holder", "bank", "account", "amount", "currency", "purpose"])
    code = payment_file.programme.currency
    for payout in payouts:
        details = payout.details
        writer.writerow([
            payout.reference, details["account_holder"], details["bank_name"],
            details.get("iban") or details.get("account_number"),
            str(to_decimal(payout.tranche.amount, code)), code, f"Humanitarian grant {payout.tranche.number}",
        ])  # fmt: skip
    return out.getvalue().encode("utf-8")


def payment_file_content(payment_file: PaymentFile) -> bytes:
    """The file as the bank gets it, written from its payouts (the same every time but for the creation time)."""
    payouts = list(payment_file.payouts.select_related("tranche__grant__programme").order_by("created_at"))
    if payment_file.kind == ChannelKind.SEPA:
        return _sepa_content(payment_file, payouts)
    return _local_content(payment_file, payouts)


@transaction.atomic
def sepa_file_create(*, actor: Actor, programme_id: object) -> PaymentFile:
    """A pain.001 batch of the programme's approved SEPA payouts, checked against the XSD; they are now sent."""
    if not can_handle_payouts(actor):
        raise PermissionDenied(_("Your role cannot handle payouts."))
    programme = get_scoped(Programme, actor, programme_id)
    if not (programme.paying_iban and programme.paying_bic and programme.paying_account_name):
        raise Conflict(_("Record the programme's paying account (holder, IBAN, BIC) first."))
    payouts = _approved(actor, programme, ChannelKind.SEPA)
    if not payouts:
        raise Conflict(_("No approved SEPA payouts are waiting."))
    payment_file = _record(actor, programme, ChannelKind.SEPA, "HZ")
    _sepa_content(payment_file, payouts)  # refuses a file the schema would refuse, before anything is sent
    send_in_file(actor, payouts, payment_file)
    return payment_file


@transaction.atomic
def local_bank_file_create(*, actor: Actor, programme_id: object, country: str) -> PaymentFile:
    if not can_handle_payouts(actor):
        raise PermissionDenied(_("Your role cannot handle payouts."))
    programme = get_scoped(Programme, actor, programme_id)
    payouts = [
        p for p in _approved(actor, programme, ChannelKind.LOCAL_BANK) if p.details.get("country") == country
    ]
    if not payouts:
        raise Conflict(_("No approved local bank payouts for this country are waiting."))
    payment_file = _record(actor, programme, ChannelKind.LOCAL_BANK, "HZL", country)
    send_in_file(actor, payouts, payment_file)
    return payment_file


@dataclass(frozen=True)
class LineOutcome:
    """One line of a status report: the payout it named (None: none of this organisation's) and what it did."""

    end_to_end_id: str
    payout_id: object
    status: str  # the line's status: accepted or rejected
    reason: str  # the bank's reason code, if any
    outcome: str  # confirmed, failed, unchanged or unmatched
    grant_id: object = None  # the grant of the payout it named (for a link to it)


@dataclass(frozen=True)
class ImportSummary:
    confirmed: int
    failed: int
    unmatched: tuple[str, ...]  # end-to-end ids that name no payout of this organisation
    unchanged: int
    lines: tuple[LineOutcome, ...] = ()


@transaction.atomic
def status_report_import(*, actor: Actor, content: bytes, kind: str) -> ImportSummary:
    """Apply a pain.002 or camt.054: each line to its payout, by reference; nothing else is touched."""
    if not can_handle_payouts(actor):
        raise PermissionDenied(_("Your role cannot handle payouts."))
    try:
        lines = parse_pain002(content) if kind == "pain.002" else parse_camt054(content)
    except ReportError:
        message = _("This file is not a bank status report of the chosen kind.")
        raise Invalid(message, fields={"file": [message]}) from None
    confirmed = failed = unchanged = 0
    unmatched = []
    outcomes = []
    for line in lines:
        payout = (
            Payout.objects.for_actor(actor)
            .select_for_update()
            .select_related("tranche__grant__programme", "tranche__grant__case")
            .filter(reference=line.end_to_end_id)
            .first()
        )
        if payout is None:
            unmatched.append(line.end_to_end_id)
            outcomes.append(
                LineOutcome(line.end_to_end_id, None, line.status.value, line.reason, "unmatched")
            )
            continue
        state = PayoutState(payout.state)
        if line.status is LineStatus.REJECTED and state in (PayoutState.SENT, PayoutState.CONFIRMED):
            fail(actor, payout, line.reason or "MS03")
            failed += 1
            outcome = "failed"
        elif line.status is LineStatus.ACCEPTED and state is PayoutState.SENT and kind == "camt.054":
            payout.settled_on = timezone.localdate()
            move_payout(actor, payout, PayoutEvent.CONFIRM, {"settled_on"})
            confirmed += 1
            outcome = "confirmed"
        else:
            unchanged += 1  # pain.002 ACCP only says the bank accepted the order, not that the money arrived
            outcome = "unchanged"
        outcomes.append(
            LineOutcome(
                line.end_to_end_id,
                payout.pk,
                line.status.value,
                line.reason,
                outcome,
                payout.tranche.grant_id,
            )
        )
    return ImportSummary(confirmed, failed, tuple(unmatched), unchanged, tuple(outcomes))
