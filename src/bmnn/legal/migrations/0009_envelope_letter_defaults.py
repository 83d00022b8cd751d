from pathlib import Path

from django.db import migrations

from bmnn.core.fixtures import load_fixture


def load(apps, schema_editor):
    load_fixture(apps, Path(__file__).resolve().parent.parent / "fixtures" / "envelope_letters.json")


class Migration(migrations.Migration):
    dependencies = [("legal", "0008_envelope_letter")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
