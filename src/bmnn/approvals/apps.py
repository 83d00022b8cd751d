from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "bmnn.approvals"
    verbose_name = _("Requests and approvals")
    default_auto_field = "django.db.models.BigAutoField"
