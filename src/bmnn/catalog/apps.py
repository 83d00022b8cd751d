from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "bmnn.catalog"
    verbose_name = _("Danh mục BMNN")
    default_auto_field = "django.db.models.BigAutoField"
