"""Chain the audit events written before the chain existed, in the order they were written (by id)."""

from django.db import migrations

from herzen.domain.ledger import GENESIS, Head, Link
from herzen.domain.ledger.encoding_v2 import entry_hash_v2

# Frozen here: the hash of an event must not change when the model later grows a field. Fields that may be
# NULL, and ids, are hashed as text; times, integers and lists as they are (herzen.audit.models.chained_kind).
AUDIT_FIELDS = (
    "id",
    "occurred_at",
    "actor_user_id",
    "organisation_id",
    "action",
    "target_type",
    "target_id",
    "parent_type",
    "parent_id",
    "changed_fields",
)
AS_IS = {"id", "occurred_at", "changed_fields"}


def extend(chain, head, contents):
    """Encoding v2, as this migration hashed when it was written (0005 re-chains in v3)."""
    sequence, previous = head.sequence, head.hash
    for content in contents:
        sequence += 1
        previous = entry_hash_v2(chain, previous, sequence, content)
        yield Link(sequence, previous)


def chained_value(name, value):
    if name in AS_IS or value is None:
        return value
    return str(value)
BATCH = 2000


def chain_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    head = Head.empty()
    rows = AuditEvent._base_manager.filter(sequence__isnull=True).order_by("id")
    last_id = 0
    while True:
        page = list(rows.filter(id__gt=last_id)[:BATCH])
        if not page:
            break
        contents = [{name: chained_value(name, getattr(e, name)) for name in AUDIT_FIELDS} for e in page]
        for event, link in zip(page, extend("audit", head, contents), strict=True):
            event.sequence, event.entry_hash = link.sequence, link.hash.hex()
            head = Head(link.sequence, link.hash)
        AuditEvent._base_manager.bulk_update(page, ["sequence", "entry_hash"])
        last_id = page[-1].id
    ChainHead.objects.update_or_create(
        name="audit",
        defaults={"sequence": head.sequence, "head_hash": head.hash.hex(), "last_id": last_id},
    )
    ChainHead.objects.get_or_create(name="access", defaults={"sequence": 0, "head_hash": GENESIS.hex(), "last_id": 0})


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_hash_chain_and_access_events")]

    operations = [migrations.RunPython(chain_existing_events, migrations.RunPython.noop)]
