"""The programme in the admin: checklist templates are data an administrator edits (P2); the records of
inspections and findings are read-only, since every change goes through a service (STYLE.md)."""

from django.contrib import admin

from bmnn.audit.admin_base import AuditedAdmin, ReadOnlyAdmin

from .models import ChecklistItem, ChecklistTemplate, Finding, Inspection


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 1
    fields = ("order", "group", "text", "legal_basis")


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(AuditedAdmin):
    """P2: the default checklist's points and their legal basis are edited here, each change audited.

    Inspections already opened keep the wording they copied, so an edit never rewrites a past inspection.
    """

    audit_action = "programme.checklist.changed"
    audit_basis = "P2"
    list_display = ("name", "is_default", "active", "item_count")
    list_filter = ("is_default", "active")
    inlines = [ChecklistItemInline]

    @admin.display(description="Số nội dung")
    def item_count(self, obj: ChecklistTemplate) -> int:
        return obj.items.count()

    def apply(self, request, obj, form, change):
        if obj.is_default:
            # One default checklist: the one an inspection uses when none is chosen.
            ChecklistTemplate.objects.exclude(pk=obj.pk).filter(is_default=True).update(is_default=False)
        super().apply(request, obj, form, change)


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("unit", "inspecting_unit", "started_on", "status")
    list_filter = ("status",)


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("description", "inspection", "owner", "due", "status")
    list_filter = ("status",)
