"""Legal parameters in the Django admin: every change audited with old and new values (audit.admin_base)."""

from django.contrib import admin

from bmnn.audit.admin_base import AuditedAdmin

from .models import AuthorityRule, AuthorityTable, Duration, ProtectionPeriod


class LegalAdmin(AuditedAdmin):
    audit_action = "legal.parameter.changed"
    audit_basis = "RULES.md"


@admin.register(ProtectionPeriod)
class ProtectionPeriodAdmin(LegalAdmin):
    list_display = ("level", "years", "effective_from", "source", "status_note")


class RuleInline(admin.TabularInline):
    model = AuthorityRule
    extra = 0


@admin.register(AuthorityTable)
class AuthorityTableAdmin(LegalAdmin):
    list_display = ("name", "effective_from", "unverified")
    inlines = [RuleInline]


@admin.register(Duration)
class DurationAdmin(LegalAdmin):
    list_display = ("key", "days", "effective_from", "source")
