from django.contrib import admin
from django.db import transaction

from bmnn.audit.chain import record

from .models import AuthorityRule, AuthorityTable, Duration, ProtectionPeriod


class AuditedAdmin(admin.ModelAdmin):
    """Every change of a legal parameter is an audit event, in the admin's transaction."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record(request.user, "legal.parameter.changed", obj, basis="RULES.md",
                   data={"model": obj._meta.label, "changed": form.changed_data, "value": str(obj)})

    def delete_model(self, request, obj):
        with transaction.atomic():
            record(request.user, "legal.parameter.changed", obj, basis="RULES.md",
                   data={"model": obj._meta.label, "deleted": str(obj)})
            super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            for obj in [*formset.new_objects, *formset.changed_objects]:
                obj = obj[0] if isinstance(obj, tuple) else obj
                record(request.user, "legal.parameter.changed", obj, basis="RULES.md",
                       data={"model": obj._meta.label, "value": str(obj)})


@admin.register(ProtectionPeriod)
class ProtectionPeriodAdmin(AuditedAdmin):
    list_display = ("level", "years", "effective_from", "source", "status_note")


class RuleInline(admin.TabularInline):
    model = AuthorityRule
    extra = 0


@admin.register(AuthorityTable)
class AuthorityTableAdmin(AuditedAdmin):
    list_display = ("name", "effective_from", "unverified")
    inlines = [RuleInline]


@admin.register(Duration)
class DurationAdmin(AuditedAdmin):
    list_display = ("key", "days", "effective_from", "source")
