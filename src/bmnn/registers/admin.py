"""Register layouts in the Django admin: columns edited inline, every change audited (R21)."""

from django.contrib import admin

from bmnn.audit.admin_base import AuditedAdmin, ReadOnlyAdmin

from .models import RegisterColumn, RegisterLayout, RegisterVolume


class ColumnInline(admin.TabularInline):
    model = RegisterColumn
    extra = 0
    fields = ("order", "heading", "field", "width", "instruction")


@admin.register(RegisterLayout)
class RegisterLayoutAdmin(AuditedAdmin):
    """Add a new layout with a later effective date to change a register's columns; old books keep theirs."""

    audit_action = "registers.layout.changed"
    audit_basis = "R21"

    list_display = ("kind", "name", "effective_from", "unverified", "landscape")
    list_filter = ("kind", "unverified")
    inlines = [ColumnInline]
    save_as = True  # "Lưu thành bản mới": copy a layout with its columns, then change the date


@admin.register(RegisterVolume)
class RegisterVolumeAdmin(ReadOnlyAdmin):
    """Volumes are closed through the service (audited); a closed volume is part of the legal record: it is
    never typed in, edited or deleted (reopened) here."""

    list_display = ("agency", "kind", "year", "number", "first_number", "last_number", "closed_at", "closed_by")
    list_filter = ("kind", "year")
