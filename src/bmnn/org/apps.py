from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "bmnn.org"
    verbose_name = _("Organisation and people")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from bmnn.core.signals import token_authenticated

        from .access import record_lockout
        from .signins import record_command_token, record_failure, record_login, record_logout

        user_locked_out.connect(record_lockout, dispatch_uid="bmnn.org.record_lockout")
        # After axes' own receivers (its app is ready first): a failure it refused as locked is known by then.
        user_logged_in.connect(record_login, dispatch_uid="bmnn.org.record_login")
        user_logged_out.connect(record_logout, dispatch_uid="bmnn.org.record_logout")
        user_login_failed.connect(record_failure, dispatch_uid="bmnn.org.record_failure")
        token_authenticated.connect(record_command_token, dispatch_uid="bmnn.org.record_command_token")
