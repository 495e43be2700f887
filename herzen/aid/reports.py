"""Reports for funders and auditors: budget against committed, paid and returned per programme and month;
every payout with its proof; CSV and XLSX with HXL hashtags; a server-rendered SVG chart.

All figures come from the ledger's postings, so a report always agrees with `herzen ledger verify`.
A funder organisation reads `programme_months` of the programmes it funds and nothing about any person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from herzen.aid.models import LedgerPosting, Payout, Programme
from herzen.core.actor import Actor
from herzen.domain.accounting import AccountKind, to_decimal
from herzen.evidence.referral_files import to_csv, to_xlsx
from herzen.organisations.models import OrganisationKind


@dataclass(frozen=True)
class Month:
    month: date
    committed: int  # approved in the month (net of reversals)
    paid: int  # confirmed in the month
    returned: int  # failed or returned in the month


def programme_months(programme: Programme) -> list[Month]:
    """Money moved into "committed", "paid" and "returned" per calendar month, from the postings."""
    rows = (
        LedgerPosting.objects.filter(
            entry__programme=programme,
            account__kind__in=[AccountKind.COMMITTED, AccountKind.PAID, AccountKind.RETURNED],
            amount__gt=0,
        )
        .exclude(
            Q(account__kind=AccountKind.COMMITTED) & Q(entry__grant__isnull=True)
        )  # re-routes are not new money
        .annotate(month=TruncMonth("entry__effective_on"))
        .values("month", "account__kind")
        .annotate(total=Sum("amount"))
        .order_by("month")
    )
    by_month: dict[date, dict[str, int]] = defaultdict(dict)
    for row in rows:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        by_month[month][row["account__kind"]] = row["total"]
    return [
        Month(month, values.get("committed", 0), values.get("paid", 0), values.get("returned", 0))
        for month, values in sorted(by_month.items())
    ]


def funded_programmes(actor: Actor) -> list[Programme]:
    """The programmes a funder organisation finances (through any NGO's funder record)."""
    if actor.organisation is None or actor.organisation.kind != OrganisationKind.FUNDER:
        return []
    return list(Programme.objects.filter(funder__funder_organisation=actor.organisation).order_by("title"))


def _money(minor: int, code: str) -> Decimal:
    return to_decimal(minor, code)


def months_table(programme: Programme) -> list[list[object]]:
    code = programme.currency
    table: list[list[object]] = [
        [_("Month"), _("Currency"), _("Budget"), _("Committed"), _("Paid"), _("Returned")],
        ["#date+month", "#currency", "#value+budget", "#value+committed", "#value+paid", "#value+returned"],
    ]
    for month in programme_months(programme):
        table.append([
            month.month.strftime("%Y-%m"), code, _money(programme.budget, code), _money(month.committed, code),
            _money(month.paid, code), _money(month.returned, code),
        ])  # fmt: skip
    return table


def payouts_table(actor: Actor, programme: Programme) -> list[list[object]]:
    """Every payout with its proof, for the organisation's auditors (reads encrypted proofs)."""
    code = programme.currency
    table: list[list[object]] = [
        [
            _("Reference"),
            _("Channel"),
            _("State"),
            _("Amount"),
            _("Currency"),
            _("Sent"),
            _("Settled"),
            _("Proof"),
        ],
        [
            "#meta+id",
            "#channel",
            "#status",
            "#value",
            "#currency",
            "#date+sent",
            "#date+settled",
            "#meta+proof",
        ],
    ]
    payouts = (
        Payout.objects.for_actor(actor)
        .filter(tranche__grant__programme=programme)
        .select_related("tranche", "receipt", "payment_file")
        .order_by("created_at")
    )
    for payout in payouts:
        if payout.receipt_id:
            proof = _("signed receipt %(id)s") % {"id": str(payout.receipt_id)[:8]}
        elif payout.proof:
            proof = payout.proof
        elif payout.payment_file_id:
            proof = _("bank file %(id)s") % {"id": payout.payment_file.message_id}
        else:
            proof = ""
        table.append([
            payout.reference, payout.get_channel_display(), payout.get_state_display(),
            _money(payout.tranche.amount, code), code, payout.sent_on, payout.settled_on, proof,
        ])  # fmt: skip
    return table


def as_file(table: list[list[object]], file_format: str, title: str) -> bytes:
    return to_xlsx(table, title=title) if file_format == "xlsx" else to_csv(table)  # type: ignore[arg-type]


def chart_svg(programme: Programme) -> str:
    """Cumulative committed, paid and returned against the budget, one group of bars per month; plain SVG
    written here (no script, no other host), readable on a 390 px phone (it scales to the width)."""
    months = programme_months(programme)
    width, height, left, bottom = 360, 180, 8, 24
    series = [("committed", "#7a9cc6"), ("paid", "#2e7d32"), ("returned", "#c62828")]
    top = max([programme.budget] + [getattr(m, name) for m in months for name, _c in series] + [1])
    slot = (width - left) / max(len(months), 1)
    bar = max(slot / 4, 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(_("Committed, paid and returned per month"))}" style="width:100%;height:auto">'
    ]
    for index, month in enumerate(months):
        x0 = left + index * slot
        for offset, (name, colour) in enumerate(series):
            value = getattr(month, name)
            h = (height - bottom) * value / top
            parts.append(
                f'<rect x="{x0 + offset * bar:.1f}" y="{height - bottom - h:.1f}" width="{bar - 1:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{escape(month.month.strftime("%Y-%m"))} {name}: '
                f"{_money(value, programme.currency)} {programme.currency}</title></rect>"
            )
        parts.append(
            f'<text x="{x0:.1f}" y="{height - 6}" font-size="10">{escape(month.month.strftime("%m/%y"))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
