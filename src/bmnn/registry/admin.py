"""The registry is read-only in the admin: every change goes through a service (STYLE.md)."""

from django.contrib import admin

from .models import Carrier, Handover, Incident, RegisterSeries


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
