"""`audit.deferred()`: a service's events wait and are appended together just before its transaction ends."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction  # noqa: F401 (connection: the skipif)
from django.utils import timezone

from herzen import audit
from herzen.audit import chain
from herzen.audit.models import AuditEvent, ChainHead
from herzen.audit.recorder import AuditOutsideTransaction
from herzen.core.actor import Role


def touch(actor, action="organisation.touch"):
    return audit.record(actor=actor, action=action, target=actor.organisation)


def actions_in_chain():
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))


def test_events_wait_for_the_end_of_the_block_and_keep_their_order_and_time(caseworker_a, monkeypatch):
    start = timezone.now()
    with transaction.atomic(), audit.deferred():
        first = touch(caseworker_a, "test.first")
        monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=5))
        second = touch(caseworker_a, "test.second")
        third = touch(caseworker_a, "test.third")
        # Nothing written and the chain's head not locked or moved while the service works.
        assert AuditEvent.objects.count() == 0
        assert first.pk is None
        assert chain.current_head("audit").sequence == 0

    assert actions_in_chain() == ["test.first", "test.second", "test.third"]
    stored = {e.action: e for e in AuditEvent.objects.all()}
    assert stored["test.first"].occurred_at == first.occurred_at < stored["test.second"].occurred_at
    assert stored["test.third"].occurred_at == third.occurred_at == second.occurred_at
    assert first.pk == stored["test.first"].pk  # the returned events are the ones appended
    assert chain.verify_chain("audit").problem is None


def test_events_of_a_rolled_back_savepoint_are_dropped_with_their_change(caseworker_a):
    with transaction.atomic(), audit.deferred():
        touch(caseworker_a, "test.kept_before")
        try:
            with transaction.atomic():
                touch(caseworker_a, "test.rolled_back")
                with transaction.atomic():  # a savepoint inside the one rolled back: its events go too
                    touch(caseworker_a, "test.rolled_back_inner")
                raise RuntimeError("this step failed; the service goes on without it")
        except RuntimeError:
            pass
        with transaction.atomic():  # a savepoint released normally keeps its events
            touch(caseworker_a, "test.kept_released")
        touch(caseworker_a, "test.kept_after")

    assert actions_in_chain() == ["test.kept_before", "test.kept_released", "test.kept_after"]
    assert chain.verify_chain("audit").problem is None


def test_a_block_that_raises_appends_nothing(caseworker_a):
    def failing_service():
        with transaction.atomic(), audit.deferred():
            touch(caseworker_a, "test.lost")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_service()
    # The service's exception, caught by a caller that continues in the same transaction.
    with transaction.atomic():
        try:
            with audit.deferred():
                touch(caseworker_a, "test.lost_too")
                raise RuntimeError("failed")
        except RuntimeError:
            pass
        touch(caseworker_a, "test.immediate")

    assert actions_in_chain() == ["test.immediate"]
    assert chain.verify_chain("audit").problem is None


def test_a_nested_block_joins_the_outermost(caseworker_a):
    with transaction.atomic(), audit.deferred():
        touch(caseworker_a, "test.outer_first")
        with transaction.atomic(), audit.deferred():
            touch(caseworker_a, "test.inner")
        assert AuditEvent.objects.count() == 0  # the inner block appended nothing of its own
        touch(caseworker_a, "test.outer_last")

    assert actions_in_chain() == ["test.outer_first", "test.inner", "test.outer_last"]
    assert ChainHead.objects.get(name="audit").sequence == 3


def test_a_decorated_service_defers_its_events(caseworker_a):
    @transaction.atomic
    @audit.deferred()
    def service():
        before = AuditEvent.objects.count()
        touch(caseworker_a, "test.one")
        assert AuditEvent.objects.count() == before
        touch(caseworker_a, "test.two")

    service()
    service()
    assert actions_in_chain() == ["test.one", "test.two", "test.one", "test.two"]
    assert chain.verify_chain("audit").problem is None


def test_deferred_refuses_to_run_outside_a_transaction(transactional_db, org_a, make_actor):
    actor = make_actor(org_a, Role.CASEWORKER)
    with pytest.raises(AuditOutsideTransaction), audit.deferred():
        pass
    with pytest.raises(AuditOutsideTransaction):
        touch(actor)  # and record() still refuses after it
    assert AuditEvent.objects.count() == 0


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_concurrent_deferred_writers_never_fork_the_chain(org_a, make_actor):
    actors = [make_actor(org_a, Role.CASEWORKER) for _ in range(3)]
    blocks_each, events_each = 10, 5
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(actors) + 1)

    def write(actor):
        try:
            barrier.wait()
            for block in range(blocks_each):
                with transaction.atomic(), audit.deferred():
                    for _ in range(events_each):
                        touch(actor, f"test.block_{actor.user.pk}_{block}")
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(actor,)) for actor in actors]
    # And one writer that appends at once, as services without a deferral do.
    threads.append(threading.Thread(target=lambda: write_immediately(actors[0], barrier, errors)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEvent.objects.count() == len(actors) * blocks_each * events_each + 20
    verifier = chain.verify_chain("audit")
    assert verifier.problem is None
    assert verifier.head.sequence == AuditEvent.objects.count()
    # Each deferred block's events are contiguous in the chain: appended together under one lock.
    sequences: dict[str, list[int]] = {}
    for action, sequence in AuditEvent.objects.filter(action__startswith="test.block_").values_list(
        "action", "sequence"
    ):
        sequences.setdefault(action, []).append(sequence)
    assert len(sequences) == len(actors) * blocks_each
    for numbers in sequences.values():
        assert sorted(numbers) == list(range(min(numbers), min(numbers) + events_each))


def write_immediately(actor, barrier, errors):
    try:
        barrier.wait()
        for _ in range(20):
            with transaction.atomic():
                touch(actor, "test.immediate")
    except BaseException as error:
        errors.append(error)
    finally:
        connections.close_all()
