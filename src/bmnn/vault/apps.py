from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "bmnn.vault"
    verbose_name = _("Secret electronic document vault")
    default_auto_field = "django.db.models.BigAutoField"
    nav: list[tuple[str, str]] = [("Tài liệu điện tử mật", "vault:files")]

    def ready(self) -> None:
        from bmnn.lifecycle import electronic

        from .services import VaultStore

        electronic.register("vault", VaultStore())

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry demo: a record with an encrypted PDF."""
        from .demo import load

        load(orgs, people)
