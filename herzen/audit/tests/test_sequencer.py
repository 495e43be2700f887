"""The sequenced log: services insert without a lock, the sequencer places committed events in order, checks
each event's MAC first, and the append-only triggers guard events before and after they are placed."""

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from herzen import audit
from herzen.audit import chain, sequencer, verification
from herzen.audit.models import AccessEvent, AuditEvent
from herzen.audit.tests.conftest import build_events, sequence_all
from herzen.audit.triggers import create_statements

pytestmark = pytest.mark.django_db


def touch(actor, times=1):
    with transaction.atomic():
        for _ in range(times):
            audit.record(actor=actor, action="organisation.touch", target=actor.organisation)


def test_services_insert_unsequenced_events_that_the_sequencer_places_in_order(caseworker_a, audit_keys):
    touch(caseworker_a, 3)
    audit.record_access(actor=caseworker_a, target=caseworker_a.organisation, categories=["case"])
    assert AuditEvent.objects.filter(sequence__isnull=True).count() == 3
    assert chain.current_head("audit").sequence == 0  # nothing shared was written, let alone locked

    result = sequencer.run_pass(audit_keys)

    assert result.sequenced == {"audit": 3, "access": 1}
    placed = list(AuditEvent.objects.order_by("sequence").values_list("id", "sequence"))
    assert [s for _id, s in placed] == [1, 2, 3]
    assert [i for i, _s in placed] == sorted(i for i, _s in placed)
    assert set(result.signed) == {"audit", "access"}  # a checkpoint of both chains after the batch
    report = verification.verify("audit", [audit_keys])
    assert report.ok
    assert report.unsigned == 0
    assert report.pending.count == 0


def test_a_forged_unsequenced_event_is_refused_loudly_and_never_placed(caseworker_a, audit_keys, caplog):
    touch(caseworker_a, 2)
    forged = AuditEvent(
        occurred_at=timezone.now(),
        action="case.close",
        target_type="cases.case",
        target_id="1",
        mac="ab" * 48,
    )
    AuditEvent.objects.bulk_create([forged])  # someone with database access, but not the MAC key
    touch(caseworker_a)

    result = sequencer.run_pass(audit_keys)

    assert result.refused == {"audit": [forged.pk]}
    assert "REFUSED audit event id" in caplog.text
    assert AuditEvent._base_manager.get(pk=forged.pk).sequence is None
    assert AuditEvent.objects.filter(sequence__isnull=False).count() == 3  # the genuine ones go on
    state = verification.status("audit", audit_keys)
    assert state.refused == [forged.pk]
    assert not state.healthy(timezone.now())
    report = verification.verify("audit", [audit_keys])
    assert not report.ok
    assert report.problem.key == str(forged.pk)
    assert "MAC" in report.problem.reason


def test_an_event_altered_before_it_is_placed_is_refused(caseworker_a, audit_keys):
    touch(caseworker_a, 2)
    victim = AuditEvent.objects.order_by("id").first()
    AuditEvent._base_manager.filter(pk=victim.pk).update(action="case.close")  # triggers dropped

    result = sequencer.run_pass(audit_keys)

    assert result.refused == {"audit": [victim.pk]}
    assert not verification.verify("audit", [audit_keys]).ok


def test_a_copied_event_is_refused_by_the_database(caseworker_a):
    touch(caseworker_a)
    original = AuditEvent.objects.get()
    original.pk = None
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.bulk_create([original])


@pytest.mark.parametrize("model", [AuditEvent, AccessEvent])
def test_the_triggers_let_the_sequencer_place_an_event_once_and_nothing_else(caseworker_a, model):
    with connection.cursor() as cursor:
        for sql in create_statements(connection.vendor):  # the migration's SQL, rolled back with the test
            cursor.execute(sql, None)
    touch(caseworker_a)
    audit.record_access(actor=caseworker_a, target=caseworker_a.organisation, categories=["case"])
    row = model._base_manager.get()
    for change in ({"target_id": "forged"}, {"sequence": 1, "entry_hash": "ab" * 32, "target_id": "forged"}):
        with pytest.raises(DatabaseError), transaction.atomic():
            model._base_manager.filter(pk=row.pk).update(**change)
    with pytest.raises(DatabaseError), transaction.atomic():
        model._base_manager.filter(pk=row.pk).delete()  # unsequenced events cannot be deleted either

    sequence_all()  # allowed: the place and hash, set once

    placed = model._base_manager.get(pk=row.pk)
    assert placed.sequence == 1
    assert placed.target_id == row.target_id
    with pytest.raises(DatabaseError), transaction.atomic():
        model._base_manager.filter(pk=row.pk).update(sequence=2)
    with pytest.raises(DatabaseError), transaction.atomic():
        model._base_manager.filter(pk=row.pk).delete()


def test_status_shows_the_backlog_and_the_unsigned_tail(caseworker_a, audit_keys):
    build_events(caseworker_a, 4)
    touch(caseworker_a, 2)
    state = verification.status("audit", audit_keys)
    assert (state.head, state.signed, state.pending.count) == (4, 0, 2)
    # build_events records its events in January: placed but unsigned for months, far over the delay.
    assert state.oldest_unsigned.year == 2026
    assert not state.healthy(timezone.now())
    sequencer.run_pass(audit_keys)
    state = verification.status("audit", audit_keys)
    assert (state.head, state.signed, state.pending.count) == (6, 6, 0)
    assert state.healthy(timezone.now())


def test_verify_fails_on_events_left_unsequenced_beyond_the_merge_delay(caseworker_a, audit_keys, settings):
    touch(caseworker_a)
    assert verification.verify("audit", [audit_keys]).ok
    settings.HERZEN_AUDIT_MERGE_DELAY_SECONDS = -1
    report = verification.verify("audit", [audit_keys])
    assert not report.ok
    assert "merge delay" in report.problem.reason


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_an_event_committed_after_a_later_one_is_placed_by_the_next_pass_with_no_gap(org_a, make_actor):
    """Ids are handed out at insert, places at commit: a transaction that inserts first and commits last gets
    a later place, and nothing is skipped."""
    early, late = make_actor(org_a, "caseworker"), make_actor(org_a, "caseworker")
    inserted, release = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                audit.record(actor=early, action="organisation.touch", target=org_a)
                inserted.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert inserted.wait(10)
    touch(late)  # a higher id, committed first
    sequence_all()
    assert AuditEvent.objects.filter(sequence__isnull=False).count() == 1
    release.set()
    thread.join()
    sequence_all()

    events = list(AuditEvent.objects.order_by("sequence"))
    assert [e.sequence for e in events] == [1, 2]
    assert events[0].id > events[1].id  # commit order, not insertion order
    assert chain.verify_chain("audit").problem is None
