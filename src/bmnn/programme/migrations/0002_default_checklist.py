from pathlib import Path

from django.db import migrations

from bmnn.core.fixtures import load_fixture

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "default_checklist.json"


def load(apps, schema_editor):
    load_fixture(apps, FIXTURE)


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
