from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardsConfig(AppConfig):
    name = "bmnn.safeguards"
    verbose_name = _("Sự cố, cán bộ và thiết bị")
    default_auto_field = "django.db.models.BigAutoField"
    # Links this app adds to the second row of the header: (label, URL name). See bmnn.web.context_processors.
    nav: list[tuple[str, str]] = [
        ("Sự cố lộ, mất", "safeguards:incidents"),
        ("Cán bộ, cam kết, tập huấn", "safeguards:staff"),
        ("Thiết bị", "safeguards:devices"),
    ]

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo: an incident, commitments, a training, devices."""
        from .demo import load

        load(orgs, people)
