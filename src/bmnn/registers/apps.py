from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "bmnn.registers"
    verbose_name = _("Registers and forms")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bmnn.core.lookup import register_filter

        from .forms import FILTER, RegisterFilterForm
        from .policies import may_open_registers

        # The register print filters by unit with a picker: for whom may open the registers, the agency's units.
        register_filter(
            FILTER, lambda person: RegisterFilterForm(agency=person.agency()) if may_open_registers(person) else None
        )

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo: closed 2025 volumes, copies, councils, requests."""
        from .demo import load

        load(orgs, people)
