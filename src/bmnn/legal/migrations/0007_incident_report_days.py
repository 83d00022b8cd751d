from pathlib import Path

from django.db import migrations, models

from bmnn.core.fixtures import load_fixture


def load(apps, schema_editor):
    # Idempotent: adds the INCIDENT_REPORT_DAYS row (R40) to installations that loaded the earlier rows.
    load_fixture(apps, Path(__file__).resolve().parent.parent / "fixtures" / "durations.json")


class Migration(migrations.Migration):
    dependencies = [("legal", "0006_duration_defaults")]

    operations = [
        migrations.AlterField(
            model_name="duration",
            name="key",
            field=models.CharField(
                choices=[
                    ("EXTENSION_DECISION_LEAD", "Quyết định gia hạn trước khi hết hạn (ngày)"),
                    ("EXTENSION_ALERT_LEAD", "Bắt đầu nhắc gia hạn trước hạn quyết định (ngày)"),
                    ("NOTICE_DAYS", "Hạn gửi thông báo bằng văn bản (ngày)"),
                    ("NOTICE_ALERT_DAY", "Nhắc gửi thông báo vào ngày thứ"),
                    ("RECALL_ALERT_LEAD", "Nhắc trả tài liệu thu hồi trước hạn (ngày)"),
                    ("TAKEOUT_ALERT_LEAD", "Nhắc trả tài liệu mang ra trước hạn (ngày)"),
                    ("MAX_EXTENSIONS", "Số lần gia hạn tối đa (0 = không giới hạn)"),
                    ("INCIDENT_REPORT_DAYS", "Hạn báo cáo đột xuất sự cố sau khi phát hiện (ngày)"),
                ],
                max_length=30,
                verbose_name="tham số",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
