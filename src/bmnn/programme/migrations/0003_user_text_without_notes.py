"""Research notes (confidence tags, unverified-source remarks, rule ids) out of what users read and print."""

from django.db import migrations

from bmnn.core.text import without_notes


def clean(apps, schema_editor):
    """Take research notes out of the text users read and print (loaded before they were taken out)."""
    for model, fields in {"ChecklistTemplate": ["description"], "ChecklistItem": ["legal_basis"]}.items():
        for row in apps.get_model("programme", model).objects.all():
            changed = {f: without_notes(getattr(row, f)) for f in fields}
            if any(changed[f] != getattr(row, f) for f in fields):
                apps.get_model("programme", model).objects.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_default_checklist")]
    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
