from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "bmnn.legal"
    verbose_name = _("Legal parameters")
    default_auto_field = "django.db.models.BigAutoField"
