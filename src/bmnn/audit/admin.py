from django.contrib import admin

from .admin_base import ReadOnlyAdmin
from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only view of the chain: the admin can never change an event."""

    list_display = ("seq", "occurred_at", "actor_repr", "action", "target_repr", "basis")
    list_filter = ("action",)
    search_fields = ("actor_repr", "target_repr", "action")
