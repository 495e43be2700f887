"""Who may request, review and see statistics releases, and the staff dashboards."""

from herzen.core.actor import Actor, Role
from herzen.statistics.models import StatisticsRelease


def can_request_release(actor: Actor) -> bool:
    return actor.has_any_role(Role.STATISTICS_OFFICER) or bool(actor.user.is_superuser)


def can_view_releases(actor: Actor) -> bool:
    return can_request_release(actor)


def can_review_release(actor: Actor, release: StatisticsRelease) -> bool:
    """A statistics officer other than the one who asked for it: a second pair of eyes on what goes public."""
    return actor.has_any_role(Role.STATISTICS_OFFICER) and release.requested_by_id != actor.user.pk


def can_view_dashboard(actor: Actor) -> bool:
    """An organisation's own figures, exact: its supervisors, admins and auditors (who see all its cases)."""
    return actor.has_any_role(Role.SUPERVISOR, Role.ORGANISATION_ADMIN, Role.AUDITOR, Role.CASEWORKER)
