from pathlib import Path

from django.db import migrations

from bmnn.core.fixtures import load_fixture


def load(apps, schema_editor):
    load_fixture(apps, Path(__file__).resolve().parent.parent / "fixtures" / "schedule_defaults.json")


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
