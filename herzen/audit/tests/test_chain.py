import importlib
import threading

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, connections, transaction

from herzen import audit
from herzen.audit import chain
from herzen.audit.models import AccessEvent, AuditEvent, ChainHead
from herzen.audit.tests.conftest import build_events, sequence_all
from herzen.audit.triggers import create_statements
from herzen.core.actor import Role
from herzen.domain.ledger import GENESIS, Head
from herzen.people import services as people_services
from herzen.people.tests.factories import make_person


def test_events_written_by_services_form_a_verifiable_chain(caseworker_a):
    person = make_person(caseworker_a)
    with transaction.atomic():
        people_services.person_update(actor=caseworker_a, person_id=person.pk, profession="врач")
    assert not AuditEvent.objects.filter(sequence__isnull=False).exists()  # written, not yet placed
    sequence_all()

    events = list(AuditEvent.objects.order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    verifier = chain.verify_chain("audit")
    assert verifier.problem is None
    assert verifier.head == Head(len(events), bytes.fromhex(events[-1].entry_hash))
    assert chain.current_head("audit") == verifier.head


def test_the_first_event_links_to_the_genesis_hash(caseworker_a):
    make_person(caseworker_a)
    sequence_all()
    first = AuditEvent.objects.get(sequence=1)
    assert ChainHead.objects.get(name="audit").sequence >= 1
    verifier = chain.ChainVerifier("audit", start=Head(0, GENESIS))
    verifier.feed(next(chain.stored_entries(AuditEvent)))
    assert verifier.problem is None
    assert first.entry_hash == verifier.hashes.get(1, bytes.fromhex(first.entry_hash)).hex()


def test_a_rolled_back_append_leaves_no_gap(caseworker_a):
    make_person(caseworker_a)

    def failing_change():
        with transaction.atomic():
            audit.record(actor=caseworker_a, action="organisation.touch", target=caseworker_a.organisation)
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    make_person(caseworker_a)
    sequence_all()
    assert chain.verify_chain("audit").problem is None


def test_every_stored_field_is_covered_by_the_hash():
    """A new column that the hash does not cover could be edited undetected: this fails until it is chained."""
    for model in (AuditEvent, AccessEvent):
        stored = {field.attname for field in model._meta.concrete_fields}
        # `mac` authenticates the content until it is chained (herzen.domain.ledger.authentication); after
        # that the hash and the signed checkpoints protect the content, and a changed MAC alone changes nothing.
        assert stored == {*model.CHAINED_FIELDS, "sequence", "entry_hash", "mac"}, model.__name__


@pytest.mark.parametrize("table_model", [AuditEvent, AccessEvent])
def test_triggers_refuse_update_and_delete(caseworker_a, table_model):
    make_person(caseworker_a)
    audit.record_access(actor=caseworker_a, target=caseworker_a.organisation, categories=["case"])
    with connection.cursor() as cursor:
        for sql in create_statements(connection.vendor):  # the migration's SQL, rolled back with the test
            cursor.execute(sql, None)
    row = table_model._base_manager.order_by("id").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        table_model._base_manager.filter(pk=row.pk).update(target_id="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        table_model._base_manager.filter(pk=row.pk).delete()
    assert table_model._base_manager.get(pk=row.pk).target_id == row.target_id


def test_the_migration_chains_events_written_before_the_chain(caseworker_a):
    migration = importlib.import_module("herzen.audit.migrations.0003_chain_existing_audit_events")
    events = build_events(caseworker_a, 30)
    # As they were before the migration: no sequence, no hash, no head.
    AuditEvent._base_manager.update(sequence=None, entry_hash="")
    ChainHead.objects.all().delete()

    migration.chain_existing_events(apps, None)  # in encoding v2, as it was written
    importlib.import_module("herzen.audit.migrations.0006_rechain_v3").rechain_all(apps, None)

    assert chain.verify_chain("audit").problem is None
    assert list(AuditEvent.objects.order_by("sequence").values_list("id", flat=True)) == [
        e.id for e in events
    ]
    assert ChainHead.objects.get(name="audit").sequence == 30


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(org_a, make_actor):
    actors = [make_actor(org_a, Role.CASEWORKER) for _ in range(4)]
    writes_each = 25
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(actors))

    def write(actor):
        try:
            barrier.wait()
            for _ in range(writes_each):
                with transaction.atomic():
                    audit.record(actor=actor, action="organisation.touch", target=org_a)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(actor,)) for actor in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sequence_all()
    touches = AuditEvent.objects.filter(action="organisation.touch")
    assert touches.count() == len(actors) * writes_each
    verifier = chain.verify_chain("audit")
    assert verifier.problem is None
    assert verifier.head.sequence == AuditEvent.objects.count()
