"""Bank status reports: ISO 20022 pain.002 (payment status) and camt.054 (debit/credit notification).

Each line names the original end-to-end id, so it is matched to exactly one payout; the status is read as
accepted, rejected (pain.002 RJCT) or returned (a camt.054 entry carrying return information).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lxml import etree


class LineStatus(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    PENDING = "pending"


class ReportError(ValueError):
    pass


@dataclass(frozen=True)
class StatusLine:
    end_to_end_id: str
    status: LineStatus
    reason: str  # ISO 20022 reason code (AC01 wrong account, AC04 closed account, ...), empty when none


_ACCEPTED = {"ACCP", "ACSC", "ACSP", "ACTC", "ACWC", "ACCC"}
_REJECTED = {"RJCT"}
REASONS = {
    "AC01": "incorrect account number",
    "AC04": "closed account number",
    "AC06": "blocked account",
    "AG01": "transaction forbidden on this account",
    "AM04": "insufficient funds",
    "BE04": "missing creditor address",
    "MD07": "end customer deceased",
    "MS02": "reason not specified by the customer",
    "MS03": "reason not specified by the agent",
    "RC01": "bank identifier incorrect",
    "RR04": "regulatory reason",
}


def _local(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element.iter() if isinstance(child.tag, str) and _local(child) == name]


def _text(element: etree._Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def _parse(content: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as error:
        raise ReportError(f"not XML: {error}") from None


def parse_pain002(content: bytes) -> list[StatusLine]:
    root = _parse(content)
    lines = []
    for transaction in _children(root, "TxInfAndSts"):
        end_to_end = _text(transaction, "OrgnlEndToEndId")
        code = _text(transaction, "TxSts")
        status = (
            LineStatus.ACCEPTED
            if code in _ACCEPTED
            else LineStatus.REJECTED
            if code in _REJECTED
            else LineStatus.PENDING
        )
        reason = _text(transaction, "Cd") if status is LineStatus.REJECTED else ""
        if end_to_end:
            lines.append(StatusLine(end_to_end, status, reason))
    if not lines and not _children(root, "OrgnlGrpInfAndSts"):
        raise ReportError("no payment status in this file; is it a pain.002?")
    return lines


def parse_camt054(content: bytes) -> list[StatusLine]:
    root = _parse(content)
    lines = []
    for details in _children(root, "TxDtls"):
        end_to_end = _text(details, "EndToEndId")
        returned = _children(details, "RtrInf")
        if not end_to_end or end_to_end == "NOTPROVIDED":
            continue
        if returned:
            lines.append(StatusLine(end_to_end, LineStatus.REJECTED, _text(returned[0], "Cd")))
        else:
            lines.append(StatusLine(end_to_end, LineStatus.ACCEPTED, ""))
    if not _children(root, "Ntfctn"):
        raise ReportError("no notification in this file; is it a camt.054?")
    return lines
