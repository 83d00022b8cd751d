from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GateConfig(AppConfig):
    name = "bmnn.gate"
    verbose_name = _("Kiểm tra trước khi đăng tải")
    default_auto_field = "django.db.models.BigAutoField"
    # Links this app adds to the second row of the header: (label, URL name). See bmnn.web.context_processors.
    nav: list[tuple[str, str]] = [("Kiểm tra trước khi đăng", "gate:gate")]

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo; add this app's demo data through its services."""
