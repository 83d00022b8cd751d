"""The registry is read-only in the admin: every change goes through a service (STYLE.md).

S2: the admin site is one more surface; its lists and pages of records, hand-overs and incidents go through the
visibility policy like every other read, so the technical superuser (no clearance) sees none of them.
"""

from django.contrib import admin

from bmnn.audit.admin_base import ReadOnlyAdmin

from .models import Carrier, Handover, Incident, RegisterSeries
from .policies import visible_carriers


@admin.register(RegisterSeries)
class RegisterSeriesAdmin(ReadOnlyAdmin):
    list_display = ("agency", "kind", "year", "last_number")


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin):
    list_display = ("number", "year", "carrier", "from_person", "recipient_label", "status")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(carrier__in=visible_carriers(request.user))  # S2


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("kind", "carrier", "found_at", "reported_to", "closed")

    def get_queryset(self, request):
        # S2: an incident names its records; shown only to whoever may see every one of them.
        hidden = Carrier.objects.exclude(pk__in=visible_carriers(request.user).values("pk"))
        return (
            super()
            .get_queryset(request)
            .filter(carrier__in=visible_carriers(request.user))
            .exclude(carriers__in=hidden)
        )


@admin.register(Carrier)
class CarrierAdmin(ReadOnlyAdmin):
    """No content (no abstract), and only the records the viewer may see (S2)."""

    list_display = ("pk", "agency", "direction", "level", "status", "reg_year", "reg_number")
    list_filter = ("level", "status", "direction")
    fields = list_display

    def get_queryset(self, request):
        return visible_carriers(request.user, super().get_queryset(request))  # S2
