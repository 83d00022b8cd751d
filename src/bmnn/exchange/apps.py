from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "bmnn.exchange"
    verbose_name = _("Exchange of secret electronic documents between systems")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bmnn.core import due, panels

        from .selectors import recalls_due, record_recipients

        due.register("exchange.recalls", recalls_due)
        panels.register("exchange.recipients", record_recipients)

    def load_demo(self, orgs: dict, people: dict) -> None:
        from .demo import load

        load(orgs, people)
