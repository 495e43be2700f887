"""The migration that re-chains the events in encoding v3 (0006_rechain_v3): it checks the v2 chain first."""

import importlib
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.db import connection

from herzen import audit
from herzen.audit import chain
from herzen.audit.models import AccessEvent, AuditEvent, ChainHead
from herzen.audit.tests.conftest import build_events, sequence_all
from herzen.audit.triggers import create_statements, drop_statements
from herzen.domain.ledger import GENESIS
from herzen.domain.ledger.encoding_v2 import entry_hash_v2

migration = importlib.import_module("herzen.audit.migrations.0006_rechain_v3")


def _as_v2(model, chain_name):
    """Store the v2 hashes the chain had before the migration."""
    fields = migration.FIELDS[chain_name][1]
    previous = GENESIS
    for row in model._base_manager.order_by("sequence").values("pk", "sequence", *fields):
        content = migration.v2_content({name: row[name] for name in fields})
        previous = entry_hash_v2(chain_name, previous, row["sequence"], content)
        model._base_manager.filter(pk=row["pk"]).update(entry_hash=previous.hex())
    ChainHead.objects.filter(name=chain_name).update(head_hash=previous.hex())


@contextmanager
def without_triggers():
    """As the migration runs (it drops and recreates them itself when given a schema editor)."""
    with connection.cursor() as cursor:
        for sql in drop_statements(connection.vendor):
            cursor.execute(sql)
        yield
        for sql in create_statements(connection.vendor):
            cursor.execute(sql)


@pytest.fixture
def v2_chains(caseworker_a):
    build_events(caseworker_a, 12)
    audit.record_access(actor=caseworker_a, target=caseworker_a.organisation, categories=["case", "notes"])
    sequence_all()
    with without_triggers():  # rewinding the hashes to v2 updates placed rows, which the triggers refuse
        _as_v2(AuditEvent, "audit")
        _as_v2(AccessEvent, "access")
    assert chain.verify_chain("audit").problem is not None  # v2 hashes do not verify as v3


def test_the_migration_re_chains_both_chains_in_v3(v2_chains):
    with without_triggers():
        migration.rechain_all(apps, None)
    for name in ("audit", "access"):
        verifier = chain.verify_chain(name)
        assert verifier.problem is None
        assert ChainHead.objects.get(name=name).head_hash == verifier.head.hash.hex()


def test_the_migration_refuses_a_chain_altered_before_it(v2_chains):
    first = AuditEvent._base_manager.order_by("sequence").first()
    with without_triggers():
        AuditEvent._base_manager.filter(pk=first.pk).update(target_id="forged")
        with pytest.raises(migration.V2ChainBroken, match="#1"):
            migration.rechain_all(apps, None)
