"""Requesting, reviewing and publishing statistics releases. Every change is audited.

A request checks the year's privacy budget before any noise is drawn, and keeps its ε reserved from then on
(herzen.statistics.models.SPENDING); the job computes the tables; a statistics officer other than the
requester approves or rejects them. Only approved releases are public.
"""

from __future__ import annotations

import os
import re

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.domain.statistics.privacy import MAX_RELEASE_EPSILON, Budget, BudgetExceeded
from herzen.encryption.files import decrypt_file, encrypt_file
from herzen.encryption.keys import Owner, shred
from herzen.jobs.models import Job, JobStatus
from herzen.jobs.runner import enqueue_job
from herzen.organisations.actors import actor_for_user
from herzen.statistics.linkage import (
    SECRET_BYTES,
    canonical_units,
    encode_organisation,
    link_groups,
    pack,
    unpack,
)
from herzen.statistics.models import (
    SPENDING,
    LinkageEncodings,
    LinkageRound,
    LinkageRoundStatus,
    LinkedUnit,
    LinkedUnitKind,
    ReleaseStatus,
    StatisticsRelease,
)
from herzen.statistics.permissions import can_request_release, can_review_release

REQUEST_FIELDS = frozenset({"period", "epsilon", "budget_year", "link_organisations"})
REVIEW_FIELDS = frozenset({"status", "reviewed_by", "reviewed_at"})
COMPUTE_FIELDS = frozenset({"status", "tables", "distinct_across_organisations", "linked_organisations"})
LINKAGE_OPEN_FIELDS = frozenset({"status", "secret"})
LINKAGE_ENCODE_FIELDS = frozenset({"organisations", "encoded", "encodings"})
LINKAGE_LINK_FIELDS = frozenset({"status", "matched", "secret", "encodings", "linked_units"})
LINKAGE_CLOSE_FIELDS = frozenset({"status", "closed_at", "secret", "encodings", "linked_units"})
SECRET_PURPOSE = "statistics.linkage_secret"  # noqa: S105 - the name of a purpose, not a secret
KEYS_PURPOSE = "statistics.linkage_keys"
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def spent_in_year(year: int) -> float:
    spent = StatisticsRelease.objects.filter(budget_year=year, status__in=SPENDING).aggregate(
        total=Sum("epsilon")
    )
    return float(spent["total"] or 0.0)


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, fields={field: [message]})


def release_request(
    *, actor: Actor, period: str, epsilon: float, link_organisations: bool = False
) -> StatisticsRelease:
    if not can_request_release(actor):
        raise PermissionDenied(_("Only a statistics officer can ask for a statistics release."))
    match = _PERIOD.match(period or "")
    today = timezone.localdate()
    if match is None:
        raise _invalid("period", _("Give the month as YYYY-MM, for example 2026-11."))
    if (int(match.group(1)), int(match.group(2))) >= (today.year, today.month):
        raise _invalid("period", _("A month can be released only after it has ended."))
    if not 0 < epsilon <= MAX_RELEASE_EPSILON:
        raise _invalid("epsilon", _("The privacy loss of one release is more than 0 and at most 1."))
    from herzen.statistics.jobs import statistics_release  # the job module imports this one

    with transaction.atomic():
        # Serialise requests of one year, so that two at once cannot both fit in the same remaining budget.
        list(StatisticsRelease.objects.select_for_update().filter(budget_year=today.year).values_list("pk"))
        try:
            Budget(spent_in_year(today.year)).check(epsilon)
        except BudgetExceeded:
            raise _invalid(
                "epsilon",
                _("This release would take the year's privacy budget above ε = 4; %(left)s is left.")
                % {"left": f"{max(0.0, 4.0 - spent_in_year(today.year)):g}"},
            ) from None
        release = StatisticsRelease.objects.create(
            period=period,
            epsilon=epsilon,
            budget_year=today.year,
            requested_by=actor.user,
            link_organisations=link_organisations,
        )
        audit.record(
            actor=actor, action="statistics_release.request", target=release, changed_fields=REQUEST_FIELDS
        )
        release.job = enqueue_job(
            statistics_release,
            kind="statistics_release",
            params={"release_id": str(release.pk)},
            organisation_id=actor.organisation_id,
            started_by_id=actor.user.pk,
        )
        release.save(update_fields=["job", "updated_at"])
    return release


def release_job_finished(job: Job) -> None:
    """A release whose job finally failed before drawing any noise gives its reserved ε back."""
    if job.kind != "statistics_release" or job.status != JobStatus.FAILED or job.started_by is None:
        return
    with transaction.atomic():
        release = (
            StatisticsRelease.objects.select_for_update()
            .filter(job_id=job.pk, status=ReleaseStatus.COMPUTING)
            .first()
        )
        if release is None:
            return
        # What a failed attempt left of a linkage round is deleted with the rest (the shredding is audited).
        stale = list(LinkageRound.objects.filter(release=release).exclude(status=LinkageRoundStatus.CLOSED))
        for linkage in stale:
            _forget(linkage)
        release.status = ReleaseStatus.FAILED
        release.save(update_fields=["status", "updated_at"])
        actor = actor_for_user(job.started_by, organisation_id=job.organisation_id)
        if actor is not None:  # None once the requester's membership has ended: the job page still shows it
            audit.record(
                actor=actor, action="statistics_release.fail", target=release, changed_fields={"status"}
            )
            for linkage in stale:
                audit.record(
                    actor=actor,
                    action="statistics_linkage.close",
                    target=linkage,
                    parent=release,
                    changed_fields=LINKAGE_CLOSE_FIELDS,
                )


def _reviewable(actor: Actor, release_id: object) -> StatisticsRelease:
    release = StatisticsRelease.objects.select_for_update().filter(pk=release_id).first()
    if release is None:
        raise NotFound
    if not can_review_release(actor, release):
        raise PermissionDenied(
            _("A statistics officer other than the one who asked for the release reviews it.")
        )
    if release.status != ReleaseStatus.AWAITING_REVIEW:
        raise Conflict(_("This release is not waiting for review."))
    return release


@transaction.atomic
def release_approve(*, actor: Actor, release_id: object) -> StatisticsRelease:
    release = _reviewable(actor, release_id)
    release.status = ReleaseStatus.PUBLISHED
    release.reviewed_by = actor.user
    release.reviewed_at = timezone.now()
    release.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    audit.record(
        actor=actor, action="statistics_release.approve", target=release, changed_fields=REVIEW_FIELDS
    )
    return release


@transaction.atomic
def release_reject(*, actor: Actor, release_id: object) -> StatisticsRelease:
    release = _reviewable(actor, release_id)
    release.status = ReleaseStatus.REJECTED
    release.reviewed_by = actor.user
    release.reviewed_at = timezone.now()
    release.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    audit.record(
        actor=actor, action="statistics_release.reject", target=release, changed_fields=REVIEW_FIELDS
    )
    return release


# --- linkage rounds: a secret per release, each organisation's keys, their links, then nothing ------------
def _owner(linkage: LinkageRound) -> Owner:
    return Owner.of("linkage_round", linkage.pk)


def _forget(linkage: LinkageRound) -> None:
    """Delete the round's secret, keys and links, and shred its data key (callers audit it)."""
    LinkageEncodings.objects.filter(round=linkage).delete()
    LinkedUnit.objects.filter(round=linkage).delete()
    shred(_owner(linkage))
    linkage.secret = None
    linkage.status = LinkageRoundStatus.CLOSED
    linkage.closed_at = timezone.now()
    linkage.save(update_fields=["secret", "status", "closed_at", "updated_at"])


def _open_round(linkage_id: object, status: LinkageRoundStatus) -> LinkageRound:
    linkage = LinkageRound.objects.select_for_update().select_related("release").filter(pk=linkage_id).first()
    if linkage is None:
        raise NotFound
    if linkage.status != status:
        raise Conflict(_("This linkage round has moved on."))
    return linkage


@transaction.atomic
def linkage_open(*, actor: Actor, release_id: object) -> LinkageRound:
    """Make a new secret for one release's linkage (sealed with the round's own data key). A round an earlier
    attempt left open is closed first, its secret and keys deleted."""
    if not can_request_release(actor):
        raise PermissionDenied(_("Only a statistics officer can ask for a statistics release."))
    release = StatisticsRelease.objects.select_for_update().filter(pk=release_id).first()
    if release is None:
        raise NotFound
    if release.status != ReleaseStatus.COMPUTING or not release.link_organisations:
        raise Conflict(_("This release does not link organisations now."))
    for stale in LinkageRound.objects.filter(release=release).exclude(status=LinkageRoundStatus.CLOSED):
        _forget(stale)
        audit.record(
            actor=actor,
            action="statistics_linkage.close",
            target=stale,
            parent=release,
            changed_fields=LINKAGE_CLOSE_FIELDS,
        )
    linkage = LinkageRound.objects.create(release=release)
    linkage.secret = encrypt_file(
        _owner(linkage), purpose=SECRET_PURPOSE, file_id=str(linkage.pk), data=os.urandom(SECRET_BYTES)
    )
    linkage.save(update_fields=["secret", "updated_at"])
    audit.record(
        actor=actor,
        action="statistics_linkage.open",
        target=linkage,
        parent=release,
        changed_fields=LINKAGE_OPEN_FIELDS,
    )
    return linkage


@transaction.atomic
def linkage_encode(*, actor: Actor, linkage_id: object, organisation_id: object) -> LinkageRound:
    """Encode one organisation's persons with the round's secret (on that organisation's behalf) and keep the
    keys, sealed, for the linkage: ids, blocking tags and Bloom filters, no name."""
    if not can_request_release(actor):
        raise PermissionDenied(_("Only a statistics officer can ask for a statistics release."))
    linkage = _open_round(linkage_id, LinkageRoundStatus.OPEN)
    owner = _owner(linkage)
    secret = decrypt_file(
        owner, purpose=SECRET_PURPOSE, file_id=str(linkage.pk), data=bytes(linkage.secret or b"")
    )
    encoded = encode_organisation(secret, organisation_id)
    LinkageEncodings.objects.create(
        round=linkage,
        organisation_id=organisation_id,
        persons=len(encoded),
        sealed=encrypt_file(
            owner, purpose=KEYS_PURPOSE, file_id=f"{linkage.pk}:{organisation_id}", data=pack(encoded)
        ),
    )
    linkage.organisations += 1
    linkage.encoded += len(encoded)
    linkage.save(update_fields=["organisations", "encoded", "updated_at"])
    audit.record(
        actor=actor,
        action="statistics_linkage.encode",
        target=linkage,
        parent=linkage.release,
        changed_fields=LINKAGE_ENCODE_FIELDS,
    )
    return linkage


@transaction.atomic
def linkage_link(*, actor: Actor, linkage_id: object) -> LinkageRound:
    """Link every organisation's keys at once, keep one identity per person and household found in several
    organisations, and delete the secret and the keys: they have done their work."""
    if not can_request_release(actor):
        raise PermissionDenied(_("Only a statistics officer can ask for a statistics release."))
    linkage = _open_round(linkage_id, LinkageRoundStatus.OPEN)
    owner = _owner(linkage)
    datasets = [
        list(
            unpack(
                decrypt_file(
                    owner,
                    purpose=KEYS_PURPOSE,
                    file_id=f"{linkage.pk}:{row.organisation_id}",
                    data=bytes(row.sealed),
                )
            )
        )
        for row in LinkageEncodings.objects.filter(round=linkage).order_by("organisation_id")
    ]
    groups = link_groups([[item.key for item in dataset] for dataset in datasets])
    links = [
        LinkedUnit(round=linkage, kind=kind, unit_id=unit, canonical_id=canonical)
        for kind, units in (
            (LinkedUnitKind.PERSON, [[item.person_id for item in d] for d in datasets]),
            (LinkedUnitKind.HOUSEHOLD, [[item.household_id for item in d] for d in datasets]),
        )
        for unit, canonical in canonical_units(units, groups).items()
    ]
    LinkedUnit.objects.bulk_create(links, batch_size=5000)
    LinkageEncodings.objects.filter(round=linkage).delete()
    linkage.secret = None
    linkage.matched = sum(len(group) - 1 for group in groups)
    linkage.status = LinkageRoundStatus.LINKED
    linkage.save(update_fields=["secret", "matched", "status", "updated_at"])
    audit.record(
        actor=actor,
        action="statistics_linkage.link",
        target=linkage,
        parent=linkage.release,
        changed_fields=LINKAGE_LINK_FIELDS,
    )
    return linkage


@transaction.atomic
def linkage_close(*, actor: Actor, linkage_id: object) -> LinkageRound:
    """Once the tables are computed: delete the identities and shred the round's data key."""
    if not can_request_release(actor):
        raise PermissionDenied(_("Only a statistics officer can ask for a statistics release."))
    linkage = _open_round(linkage_id, LinkageRoundStatus.LINKED)
    _forget(linkage)
    audit.record(
        actor=actor,
        action="statistics_linkage.close",
        target=linkage,
        parent=linkage.release,
        changed_fields=LINKAGE_CLOSE_FIELDS,
    )
    return linkage
