from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "bmnn.org"
    verbose_name = _("Tổ chức và con người")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from .access import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="bmnn.org.record_lockout")
