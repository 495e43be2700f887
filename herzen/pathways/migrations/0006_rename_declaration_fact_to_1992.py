"""The borders declaration's fact is named after the date its text gives (1 January 1992), not 1991.

Regimes keep a copy of their rule set; rewrite the fact name inside each stored copy so the copies still load."""

import json

from django.db import migrations

OLD, NEW = "declares_borders_of_1991", "declares_borders_of_1992"


def _rename(apps, old, new):
    PolicyRegime = apps.get_model("pathways", "PolicyRegime")
    for regime in PolicyRegime.objects.all().only("pk", "rule_set"):
        text = json.dumps(regime.rule_set)
        if f'"{old}"' in text:
            regime.rule_set = json.loads(text.replace(f'"{old}"', f'"{new}"'))
            regime.save(update_fields=["rule_set"])


def forwards(apps, schema_editor):
    _rename(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _rename(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("pathways", "0005_encrypt_existing_deciding_body")]

    operations = [migrations.RunPython(forwards, backwards)]
