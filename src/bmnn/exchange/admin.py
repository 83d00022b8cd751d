"""The exchange in the Django admin: shown only; peers are registered through their operation (audited)."""

from django.contrib import admin

from bmnn.audit.admin_base import ReadOnlyAdmin

from .models import Package, Peer


@admin.register(Peer)
class PeerAdmin(ReadOnlyAdmin):
    list_display = ("name", "installation", "signing_public_key", "registered_at", "revoked_at")


@admin.register(Package)
class PackageAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "direction", "kind", "status", "number", "peer", "agency")
    list_filter = ("direction", "kind", "status")
    exclude = ("content",)
