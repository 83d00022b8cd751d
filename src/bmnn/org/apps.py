from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "bmnn.org"
    verbose_name = _("Tổ chức và con người")
    default_auto_field = "django.db.models.BigAutoField"
