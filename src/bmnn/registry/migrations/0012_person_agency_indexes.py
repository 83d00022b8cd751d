"""The four person columns of visibility (S2) indexed with the agency and the id (issue 17).

A clerk or head sees their agency whole; what they see besides is their own records outside it, which
these indexes answer from the index alone (``custodian = p AND agency < a``, ``... agency > a``: two
ranges of one index each, however many records the person has inside the agency).

Each index leads with its person column, so it also serves that column's foreign key: the column's own
index is dropped (Django's ``db_index``), by name, keeping the foreign key constraints as they are (an
``AlterField`` would drop and re-validate each of them over the whole table).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_english_message_ids"),
        ("org", "0007_english_message_ids"),
        ("registry", "0011_english_message_ids"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="carrier",
            index=models.Index(fields=["custodian", "agency", "id"], name="carrier_custodian_agency"),
        ),
        migrations.AddIndex(
            model_name="carrier",
            index=models.Index(fields=["named_recipient", "agency", "id"], name="carrier_recipient_agency"),
        ),
        migrations.AddIndex(
            model_name="carrier",
            index=models.Index(fields=["decision_maker", "agency", "id"], name="carrier_decider_agency"),
        ),
        migrations.AddIndex(
            model_name="carrier",
            index=models.Index(fields=["drafter", "agency", "id"], name="carrier_drafter_agency"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="carrier",
                    name="custodian",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="custody",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="custodian",
                    ),
                ),
                migrations.AlterField(
                    model_name="carrier",
                    name="decision_maker",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person who decided the secrecy level",
                    ),
                ),
                migrations.AlterField(
                    model_name="carrier",
                    name="drafter",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="drafter, proposer",
                    ),
                ),
                migrations.AlterField(
                    model_name="carrier",
                    name="named_recipient",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person named on the envelope",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "registry_carrier_custodian_id_828f4c02"',
                    reverse_sql='CREATE INDEX IF NOT EXISTS "registry_carrier_custodian_id_828f4c02" ON "registry_carrier" ("custodian_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "registry_carrier_decision_maker_id_6f7a02ef"',
                    reverse_sql='CREATE INDEX IF NOT EXISTS "registry_carrier_decision_maker_id_6f7a02ef" ON "registry_carrier" ("decision_maker_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "registry_carrier_drafter_id_9e75bba1"',
                    reverse_sql='CREATE INDEX IF NOT EXISTS "registry_carrier_drafter_id_9e75bba1" ON "registry_carrier" ("drafter_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "registry_carrier_named_recipient_id_9f197701"',
                    reverse_sql='CREATE INDEX IF NOT EXISTS "registry_carrier_named_recipient_id_9f197701" ON "registry_carrier" ("named_recipient_id")',
                ),
            ],
        ),
    ]
