"""The aid work the worker runs on schedules (herzen.operations.schedules): due tranches, sanctions lists."""

from __future__ import annotations

import hashlib
import urllib.request
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from herzen.aid.models import GrantStatus, Payout, SanctionsListImport, Tranche
from herzen.aid.payout_services import payout_approve, payout_propose
from herzen.aid.sanctions_services import sanctions_list_import
from herzen.core.actor import Actor
from herzen.core.exceptions import ApplicationError
from herzen.domain.aid.payouts import PayoutState

# The lists as published, for the operator's HERZEN_SANCTIONS_LISTS setting (nothing is fetched unless it is set).
# The EU's file needs the token its site gives on registration, so it has no address here.
PUBLISHED_LISTS = {
    "un": "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
    "ofac": "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
    "eu": "",
}


@dataclass(frozen=True)
class DueReport:
    proposed: int  # payouts created through the channel the grant was last paid by
    held: int  # created, but waiting for a compliance decision
    need_channel: (
        int  # no earlier payout to follow: the caseworker chooses (they see it on the programme page)
    )


def due_tranches_pay(*, actor: Actor, today: date) -> DueReport:
    """Every due tranche of an approved grant with no payout yet: paid the way the grant was paid last time."""
    proposed = held = need_channel = 0
    tranches = (
        Tranche.objects.for_actor(actor)
        .filter(due_on__lte=today, grant__status=GrantStatus.APPROVED, payouts__isnull=True)
        .select_related("grant")
        .order_by("due_on")
    )
    for tranche in tranches:
        previous = (
            Payout.objects.filter(tranche__grant=tranche.grant)
            .exclude(state__in=[PayoutState.FAILED, PayoutState.CANCELLED, PayoutState.REROUTED])
            .order_by("-created_at")
            .first()
        )
        if previous is None:
            need_channel += 1
            continue
        payout = payout_propose(
            actor=actor, tranche_id=tranche.pk, channel=previous.channel, details=previous.details
        )
        proposed += 1
        try:
            payout_approve(actor=actor, payout_id=payout.pk)
        except ApplicationError:
            held += 1
    return DueReport(proposed, held, need_channel)


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (operator-configured URLs)
        data: bytes = response.read()
    return data


def configured_lists() -> dict[str, str]:
    return dict(getattr(settings, "HERZEN_SANCTIONS_LISTS", {}) or {})


def sanctions_lists_configured() -> bool:
    return any(configured_lists().values())


def sanctions_lists_refresh(*, actor: Actor) -> dict[str, int]:
    """Import each configured list whose published file changed since the last import; returns entries per list."""
    sources = configured_lists()
    imported = {}
    for source, url in sources.items():
        if not url:
            continue
        content = _fetch(url)
        last = SanctionsListImport.objects.filter(source=source).order_by("-created_at").first()
        if last is not None and last.digest == hashlib.sha256(content).hexdigest():
            continue
        with transaction.atomic():
            imported[source] = sanctions_list_import(actor=actor, source=source, content=content).entries
    return imported
