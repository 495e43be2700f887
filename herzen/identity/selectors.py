"""Reading the merge queue, scoped to the actor's organisation (another organisation's ids answer 404)."""

from typing import Any

from django.db.models import Q, QuerySet

from herzen.core.actor import Actor
from herzen.core.exceptions import NotFound
from herzen.core.lookup import get_scoped
from herzen.identity.models import DuplicatePair, PairStatus, PersonMerge
from herzen.identity.permissions import can_find_duplicates


def pair_queue(*, actor: Actor) -> QuerySet[DuplicatePair]:
    """The open pairs, most probable first."""
    if not can_find_duplicates(actor):
        return DuplicatePair.objects.none()
    return (
        DuplicatePair.objects.for_actor(actor)
        .filter(status=PairStatus.OPEN)
        .select_related("first", "second")
        .order_by("-probability", "created_at")
    )


def pair_get(*, actor: Actor, pair_id: object) -> DuplicatePair:
    if not can_find_duplicates(actor):
        raise NotFound()
    return get_scoped(DuplicatePair.objects.select_related("first", "second"), actor, pair_id)


def pair_merge(*, actor: Actor, pair: DuplicatePair) -> PersonMerge | None:
    """The merge made of this pair that still stands, if any."""
    merges = PersonMerge.objects.filter(organisation_id=actor.organisation_id)
    return merges.filter(pair=pair, undone_at__isnull=True).first()


def cases_kept_apart(*, actor: Actor, merge: PersonMerge) -> list[Any]:
    """The two open cases a merge left apart for the caseworker to combine (the survivor's first)."""
    from herzen.cases.models import Case

    ids = (merge.undo.get("household") or {}).get("kept_apart", [])
    found = {str(case.pk): case for case in Case.objects.for_actor(actor).filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def merge_get(*, actor: Actor, merge_id: object) -> PersonMerge:
    if not can_find_duplicates(actor):
        raise NotFound()
    return get_scoped(PersonMerge, actor, merge_id)


def merged_away_ids(organisation_id: object) -> set[str]:
    """Persons whose records were merged into another (and not undone): left out of linkage."""
    merged = PersonMerge.objects.filter(organisation_id=organisation_id, undone_at__isnull=True)
    return {str(pk) for pk in merged.values_list("merged_id", flat=True)}


def decided_pairs(organisation_id: object) -> set[tuple[str, str]]:
    """Pairs a caseworker already decided (merged, or not the same person): never proposed again."""
    decided = DuplicatePair.objects.filter(organisation_id=organisation_id).filter(~Q(status=PairStatus.OPEN))
    return {(str(a), str(b)) for a, b in decided.values_list("first_id", "second_id")}


def standing_merges_of(*, actor: Actor, person_id: object) -> list[PersonMerge]:
    """The merges not undone that kept this person or merged them into another (one query), for their page."""
    merges = PersonMerge.objects.for_actor(actor).filter(undone_at__isnull=True)
    return list(merges.filter(Q(survivor_id=person_id) | Q(merged_id=person_id)).order_by("created_at"))
