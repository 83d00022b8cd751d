from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "bmnn.programme"
    verbose_name = _("Chương trình bảo vệ BMNN")
    default_auto_field = "django.db.models.BigAutoField"
    # Links this app adds to the second row of the header: (label, URL name). See bmnn.web.context_processors.
    nav: list[tuple[str, str]] = [
        ("Kế hoạch", "programme:plans"),
        ("Nhiệm vụ được giao", "programme:tasks"),
        ("Tự kiểm tra", "programme:inspections"),
    ]

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo: the department's 2026 plan, handed down, reported on."""
        from .demo import load

        load(orgs, people)
