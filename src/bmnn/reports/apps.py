from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bmnn.reports"
    verbose_name = _("Báo cáo định kỳ")
    default_auto_field = "django.db.models.BigAutoField"
    # Links this app adds to the second row of the header: (label, URL name). See bmnn.web.context_processors.
    nav: list[tuple[str, str]] = [("Bảng theo dõi của thủ trưởng", "reports:dashboard",
                                   "bmnn.reports.policies.may_see_dashboard"),
                                  ("Báo cáo định kỳ", "reports:list")]

    def load_demo(self, orgs: dict, people: dict) -> None:
        """Called by `bmnn demo` after the registry, programme and safeguards demos: the annual reports."""
        from .demo import load

        load(orgs, people)
