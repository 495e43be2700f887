import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction

from herzen.audit import actions, chain, sequencer
from herzen.audit.models import AuditEvent, ChainHead
from herzen.domain.ledger import Head, extend


class _TestActions(dict):
    """The registry, plus the made-up actions these tests record on an organisation ("organisation.touch",
    "test.first", ...): declared only while an audit test runs, so they never reach the real registry."""

    def get(self, name, default=None):
        found = super().get(name)
        if found is None and (name == "organisation.touch" or name.startswith("test.")):
            return actions.AuditAction(name=name, label=name, target="organisations.organisation")
        return found if found is not None else default

    def __getitem__(self, name):
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found


@pytest.fixture(autouse=True)
def test_actions(monkeypatch):
    monkeypatch.setattr(actions, "_REGISTRY", _TestActions(actions._REGISTRY))


@pytest.fixture
def audit_keys(settings, tmp_path):
    """A fresh signing key and checkpoint directory under tmp_path (never the developer's var/)."""
    settings.HERZEN_AUDIT_SIGNER = "herzen.audit.keys.file_signer"
    settings.HERZEN_AUDIT_SIGNING_KEY_FILE = str(tmp_path / "keys" / "signing.pem")
    settings.HERZEN_AUDIT_GENERATE_KEY = True
    settings.HERZEN_AUDIT_TRUSTED_KEYS = []
    settings.HERZEN_AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")
    return tmp_path / "checkpoints"


def build_events(actor, count: int, seed: int = 7) -> list[AuditEvent]:
    """`count` audit events inserted through the chain's own code path, in one bulk insert, then sequenced."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    events = [
        AuditEvent(
            occurred_at=start + timedelta(seconds=i, microseconds=rng.randrange(1_000_000)),
            actor_user=actor.user,
            organisation=actor.organisation,
            action=rng.choice(["person.update", "case.open", "stay.record", "document.add"]),
            target_type=rng.choice(["people.person", "cases.case"]),
            target_id=str(uuid.UUID(int=rng.getrandbits(128))),
            parent_type=rng.choice(["", "people.person"]),
            parent_id=rng.choice(["", str(uuid.UUID(int=rng.getrandbits(128)))]),
            changed_fields=sorted(rng.sample(["surname", "status", "exit_date", "number", "body"], 2)),
        )
        for i in range(count)
    ]
    with transaction.atomic():
        chain.insert(events)
    sequence_all()
    return [AuditEvent.objects.get(pk=event.pk) for event in events] if count <= 50 else events


def sequence_all() -> None:
    """What the sequencer does between a test's writes and its checks: place every waiting event."""
    for name in chain.chain_names():
        while sequencer.sequence_batch(name)[0]:
            pass


def forge_sequenced(events, after=None):
    """What someone with write access to the database (but not the MAC key) can do: insert events already
    placed after `after` (an event; None: the start) with correctly computed hashes, keeping whatever MACs the
    objects carry, and move the head row to them. The events are changed in place (ids, places, hashes)."""
    head = Head(after.sequence, bytes.fromhex(after.entry_hash)) if after is not None else Head.empty()
    for event in events:
        event.id, event.sequence, event.entry_hash = None, None, ""
        event._state.adding = True
    AuditEvent.objects.bulk_create(events)  # new ids first: the hash covers them
    links = list(extend("audit", head, (event.chain_content() for event in events)))
    for event, link in zip(events, links, strict=True):
        AuditEvent._base_manager.filter(pk=event.pk).update(
            sequence=link.sequence, entry_hash=link.hash.hex()
        )
        event.sequence, event.entry_hash = link.sequence, link.hash.hex()
    if links:
        ChainHead.objects.filter(name="audit").update(
            sequence=links[-1].sequence, head_hash=links[-1].hash.hex()
        )
    return events
