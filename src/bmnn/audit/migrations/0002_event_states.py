# S5: events carry the state hashes of what they changed; data is written as canonical JSON text (issue 17).

from django.db import migrations, models

import bmnn.audit.models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="states",
            field=models.TextField(blank=True, default="", verbose_name="trạng thái đối tượng"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="data",
            field=models.JSONField(
                blank=True, default=dict, encoder=bmnn.audit.models.CanonicalEncoder, verbose_name="dữ liệu"
            ),
        ),
    ]
