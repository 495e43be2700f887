"""Deciding a pair: merging two records of one person, undoing a merge, or saying they are two people.

A merge moves every record of the merged person that belongs to the person (spellings, documents, contacts,
stays, entry refusals, risk factors, declarations, consents, evidence about them, issued documents, sanctions
screening hits, the grants paid to them) to the survivor, sealing each again with the survivor's data key, and
adds the merged person's own name to the survivor as a spelling. The merged person's household joins the
survivor's: its other members and all its cases (with their applications, evidence, notes, aid and history)
move, sealed again with the survivor household's key, and two open cases become one (herzen.identity.households);
when their rows clash (one pathway applied for in both), nothing of the households moves and the merge names both
cases for the caseworker. The merged person's row stays,
with its own name, and is left out of linkage from then on. Everything moved, and what had to change to fit (a
second preferred contact, a second principal), is kept sealed on the merge, so undoing it puts each row back
exactly (docs/adr/0095).
"""

from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, PermissionDenied
from herzen.core.lookup import get_scoped
from herzen.encryption.keys import Owner, is_erased
from herzen.encryption.rows import SealedRow, encrypted_fields
from herzen.identity import households
from herzen.identity.models import DuplicatePair, PairStatus, PersonMerge
from herzen.identity.permissions import can_decide_pair, can_undo_merge
from herzen.people.choices import NameScheme, Script
from herzen.people.household_changes import household_of_person, household_risk_changed
from herzen.people.models import NameVariant, Person
from herzen.people.services.persons import refresh_name_keys

DECIDE_FIELDS = frozenset({"status", "decided_at", "decided_by"})
MERGE_FIELDS = frozenset({"pair", "survivor", "merged", "merged_by"})
UNMERGE_FIELDS = frozenset({"undone_at", "undone_by"})

# The records that belong to a person and move with them: (model label, foreign key to the person).
MOVED_WITH_PERSON = (
    ("people.NameVariant", "person"),
    ("people.IdentityDocument", "person"),
    ("people.ContactPoint", "person"),
    ("people.Stay", "person"),
    ("people.EntryRefusal", "person"),
    ("people.RiskFactor", "person"),
    ("people.Declaration", "person"),
    ("sharing.SharingConsent", "person"),
    ("evidence.EvidenceItem", "person"),
    ("documents.IssuedDocument", "person"),
    ("aid.SanctionsHit", "person"),
    ("aid.Grant", "payee"),
    ("notifications.ApplicantSubscription", "person"),
)
# The references to a person that stay with the merged record (a test checks every foreign key to a person is
# in one list or the other): its household membership (the household's members move, herzen.identity.households),
# its search keys, the pairs and merges themselves, and the intake's flags (history of what was flagged).
STAYS_WITH_RECORD = frozenset(
    {
        ("people.HouseholdMember", "person"),
        ("people.PersonNameKey", "person"),
        ("identity.DuplicatePair", "first"),
        ("identity.DuplicatePair", "second"),
        ("identity.PersonMerge", "survivor"),
        ("identity.PersonMerge", "merged"),
        ("cases.PossibleDuplicate", "person"),
        ("cases.PossibleDuplicate", "existing"),
    }
)


def _decidable(actor: Actor, pair_id: object) -> DuplicatePair:
    pair = get_scoped(DuplicatePair, actor, pair_id, for_update=True)
    if not can_decide_pair(actor, pair):
        raise PermissionDenied(_("Your role cannot decide whether two records are one person."))
    if pair.status != PairStatus.OPEN:
        raise Conflict(_("This pair was already decided."))
    return pair


def _decide(actor: Actor, pair: DuplicatePair, status: str) -> None:
    pair.status = status
    pair.decided_at = timezone.now()
    pair.decided_by = actor.user
    pair.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])


@transaction.atomic
def pair_not_same(*, actor: Actor, pair_id: object) -> DuplicatePair:
    """The two records are two people: the pair is kept, decided, and never proposed again. An intake flag
    for the same two records (herzen.cases.duplicates) is dismissed with it."""
    from herzen.cases.duplicates import PossibleDuplicate
    from herzen.cases.services import possible_duplicate_dismiss

    pair = _decidable(actor, pair_id)
    _decide(actor, pair, PairStatus.NOT_SAME)
    audit.record(actor=actor, action="duplicate_pair.not_same", target=pair, changed_fields=DECIDE_FIELDS)
    ids = [pair.first_id, pair.second_id]
    flags = PossibleDuplicate.objects.filter(
        person_id__in=ids, existing_id__in=ids, dismissed_at__isnull=True
    )
    for flag in flags:
        possible_duplicate_dismiss(actor=actor, duplicate_id=flag.pk)
    return pair


def _rows_of(person: Person) -> list[tuple[models.Model, str]]:
    rows: list[tuple[models.Model, str]] = []
    for label, field in MOVED_WITH_PERSON:
        model = apps.get_model(label)
        found = model._default_manager.filter(**{f"{field}_id": person.pk}).order_by("pk")
        rows.extend((row, field) for row in found)
    return rows


def _move(row: Any, field: str, to: Person) -> None:
    """Give `row` to `to`; a row sealed with its person's key is sealed again with the new person's."""
    owner = getattr(row, "data_key_owner", ("", ""))
    if isinstance(row, SealedRow) and owner == ("person", f"{field}_id"):
        opened = {field.attname: getattr(row, field.attname) for field in encrypted_fields(type(row))}
        setattr(row, field, to)
        for name, value in opened.items():
            setattr(row, name, value)
        row.save()
    else:
        type(row)._default_manager.filter(pk=row.pk).update(**{field: to, "updated_at": timezone.now()})


def _refuse_clashes(survivor: Person, merged: Person) -> None:
    from herzen.people.declarations import Declaration
    from herzen.people.models import Stay

    if Stay.objects.filter(person__in=[survivor, merged], exit_date__isnull=True).count() > 1:
        raise Conflict(_("Both records have a stay without an exit date. Record the exit from one first."))
    standing = Declaration.objects.filter(person__in=[survivor, merged], withdrawn_at__isnull=True)
    kinds = list(standing.values_list("kind", flat=True))
    if len(kinds) != len(set(kinds)):
        raise Conflict(_("Both records have a standing declaration of the same kind. Withdraw one first."))


def _alias_of(merged: Person, survivor: Person) -> NameVariant | None:
    """The merged person's own name, kept as a spelling of the survivor (unless it is the survivor's)."""
    names = (merged.surname, merged.given_name, merged.patronymic)
    if names == (survivor.surname, survivor.given_name, survivor.patronymic):
        return None
    return NameVariant.objects.create(
        person=survivor,
        surname=merged.surname,
        given_name=merged.given_name,
        patronymic=merged.patronymic,
        script=Script.CYRILLIC,
        scheme=NameScheme.OTHER,
    )


def _households_changed(actor: Actor, *household_ids: object) -> None:
    present = sorted({str(pk) for pk in household_ids if pk is not None})
    households.refresh(*present)
    for household_id in present:
        household_risk_changed(actor, household_id)


@transaction.atomic
def pair_merge(*, actor: Actor, pair_id: object, survivor_id: object) -> PersonMerge:
    """Merge the pair's two records into `survivor_id` (one of the two)."""
    pair = _decidable(actor, pair_id)
    if str(survivor_id) not in {str(pair.first_id), str(pair.second_id)}:
        message = _("Choose one of the two records to keep.")
        raise Invalid(message, fields={"survivor_id": [message]})
    merged_id = pair.second_id if str(survivor_id) == str(pair.first_id) else pair.first_id
    survivor = get_scoped(Person, actor, survivor_id, for_update=True)
    merged = get_scoped(Person, actor, merged_id, for_update=True)
    if any(is_erased(Owner.of("person", person.pk)) for person in (survivor, merged)):
        raise Conflict(_("One of the records has been erased; it cannot be merged."))
    if PersonMerge.objects.filter(merged__in=[survivor, merged], undone_at__isnull=True).exists():
        raise Conflict(_("One of the records was already merged into another."))
    _refuse_clashes(survivor, merged)
    survivor_has_preferred = survivor.contact_points.filter(is_preferred=True).exists()
    before = (household_of_person(survivor.pk), household_of_person(merged.pk))
    moved, demoted = [], []
    for row, field in _rows_of(merged):
        if getattr(row, "is_preferred", False) and survivor_has_preferred:
            row.is_preferred = False  # type: ignore[attr-defined]
            demoted.append(str(row.pk))
        _move(row, field, survivor)
        moved.append([row._meta.label, str(row.pk), field])
    household = households.combine(survivor, merged)
    alias = _alias_of(merged, survivor)
    merge = PersonMerge.objects.create(
        organisation_id=pair.organisation_id,
        pair=pair,
        survivor=survivor,
        merged=merged,
        merged_by=actor.user,
        # With the two names as they were, for the pair's page after later corrections.
        undo={
            "moved": moved,
            "demoted": demoted,
            "alias": str(alias.pk) if alias else None,
            "names": [survivor.full_name, merged.full_name],
            "household": household,
        },
    )
    _decide(actor, pair, PairStatus.MERGED)
    refresh_name_keys(survivor)
    refresh_name_keys(merged)
    _households_changed(actor, *before)
    audit.record_each(
        actor=actor,
        action="person.merge",
        targets=[(merge, survivor), (merge, merged)],
        changed_fields=MERGE_FIELDS,
    )
    return merge


@transaction.atomic
def merge_undo(*, actor: Actor, merge_id: object) -> PersonMerge:
    """Put back every row the merge moved, as it was; the pair waits in the queue again."""
    merge = get_scoped(PersonMerge, actor, merge_id, for_update=True)
    if not can_undo_merge(actor, merge):
        raise PermissionDenied(_("Your role cannot undo a merge."))
    if merge.undone_at is not None:
        raise Conflict(_("This merge was already undone."))
    survivor = get_scoped(Person, actor, merge.survivor_id, for_update=True)
    merged = get_scoped(Person, actor, merge.merged_id, for_update=True)
    undo = merge.undo
    before = (household_of_person(survivor.pk), household_of_person(merged.pk))
    households.separate(undo.get("household") or {})
    if undo.get("alias"):
        NameVariant.objects.filter(pk=undo["alias"], person=survivor).delete()
    demoted = set(undo.get("demoted", []))
    for label, pk, *rest in undo.get("moved", []):
        field = rest[0] if rest else "person"  # merges made before grants and issued documents moved
        row = apps.get_model(label)._default_manager.filter(pk=pk, **{f"{field}_id": survivor.pk}).first()
        if row is None:
            continue  # deleted since the merge: there is nothing to put back
        if pk in demoted:
            row.is_preferred = True
        _move(row, field, merged)
    merge.undone_at = timezone.now()
    merge.undone_by = actor.user
    merge.save(update_fields=["undone_at", "undone_by", "updated_at"])
    DuplicatePair.objects.filter(pk=merge.pair_id).update(
        status=PairStatus.OPEN, decided_at=None, decided_by=None, updated_at=timezone.now()
    )
    refresh_name_keys(survivor)
    refresh_name_keys(merged)
    _households_changed(actor, *before, household_of_person(survivor.pk), household_of_person(merged.pk))
    audit.record_each(
        actor=actor,
        action="person.unmerge",
        targets=[(merge, survivor), (merge, merged)],
        changed_fields=UNMERGE_FIELDS,
    )
    return merge
