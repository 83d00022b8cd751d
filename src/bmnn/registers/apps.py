from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "bmnn.registers"
    verbose_name = _("Sổ sách và biểu mẫu")
    default_auto_field = "django.db.models.BigAutoField"
    # Links this app adds to the second row of the header: (label, URL name[, dotted path of a check on the
    # user that shows the link only to those who may open it]). See bmnn.web.context_processors.
    nav: list[tuple[str, ...]] = [("Sổ sách", "registers:index", "bmnn.registers.policies.may_open_registers"),
                                  ("Biểu mẫu", "registers:forms")]

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo: closed 2025 volumes, copies, councils, requests."""
        from .demo import load

        load(orgs, people)
