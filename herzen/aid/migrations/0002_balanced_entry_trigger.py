"""Install the ledger's PostgreSQL triggers (herzen.aid.triggers): balance per entry and currency, immutability."""

from django.db import migrations

from herzen.aid.triggers import BALANCED, DROP


def _install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BALANCED, params=None)


def _remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("aid", "0001_ledger_grants_payouts")]
    operations = [migrations.RunPython(_install, _remove)]
