from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "bmnn.web"
    verbose_name = _("User interface")

    def ready(self) -> None:
        # Every command and process loads this app: the length and range check applies to every save.
        from django.db.models.signals import pre_save

        from bmnn.core.limits import refuse_oversize

        pre_save.connect(refuse_oversize, dispatch_uid="bmnn.core.limits.refuse_oversize")
