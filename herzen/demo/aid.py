"""Demo aid (issue 18): one programme per NGO with grants in every state the pages show — proposed and waiting
for a second person, paid by an operator, sent by SEPA and rejected by the bank then re-routed to cash, and a
USDT payout waiting for approval — all written through the services, so the ledger and the audit chain agree."""

from datetime import timedelta

from django.utils import timezone

from herzen.aid import services
from herzen.aid.models import Programme
from herzen.aid.payment_files import sepa_file_create, status_report_import
from herzen.aid.payout_services import (
    payout_approve,
    payout_confirm,
    payout_propose,
    payout_reroute,
    payout_send,
)
from herzen.cases.models import Case, CaseStatus
from herzen.core.actor import Actor
from herzen.people.models import HouseholdMember

TITLE = "Зимняя помощь 2026/27"
RULES = {
    "eligibility": {
        "id": "demo_winter_aid",
        "version": "2026-12",
        "title": "Winter support",
        "criteria": [
            {"id": "size", "label": "Has a household", "condition": {"fact": "household_size", "at_least": 1}}
        ],
    },
    "amounts": {"1": "300.00", "2": "450.00", "3": "550.00"},
    "per_extra_member": "80.00",
    "ceiling": "800.00",
    "tranches": 3,
    "interval_days": 30,
}
# A status report rejecting one payment because the account was closed (as a bank sends it).
PAIN002 = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"><CstmrPmtStsRpt>
<GrpHdr><MsgId>DEMO-STS</MsgId><CreDtTm>2026-12-08T09:00:00</CreDtTm></GrpHdr>
<OrgnlGrpInfAndSts><OrgnlMsgId>{message}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>
<GrpSts>RJCT</GrpSts></OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>PMT-1</OrgnlPmtInfId>
<TxInfAndSts><StsId>1</StsId><OrgnlEndToEndId>{reference}</OrgnlEndToEndId><TxSts>RJCT</TxSts>
<StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf></TxInfAndSts></OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>"""


def _grant(caseworker: Actor, supervisor: Actor, programme: Programme, case: Case, *, approve: bool):  # type: ignore[no-untyped-def]
    payee = HouseholdMember.objects.filter(household_id=case.household_id).select_related("person").first()
    grant = services.grant_propose(
        actor=caseworker, programme_id=programme.pk, case_id=case.pk, payee_id=payee.person_id
    )
    if approve:
        services.grant_decide(actor=supervisor, grant_id=grant.pk, approve=True)
    return grant, payee.person


def write_aid(ngo_staff: dict[object, tuple[Actor, Actor]]) -> list[str]:
    lines = []
    today = timezone.localdate()
    for caseworker, supervisor in ngo_staff.values():
        if Programme.objects.filter(organisation_id=caseworker.organisation_id, title=TITLE).exists():
            continue
        cases = list(
            Case.objects.for_actor(caseworker)
            .filter(status=CaseStatus.OPEN, household__isnull=False)
            .order_by("opened_at", "reference")[:4]
        )
        if len(cases) < 4:
            continue
        funder = services.funder_create(actor=supervisor, name="Stiftung Winterhilfe (demo)")
        programme = services.programme_create(
            actor=supervisor, funder_id=funder.pk, title=TITLE, currency_code="EUR", budget=50_000_00,
            starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=335), rules=RULES,
            supervisor_threshold=400_00,
        )  # fmt: skip
        programme.paying_account_name = "Herzen Hilfe e.V. (demo)"
        programme.paying_iban = "DE89370400440532013000"
        programme.paying_bic = "COBADEFFXXX"
        programme.save(update_fields=["paying_account_name", "paying_iban", "paying_bic", "updated_at"])

        _grant(caseworker, supervisor, programme, cases[0], approve=False)  # waits for a second person

        paid, payee = _grant(caseworker, supervisor, programme, cases[1], approve=True)
        payout = payout_propose(
            actor=caseworker, tranche_id=paid.tranches.get(number=1).pk, channel="operator",
            details={"operator": "Золотая Корона", "recipient": payee.full_name, "phone": "+995555123456"},
        )  # fmt: skip
        payout_approve(actor=caseworker, payout_id=payout.pk)
        payout_send(actor=caseworker, payout_id=payout.pk)
        payout_confirm(actor=caseworker, payout_id=payout.pk, proof="KRN-2026-118734")

        returned, payee = _grant(caseworker, supervisor, programme, cases[2], approve=True)
        transfer = payout_propose(
            actor=caseworker, tranche_id=returned.tranches.get(number=1).pk, channel="sepa",
            details={"account_holder": "Demo Payee", "iban": "DE02120300000000202051", "bic": "BYLADEM1001"},
        )  # fmt: skip
        payout_approve(actor=caseworker, payout_id=transfer.pk)
        payment_file = sepa_file_create(actor=caseworker, programme_id=programme.pk)
        report = PAIN002.format(message=payment_file.message_id, reference=transfer.reference)
        status_report_import(actor=caseworker, content=report.encode(), kind="pain.002")
        payout_reroute(
            actor=caseworker, payout_id=transfer.pk, channel="cash",
            details={"recipient": payee.full_name, "place": "Тбилиси, офис"},
        )  # fmt: skip

        crypto, _payee = _grant(caseworker, supervisor, programme, cases[3], approve=True)
        payout_propose(
            actor=caseworker, tranche_id=crypto.tranches.get(number=1).pk, channel="crypto",
            details={"network": "tron", "address": "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8"},
        )  # fmt: skip
        lines.append(f"{programme.title}: 4 grants (proposed, paid, returned and re-routed, USDT waiting)")
    return lines
