"""Layout names and legal bases loaded with research notes that 0003 did not yet recognise ("theo nguồn thứ ba",
"cột … suy ra", "cột chưa tìm thấy bản chính thức"): taken out the same way. The layouts stay flagged as not
checked against the official text (``unverified``), which is what the administrator sees."""

import importlib

from django.db import migrations

first = importlib.import_module("bmnn.registers.migrations.0003_user_text_without_notes")


class Migration(migrations.Migration):
    dependencies = [("registers", "0004_merge_0003_input_limits_0003_user_text_without_notes")]
    operations = [migrations.RunPython(first.clean, migrations.RunPython.noop)]
