"""Merging two records of one person and undoing it: nothing lost, history kept, audited, org-scoped."""

import pytest

from herzen.audit.models import AuditEvent
from herzen.core.exceptions import Conflict, NotFound
from herzen.identity import selectors, services
from herzen.identity.models import PairStatus, PersonMerge
from herzen.identity.tests.helpers import pair_of, two_records
from herzen.people.models import ContactPoint, IdentityDocument, NameVariant, Person, RiskFactor, Stay
from herzen.people.selectors import person_list

pytestmark = pytest.mark.django_db


def _snapshot(person):
    person = Person.objects.get(pk=person.pk)
    return {
        "names": sorted((v.surname, v.given_name, v.patronymic) for v in person.name_variants.all()),
        "documents": sorted(d.number for d in person.documents.all()),
        "contacts": sorted((c.value, c.is_preferred) for c in person.contact_points.all()),
        "stays": sorted((s.country.code, s.city, s.entry_date) for s in person.stays.all()),
        "risks": sorted((r.criminal_article, r.narrative) for r in person.risk_factors.all()),
        "keys": person.search_keys,
        "household": person.household_membership.household_id,
    }


def test_merge_keeps_every_spelling_and_record_and_undo_restores_both(caseworker_a):
    first, second = two_records(caseworker_a)
    before = {first.pk: _snapshot(first), second.pk: _snapshot(second)}
    pair = pair_of(caseworker_a, first, second)

    merge = services.pair_merge(actor=caseworker_a, pair_id=pair.pk, survivor_id=first.pk)

    kept = _snapshot(first)
    assert ("Joukova", "Ioulia", "") in kept["names"]
    assert kept["documents"] == sorted(["751234567", "4512345678"])
    # The second preferred contact stays, no longer preferred: a person has one preferred channel.
    assert kept["contacts"] == sorted([("+995 555 123 456", True), ("yulia@example.org", False)])
    assert kept["stays"]
    assert kept["risks"] == [("207.3", "Возбуждено дело за пост")]
    assert kept["household"] == before[first.pk]["household"]
    assert not Stay.objects.filter(person=second).exists()
    # The survivor is found by the spelling only the merged record had.
    assert first in person_list(actor=caseworker_a, name_query="Joukova")
    pair.refresh_from_db()
    assert pair.status == PairStatus.MERGED
    actions = set(AuditEvent.objects.filter(target_id=str(merge.pk)).values_list("action", flat=True))
    assert actions == {"person.merge"}

    services.merge_undo(actor=caseworker_a, merge_id=merge.pk)

    assert _snapshot(first) == before[first.pk]
    assert _snapshot(second) == before[second.pk]
    pair.refresh_from_db()
    assert pair.status == PairStatus.OPEN
    assert AuditEvent.objects.filter(target_id=str(merge.pk), action="person.unmerge").count() == 2
    # The rows were sealed again with their own person's key: they open after a fresh load.
    assert {d.number for d in IdentityDocument.objects.filter(person=second)} == {"4512345678"}
    assert {c.value for c in ContactPoint.objects.filter(person=second)} == {"yulia@example.org"}
    assert RiskFactor.objects.get(person=second).narrative == "Возбуждено дело за пост"
    assert NameVariant.objects.filter(person=first).count() == 0


def test_the_merge_is_undone_once_and_a_decided_pair_is_not_decided_again(caseworker_a):
    first, second = two_records(caseworker_a)
    pair = pair_of(caseworker_a, first, second)
    merge = services.pair_merge(actor=caseworker_a, pair_id=pair.pk, survivor_id=second.pk)
    with pytest.raises(Conflict):
        services.pair_not_same(actor=caseworker_a, pair_id=pair.pk)
    services.merge_undo(actor=caseworker_a, merge_id=merge.pk)
    with pytest.raises(Conflict):
        services.merge_undo(actor=caseworker_a, merge_id=merge.pk)


def test_another_organisation_sees_and_decides_nothing(caseworker_a, caseworker_b):
    first, second = two_records(caseworker_a)
    pair = pair_of(caseworker_a, first, second)
    assert list(selectors.pair_queue(actor=caseworker_b)) == []
    for attempt in (
        lambda: selectors.pair_get(actor=caseworker_b, pair_id=pair.pk),
        lambda: services.pair_merge(actor=caseworker_b, pair_id=pair.pk, survivor_id=first.pk),
        lambda: services.pair_not_same(actor=caseworker_b, pair_id=pair.pk),
    ):
        with pytest.raises(NotFound):
            attempt()
    merge = services.pair_merge(actor=caseworker_a, pair_id=pair.pk, survivor_id=first.pk)
    with pytest.raises(NotFound):
        services.merge_undo(actor=caseworker_b, merge_id=merge.pk)
    assert PersonMerge.objects.get(pk=merge.pk).undone_at is None


def test_not_the_same_person_is_kept_and_audited(caseworker_a):
    first, second = two_records(caseworker_a)
    pair = pair_of(caseworker_a, first, second)
    services.pair_not_same(actor=caseworker_a, pair_id=pair.pk)
    pair.refresh_from_db()
    assert pair.status == PairStatus.NOT_SAME
    assert (str(pair.first_id), str(pair.second_id)) in selectors.decided_pairs(caseworker_a.organisation_id)
    assert AuditEvent.objects.filter(target_id=str(pair.pk), action="duplicate_pair.not_same").exists()
