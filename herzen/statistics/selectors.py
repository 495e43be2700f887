"""Reading releases, the budget, and an organisation's own exact figures for its staff dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from herzen.cases.models import Case, CaseStatus
from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound, PermissionDenied
from herzen.domain.statistics.privacy import MAX_YEARLY_EPSILON
from herzen.domain.statistics.tables import PublishedTable
from herzen.organisations.models import Organisation
from herzen.pathways.models import Application, ApplicationDecision
from herzen.statistics.compute import table_from_json
from herzen.statistics.models import ReleaseStatus, StatisticsRelease
from herzen.statistics.permissions import can_view_dashboard, can_view_releases
from herzen.statistics.services import spent_in_year


def published_releases(limit: int = 24) -> list[StatisticsRelease]:
    return list(
        StatisticsRelease.objects.filter(status=ReleaseStatus.PUBLISHED).only(
            "pk", "period", "epsilon", "reviewed_at", "distinct_across_organisations"
        )[:limit]
    )


def published_release(release_id: object | None) -> StatisticsRelease | None:
    """A public release by id, or the newest one; None when nothing is public yet."""
    releases = StatisticsRelease.objects.filter(status=ReleaseStatus.PUBLISHED)
    if release_id is None:
        return releases.first()
    release = releases.filter(pk=release_id).first()
    if release is None:
        raise NotFound
    return release


def tables_of(release: StatisticsRelease) -> list[PublishedTable]:
    return [table_from_json(data) for data in release.tables]


def releases_for_officer(actor: Actor, limit: int = 50) -> list[StatisticsRelease]:
    if not can_view_releases(actor):
        raise PermissionDenied("")
    return list(StatisticsRelease.objects.select_related("requested_by", "reviewed_by")[:limit])


def release_for_officer(actor: Actor, release_id: object) -> StatisticsRelease:
    if not can_view_releases(actor):
        raise PermissionDenied("")
    release = (
        StatisticsRelease.objects.select_related("requested_by", "reviewed_by", "job")
        .filter(pk=release_id)
        .first()
    )
    if release is None:
        raise NotFound
    return release


@dataclass(frozen=True)
class BudgetState:
    year: int
    spent: float
    limit: float = MAX_YEARLY_EPSILON

    @property
    def remaining(self) -> float:
        return max(0.0, self.limit - self.spent)


def budget_state() -> BudgetState:
    year = timezone.localdate().year
    return BudgetState(year, spent_in_year(year))


# --- an organisation's own work, exact and scoped ------------------------------------------------------
AGE_BANDS = ((0, 7), (7, 30), (30, 90), (90, 365), (365, None))


@dataclass(frozen=True)
class Dashboard:
    open_by_age: list[tuple[tuple[int, int | None], int]]
    decisions_by_authority: list[tuple[str, int, int]]  # authority, decisions, of which with reasons given
    pending_by_state: list[tuple[str, str, int]]  # pathway, state, applications


def dashboard(actor: Actor) -> Dashboard:
    if not can_view_dashboard(actor):
        raise PermissionDenied("")
    now = timezone.now()
    cases = Case.objects.for_actor(actor).exclude(status=CaseStatus.CLOSED)
    bands = {}
    for low, high in AGE_BANDS:
        condition = Q(opened_at__lte=now - timedelta(days=low))
        if high is not None:
            condition &= Q(opened_at__gt=now - timedelta(days=high))
        bands[f"band_{low}"] = Count("pk", filter=condition)
    counted = cases.aggregate(**bands)
    by_authority = (
        ApplicationDecision.objects.filter(application__organisation_id=actor.organisation_id)
        .values("deciding_organisation_id")
        .annotate(decisions=Count("pk"), with_reasons=Count("pk", filter=Q(reasons_given=True)))
        .order_by("-decisions")[:20]
    )
    names = dict(
        Organisation.objects.filter(
            pk__in=[row["deciding_organisation_id"] for row in by_authority]
        ).values_list("pk", "name")
    )
    pending = (
        Application.objects.filter(organisation_id=actor.organisation_id, is_pending=True)
        .values("pathway", "state")
        .annotate(applications=Count("pk"))
        .order_by("-applications")[:20]
    )
    return Dashboard(
        open_by_age=[((low, high), counted[f"band_{low}"]) for low, high in AGE_BANDS],
        decisions_by_authority=[
            (names.get(row["deciding_organisation_id"], ""), row["decisions"], row["with_reasons"])
            for row in by_authority
        ],
        pending_by_state=[(row["pathway"], row["state"], row["applications"]) for row in pending],
    )
