# The index comes before the foreign key's own is dropped, which it replaces.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0006_person_name_pair_keys'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='personnamekey',
            index=models.Index(fields=['person', 'key'], name='person_name_key_by_person'),
        ),
        migrations.AlterField(
            model_name='personnamekey',
            name='person',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='name_keys', to='people.person'),
        ),
    ]
