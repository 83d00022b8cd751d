from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "bmnn.registers"
    verbose_name = _("Sổ sách và biểu mẫu")
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo: closed 2025 volumes, copies, councils, requests."""
        from .demo import load

        load(orgs, people)
