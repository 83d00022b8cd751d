from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only view of the chain: the admin can never change an event."""

    list_display = ("seq", "occurred_at", "actor_repr", "action", "target_repr", "basis")
    list_filter = ("action",)
    search_fields = ("actor_repr", "target_repr", "action")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
