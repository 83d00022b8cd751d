"""The programme in the admin: checklist templates are data an administrator edits (P2); the records of
inspections and findings are read-only, since every change goes through a service (STYLE.md)."""

from django.contrib import admin
from django.db import transaction

from bmnn.audit.chain import record
from bmnn.registry.admin import ReadOnlyAdmin

from .models import ChecklistItem, ChecklistTemplate, Finding, Inspection


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 1
    fields = ("order", "group", "text", "legal_basis")


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    """P2: the default checklist's points and their legal basis are edited here, each change audited.

    Inspections already opened keep the wording they copied, so an edit never rewrites a past inspection.
    """

    list_display = ("name", "is_default", "active", "item_count")
    list_filter = ("is_default", "active")
    inlines = [ChecklistItemInline]

    @admin.display(description="Số nội dung")
    def item_count(self, obj: ChecklistTemplate) -> int:
        return obj.items.count()

    def _audit(self, request, obj, data) -> None:
        record(request.user, "programme.checklist.changed", obj, basis="P2",
               data={"model": obj._meta.label, **data})

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if obj.is_default:
                # One default checklist: the one an inspection uses when none is chosen.
                ChecklistTemplate.objects.exclude(pk=obj.pk).filter(is_default=True).update(is_default=False)
            super().save_model(request, obj, form, change)
            self._audit(request, obj, {"changed": form.changed_data, "value": str(obj)})

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            for obj in formset.new_objects + [o for o, _fields in formset.changed_objects]:
                self._audit(request, obj, {"value": str(obj), "legal_basis": obj.legal_basis})
            for obj in formset.deleted_objects:
                self._audit(request, form.instance, {"deleted": str(obj)})

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._audit(request, obj, {"deleted": str(obj)})
            super().delete_model(request, obj)


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("unit", "inspecting_unit", "started_on", "status")
    list_filter = ("status",)


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("description", "inspection", "owner", "due", "status")
    list_filter = ("status",)
