"""The registry is read-only in the admin: every change goes through a service (STYLE.md)."""

from django.contrib import admin

from bmnn.audit.admin_base import ReadOnlyAdmin

from .models import Carrier, Handover, Incident, RegisterSeries


@admin.register(RegisterSeries)
class RegisterSeriesAdmin(ReadOnlyAdmin):
    list_display = ("agency", "kind", "year", "last_number")


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin):
    list_display = ("number", "year", "carrier", "from_person", "recipient_label", "status")


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("kind", "carrier", "found_at", "reported_to", "closed")


@admin.register(Carrier)
class CarrierAdmin(ReadOnlyAdmin):
    """Counts only: the admin site does not apply the visibility policy, so it shows no content."""

    list_display = ("pk", "agency", "direction", "level", "status", "reg_year", "reg_number")
    list_filter = ("level", "status", "direction")
    fields = list_display
