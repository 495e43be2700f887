"""Done-when of issue 7: over 10,000 chained events, `verify` finds every single-row edit of every stored
field, every deletion, reordering, and tail truncation against the last signed checkpoint — and names the
first bad entry. Each mutation is applied with plain SQL updates (what someone with database access would do;
the append-only triggers are not installed in the test database, as a superuser could drop them) inside a
savepoint that is rolled back before the next one."""

import time
import uuid
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from herzen.audit import checkpointing
from herzen.audit.models import AuditEvent, ChainHead
from herzen.audit.tests.conftest import build_events, forge_sequenced
from herzen.core.actor import Role
from herzen.organisations.tests.factories import OrganisationFactory

COUNT = 10_000
# First, somewhere in the middle, and last: the ends are where off-by-one mistakes hide.
POSITIONS = (1, 4_321, COUNT)


class Rollback(Exception):
    pass


def rows():
    return AuditEvent._base_manager


def verify(checkpoints_dir):
    return checkpointing.verify("audit", [checkpoints_dir])


def mutated(checkpoints_dir, mutate):
    """Apply `mutate`, verify, undo; returns the verification report."""
    try:
        with transaction.atomic():
            mutate()
            report = verify(checkpoints_dir)
            raise Rollback
    except Rollback:
        pass
    return report


def edits(event, other_actor):
    """One changed value per stored field of an AuditEvent; a new field fails the coverage assertion below."""
    return {
        "id": 10 * COUNT + event.id,
        "occurred_at": event.occurred_at + timedelta(microseconds=1),
        "actor_user_id": other_actor.user.pk,
        "organisation_id": other_actor.organisation.pk,
        "action": event.action + "x",
        "target_type": "people.household",
        "target_id": str(uuid.uuid4()),
        "parent_type": "cases.case",
        "parent_id": str(uuid.uuid4()),
        "changed_fields": [*event.changed_fields, "profession"],
        "sequence": 10 * COUNT + event.sequence,
        "entry_hash": "0" * 64,
    }


@pytest.fixture
def ten_thousand(caseworker_a, make_actor, audit_keys):
    started = time.perf_counter()
    build_events(caseworker_a, COUNT)
    built = time.perf_counter() - started
    path = checkpointing.write_checkpoint("audit", audit_keys, timezone.now())
    assert path is not None
    other = make_actor(OrganisationFactory(), Role.CASEWORKER)
    return audit_keys, other, built


def test_verify_finds_every_kind_of_tampering_in_ten_thousand_events(ten_thousand):
    checkpoints_dir, other, built = ten_thousand
    started = time.perf_counter()
    report = verify(checkpoints_dir)
    seconds = time.perf_counter() - started
    assert report.ok, report.problem
    assert (report.entries, report.head.sequence, report.checkpoints) == (COUNT, COUNT, 1)
    assert built < 60
    assert seconds < 30  # generous bounds for a shared 2-core CI machine

    check_every_single_field_edit_is_found_and_named(checkpoints_dir, other)
    check_deletions_are_found(checkpoints_dir)
    check_reordering_is_found(checkpoints_dir)
    check_tail_truncation_is_found_against_the_last_checkpoint(checkpoints_dir)
    check_a_consistently_rewritten_history_fails_against_the_checkpoint(checkpoints_dir)
    assert verify(checkpoints_dir).ok  # every mutation was rolled back


def check_every_single_field_edit_is_found_and_named(checkpoints_dir, other):
    sample = rows().get(sequence=1)
    # The MAC guards an event until it is chained and signed (test_sequencer.py); after that the hash does.
    assert set(edits(sample, other)) == {f.attname for f in AuditEvent._meta.concrete_fields} - {"mac"}
    for index, field in enumerate(edits(sample, other)):
        # Each field at one of the positions in turn: a verification reads all 10,000 rows each time.
        position = POSITIONS[index % len(POSITIONS)]
        event = rows().get(sequence=position)
        value = edits(event, other)[field]
        if True:
            report = mutated(
                checkpoints_dir, lambda f=field, v=value, pk=event.pk: rows().filter(pk=pk).update(**{f: v})
            )
            assert not report.ok, f"edit of {field} at #{position} went unnoticed"
            problem = report.problem
            if field == "sequence":
                # The row left its place: the gap is reported at the next entry (or, for the last one, where
                # the moved row now sits beyond the end).
                assert problem.sequence == (position + 1 if position < COUNT else value), (field, problem)
                assert "missing" in problem.reason
            else:
                assert problem.sequence == position, (field, problem)
                assert problem.key == str(value if field == "id" else event.pk)


def check_deletions_are_found(checkpoints_dir):
    for position in POSITIONS[:-1]:
        report = mutated(checkpoints_dir, lambda p=position: rows().filter(sequence=p).delete())
        assert report.problem.sequence == position + 1
        assert f"#{position} are missing" in report.problem.reason


def check_reordering_is_found(checkpoints_dir):

    def swap(a, b, *, with_hashes):
        first, second = rows().get(sequence=a), rows().get(sequence=b)
        rows().filter(pk=first.pk).update(sequence=-1)
        changes = {"sequence": a} | ({"entry_hash": first.entry_hash} if with_hashes else {})
        rows().filter(pk=second.pk).update(**changes)
        changes = {"sequence": b} | ({"entry_hash": second.entry_hash} if with_hashes else {})
        rows().filter(pk=first.pk).update(**changes)

    for a, b, with_hashes in [
        (1, 2, False),
        (4_321, 4_322, True),
        (17, 9_000, False),
        (COUNT - 1, COUNT, True),
    ]:
        if True:
            report = mutated(checkpoints_dir, lambda a=a, b=b, h=with_hashes: swap(a, b, with_hashes=h))
            assert report.problem.sequence == a, (a, b, with_hashes)


def check_tail_truncation_is_found_against_the_last_checkpoint(checkpoints_dir):

    def truncate(keep):
        rows().filter(sequence__gt=keep).delete()
        last = rows().get(sequence=keep)
        # Covering one's tracks: the head row is moved back too, so only the checkpoint can tell.
        ChainHead.objects.filter(name="audit").update(sequence=keep, head_hash=last.entry_hash)

    for keep in (COUNT - 1, 1):
        report = mutated(checkpoints_dir, lambda k=keep: truncate(k))
        assert report.problem.sequence == keep + 1
        assert "removed from the end" in report.problem.reason
    # Without the head rolled back, the head row alone already tells.
    report = mutated(checkpoints_dir, lambda: rows().filter(sequence=COUNT).delete())
    assert "removed from the end" in report.problem.reason


def check_a_consistently_rewritten_history_fails_against_the_checkpoint(checkpoints_dir):
    def rewrite():
        # Someone who can write the database rebuilds the chain from #100 with one event changed: every hash
        # is consistent again, and only the signed checkpoint shows it.
        kept = list(rows().filter(sequence__gt=100).order_by("sequence"))
        kept[0].changed_fields = ["forged"]
        rows().filter(sequence__gt=100).delete()
        previous = rows().get(sequence=100)
        forge_sequenced(kept, after=previous)

    report = mutated(checkpoints_dir, rewrite)
    assert report.problem.sequence == COUNT
    assert "rewritten" in report.problem.reason
