from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bmnn.reports"
    verbose_name = _("Periodic reports")
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry, programme and safeguards demos: the annual reports."""
        from .demo import load

        load(orgs, people)
