"""Triggers that refuse UPDATE and DELETE (PostgreSQL: and TRUNCATE) on audit and access events."""

from django.db import migrations

from herzen.audit.triggers import create_statements, drop_statements


def create_triggers(apps, schema_editor):
    for sql in create_statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


def drop_triggers(apps, schema_editor):
    for sql in drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_existing_audit_events")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
