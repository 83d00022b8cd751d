from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "bmnn.catalog"
    verbose_name = _("State secret lists")
    default_auto_field = "django.db.models.BigAutoField"
