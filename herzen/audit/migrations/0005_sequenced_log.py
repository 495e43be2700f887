"""The sequenced log (ADR 0080): ids come from the database, events carry a MAC, the sequencer places them.

The triggers are dropped first (the table changes would trip them) and recreated last in their new form
(herzen.audit.triggers: the sequencer may set an event's place once; inserts NOTIFY it). Existing events are
authenticated here with the application's MAC key, so the sequencer's checks cover them too, and on
PostgreSQL the new identity columns continue after the highest existing id.
"""

from django.conf import settings
from django.db import migrations, models

from herzen.audit.triggers import create_statements, drop_statements

BATCH = 2000


def drop_triggers(apps, schema_editor):
    for sql in drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


def create_triggers(apps, schema_editor):
    for sql in create_statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


def authenticate_existing_events(apps, schema_editor):
    from herzen.audit.keys import entry_mac_key
    from herzen.audit.models import CHAINED_MODELS
    from herzen.domain.ledger.authentication import entry_mac

    connection = schema_editor.connection
    for chain, model in CHAINED_MODELS.items():
        historical = apps.get_model("audit", model.__name__)
        fields = model.CHAINED_FIELDS
        rows = historical._base_manager.filter(mac__isnull=True).order_by("id").values_list(*fields)
        if not rows.exists():
            continue
        key = entry_mac_key()
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            batch = []
            for row in rows.iterator(chunk_size=BATCH):
                content = model.content_of(dict(zip(fields, row, strict=True)))
                batch.append((entry_mac(key, chain, content), row[0]))
                if len(batch) == BATCH:
                    cursor.executemany(f"UPDATE {table} SET mac = %s WHERE id = %s", batch)  # noqa: S608
                    batch = []
            if batch:
                cursor.executemany(f"UPDATE {table} SET mac = %s WHERE id = %s", batch)  # noqa: S608


def continue_ids_after_existing(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in ("audit_auditevent", "audit_accessevent"):
        schema_editor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) "  # noqa: S608
            f"FROM {table}",
            params=None,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_append_only_triggers"),
        ("organisations", "0004_staff_invitation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_triggers, create_triggers),
        migrations.AddField(
            model_name="accessevent",
            name="mac",
            field=models.CharField(editable=False, max_length=96, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="mac",
            field=models.CharField(editable=False, max_length=96, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="chainhead",
            name="refused",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="chainhead",
            name="sequenced_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="id",
            field=models.BigAutoField(primary_key=True, serialize=False),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="id",
            field=models.BigAutoField(primary_key=True, serialize=False),
        ),
        migrations.AddIndex(
            model_name="accessevent",
            index=models.Index(
                condition=models.Q(("sequence__isnull", True)), fields=["id"], name="access_unsequenced_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("sequence__isnull", True)), fields=["id"], name="audit_unsequenced_idx"
            ),
        ),
        migrations.RunPython(continue_ids_after_existing, migrations.RunPython.noop),
        migrations.RunPython(authenticate_existing_events, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
