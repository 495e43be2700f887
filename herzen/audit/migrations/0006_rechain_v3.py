"""Re-chain the audit and access events in encoding v3 (docs/audit-log-encoding.md, docs/adr/0085).

For each chain, in sequence order: the stored v2 hash is first recomputed from the row (encoding v2, frozen in
herzen.domain.ledger.encoding_v2) and must match, so a history altered before the migration is refused rather
than re-hashed into a valid-looking v3 chain; then the v3 hash replaces it. Rows without a sequence number
(not yet sequenced) are left for the sequencer, which hashes them in v3. The append-only triggers are dropped
for the rewrite and recreated in the same transaction.

Checkpoints signed before this migration name no encoding and sign v2 heads: they are retired here (the
signing key is outside the database, so the migration cannot re-sign them). Run `herzen audit checkpoint`
right after migrating, and keep the v2 checkpoint files: `herzen audit verify --v2` is not offered; the
migration's own check is the last v2 verification (docs/adr/0085).
"""

import uuid

from django.db import migrations

from herzen.audit.triggers import create_statements, drop_statements
from herzen.domain.ledger import GENESIS, Head, entry_hash
from herzen.domain.ledger.encoding import canonical
from herzen.domain.ledger.encoding_v2 import entry_hash_v2

# Frozen here, as the chains hash them: the content's fields, and how v2 spelled each (ids as text).
FIELDS = {
    "audit": (
        "AuditEvent",
        (
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
        ),
    ),
    "access": (
        "AccessEvent",
        ("id", "occurred_at", "actor_user_id", "organisation_id", "target_type", "target_id", "categories", "via"),
    ),
}
V2_AS_IS = {"id", "occurred_at", "changed_fields", "categories"}
BATCH = 2000


class V2ChainBroken(RuntimeError):
    """The chain does not verify in v2: it is not re-hashed (that would launder the change)."""


def v2_content(row):
    return {name: value if name in V2_AS_IS or value is None else str(value) for name, value in row.items()}


def v3_content(row):
    content = dict(row)
    if content["organisation_id"] is not None and not isinstance(content["organisation_id"], uuid.UUID):
        content["organisation_id"] = uuid.UUID(str(content["organisation_id"]))
    return content


def rechain(model, chain, fields):
    """Check every sequenced row of `chain` in v2 and store its v3 hash; the v3 head."""
    v2, v3 = GENESIS, GENESIS
    head = Head.empty()
    rows = model._base_manager.filter(sequence__isnull=False).order_by("sequence")
    after = 0
    while True:
        page = list(rows.filter(sequence__gt=after).values("pk", "sequence", "entry_hash", *fields)[:BATCH])
        if not page:
            return head
        changed = []
        for row in page:
            content = {name: row[name] for name in fields}
            v2 = entry_hash_v2(chain, v2, row["sequence"], v2_content(content))
            if v2.hex() != row["entry_hash"]:
                raise V2ChainBroken(f"{chain}: entry #{row['sequence']} does not verify in encoding v2")
            v3 = entry_hash(chain, v3, row["sequence"], canonical(v3_content(content)))
            changed.append(model(pk=row["pk"], entry_hash=v3.hex()))
            head = Head(row["sequence"], v3)
        model._base_manager.bulk_update(changed, ["entry_hash"])
        after = page[-1]["sequence"]


def rechain_all(apps, schema_editor):
    vendor = schema_editor.connection.vendor if schema_editor else "sqlite"
    execute = schema_editor.execute if schema_editor else None
    for sql in drop_statements(vendor) if execute else ():
        execute(sql, params=None)
    heads = {}
    for chain, (model_name, fields) in FIELDS.items():
        heads[chain] = rechain(apps.get_model("audit", model_name), chain, fields)
    for sql in create_statements(vendor) if execute else ():
        execute(sql, params=None)
    try:
        ChainHead = apps.get_model("audit", "ChainHead")
    except LookupError:  # the sequencer keeps no head row
        return
    for chain, head in heads.items():
        ChainHead.objects.filter(name=chain, sequence=head.sequence).update(head_hash=head.hash.hex())


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_sequenced_log")]

    operations = [migrations.RunPython(rechain_all, migrations.RunPython.noop)]
