"""SEPA credit-transfer batches as ISO 20022 pain.001.001.03, written by `sepaxml`.

Each payout is one transaction whose end-to-end id is the payout's reference, so the bank's status report
(pain.002) and account notification (camt.054) can be matched back to exactly that payout. The file is
validated against the XSD shipped with the app (herzen/aid/schemas) before anyone sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sepaxml import SepaTransfer

PAIN_001 = "pain.001.001.03"


@dataclass(frozen=True)
class Debtor:
    name: str  # the organisation paying
    iban: str
    bic: str


@dataclass(frozen=True)
class CreditTransfer:
    end_to_end_id: str  # at most 35 characters, the payout's reference
    creditor_name: str
    iban: str
    bic: str
    amount: int  # euro cents
    remittance: str  # at most 140 characters, shown on the recipient's statement


def pain001(debtor: Debtor, transfers: list[CreditTransfer], *, execution: date, message_id: str) -> bytes:
    """The batch as pain.001 XML bytes (not yet schema-checked; `herzen.aid.sepa_files` checks it)."""
    document = SepaTransfer(
        {"name": debtor.name, "IBAN": debtor.iban, "BIC": debtor.bic, "batch": True, "currency": "EUR"},
        schema=PAIN_001,
    )
    document.msg_id = message_id[:35]
    for transfer in transfers:
        document.add_payment(
            {
                "name": transfer.creditor_name,
                "IBAN": transfer.iban,
                "BIC": transfer.bic,
                "amount": transfer.amount,
                "execution_date": execution,
                "description": transfer.remittance[:140],
                "endtoend_id": transfer.end_to_end_id[:35],
            }
        )
    out: bytes = document.export(validate=False)
    return out
