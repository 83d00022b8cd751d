from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardsConfig(AppConfig):
    name = "bmnn.safeguards"
    verbose_name = _("Incidents, staff and devices")
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo: an incident, commitments, a training, devices."""
        from .demo import load

        load(orgs, people)
