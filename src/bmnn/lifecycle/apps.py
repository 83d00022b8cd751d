from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "bmnn.lifecycle"
    verbose_name = _("State secret lifecycle")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bmnn.audit.state import track

        from .models import CopyJob

        track(CopyJob)  # S5: the copy register's entries must match the audit log
