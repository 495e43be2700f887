"""The job that finds duplicate records in one organisation (issue 16): decrypts its persons into memory,
links them (herzen.domain.linkage, Splink on an in-memory DuckDB that may not spill to disk) and keeps the
pairs above the threshold as person ids with a probability and the comparisons that agreed.

Pairs a caseworker already decided, and intake flags already dismissed (herzen.cases.duplicates), are never
proposed again; open pairs the new run no longer finds leave the queue.
"""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from herzen.cases.duplicates import PossibleDuplicate
from herzen.core.actor import Actor
from herzen.core.exceptions import PermissionDenied
from herzen.domain.linkage import DEFAULT_THRESHOLD, PersonRecord, feature_row, link_duckdb
from herzen.domain.names import FullName
from herzen.identity.models import DuplicatePair, PairStatus
from herzen.identity.permissions import can_find_duplicates
from herzen.identity.selectors import decided_pairs, merged_away_ids
from herzen.jobs.models import Job
from herzen.jobs.runner import JobContext, job
from herzen.people.models import Person

JOB_KIND = "identity_find_duplicates"
_BATCH = 500


def threshold() -> float:
    return float(getattr(settings, "HERZEN_DUPLICATE_THRESHOLD", DEFAULT_THRESHOLD))


def person_record(person: Person) -> PersonRecord:
    """A person as the linkage compares them, read from the decrypted row and its prefetched relations."""
    return PersonRecord(
        id=str(person.pk),
        surname=person.surname,
        given_name=person.given_name,
        patronymic=person.patronymic,
        other_names=[FullName(v.surname, v.given_name, v.patronymic) for v in person.name_variants.all()],
        sex=person.sex,
        date_of_birth=person.date_of_birth,
        document_numbers=[document.number for document in person.documents.all()],
        contacts=[contact.value for contact in person.contact_points.all()],
        citizenships=[str(country.code) for country in person.citizenships],
    )


def _feature_rows(ctx: JobContext, organisation_id: object) -> list[dict[str, object]]:
    left_out = merged_away_ids(organisation_id)
    persons = Person.objects.filter(organisation_id=organisation_id).exclude(pk__in=left_out).order_by("pk")
    total = persons.count()
    rows: list[dict[str, object]] = []
    for start in range(0, total, _BATCH):
        batch = persons[start : start + _BATCH].prefetch_related(
            "name_variants", "documents", "contact_points"
        )
        rows.extend(feature_row(person_record(person)) for person in batch)
        ctx.progress(len(rows), total * 2)
    return rows


def _refused(organisation_id: object) -> set[tuple[str, str]]:
    refused = decided_pairs(organisation_id)
    dismissed = PossibleDuplicate.objects.filter(
        case__organisation_id=organisation_id, dismissed_at__isnull=False
    ).values_list("person_id", "existing_id")
    refused |= {tuple(sorted((str(a), str(b)))) for a, b in dismissed}  # type: ignore[misc]
    return refused


@job(kind=JOB_KIND, label=_("Finding duplicate records"), max_attempts=2, backoff_seconds=60)
def find_duplicates(ctx: JobContext) -> None:
    actor: Actor | None = ctx.actor
    if actor is None or not can_find_duplicates(actor):
        raise PermissionDenied("not allowed")
    organisation_id = actor.organisation_id
    rows = _feature_rows(ctx, organisation_id)
    total = max(len(rows), 1) * 2
    pairs = link_duckdb(rows, threshold=threshold(), threads=1)
    del rows  # the decrypted values go as soon as they are no longer needed
    refused = _refused(organisation_id)
    kept = [pair for pair in pairs if (pair.first_id, pair.second_id) not in refused]
    with transaction.atomic():
        stale = DuplicatePair.objects.filter(organisation_id=organisation_id, status=PairStatus.OPEN)
        found = {(pair.first_id, pair.second_id) for pair in kept}
        stale_ids = [
            pk
            for pk, a, b in stale.values_list("pk", "first_id", "second_id")
            if (str(a), str(b)) not in found
        ]
        DuplicatePair.objects.filter(pk__in=stale_ids).delete()
        for pair in kept:
            DuplicatePair.objects.update_or_create(
                first_id=pair.first_id,
                second_id=pair.second_id,
                defaults={
                    "organisation_id": organisation_id,
                    "probability": pair.probability,
                    "levels": list(pair.levels),
                },
                create_defaults={
                    "organisation_id": organisation_id,
                    "probability": pair.probability,
                    "levels": list(pair.levels),
                    "status": PairStatus.OPEN,
                },
            )
    ctx.progress(total, total)
    ctx.set_outcome("duplicate_pairs", len(kept))


def start_finding(*, actor: Actor) -> Job:
    """Queue the job for the actor's organisation, in their name (audited by herzen.jobs)."""
    from herzen.jobs.services import job_start

    if not can_find_duplicates(actor):
        raise PermissionDenied(_("Your role cannot look for duplicate records."))
    return job_start(actor=actor, job_task=find_duplicates, kind=JOB_KIND)
