from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "bmnn.programme"
    verbose_name = _("State-secret protection programme")
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo: the department's 2026 plan, handed down, reported on."""
        from .demo import load

        load(orgs, people)
