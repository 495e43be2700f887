from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache (settings.CACHES) counts login throttles and spent one-time codes for every worker
    # process; `createcachetable` does nothing when the table exists or no database cache is configured.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_staff_sessions")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
