from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "bmnn.registry"
    verbose_name = _("State secret registry")
    default_auto_field = "django.db.models.BigAutoField"
    # What a viewer may see of an audit event in the admin (S2, R18); read by bmnn.audit.admin.
    audit_disclosure = "bmnn.registry.disclosure.events_shown"

    def ready(self) -> None:
        from bmnn.audit.state import track
        from bmnn.core.lookup import register_filter

        from .forms import SEARCH_FILTER, SearchForm
        from .models import Carrier, Handover, RegisterSeries

        # S5: records and their copies, hand-overs and register numbering must match the audit log.
        track(Carrier, exclude=["search_text"])  # derived from the other columns, rebuilt by reindexing
        track(Handover)
        track(RegisterSeries)
        # The records search filters by unit with a picker: it offers the units the search form accepts.
        register_filter(SEARCH_FILTER, lambda person: SearchForm(user=person))
