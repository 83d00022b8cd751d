from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "bmnn.registry"
    verbose_name = _("Sổ quản lý BMNN")
    default_auto_field = "django.db.models.BigAutoField"
