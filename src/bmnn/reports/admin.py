from django import forms
from django.contrib import admin, messages

from bmnn.audit.admin_base import AuditedAdmin
from bmnn.core.errors import DomainError

from . import services
from .models import ReportSchedule, TrustedKey


@admin.register(ReportSchedule)
class ReportScheduleAdmin(AuditedAdmin):
    """R41: the window, deadline and recipient are dated data; a change is a new row with its own date."""

    audit_action = "legal.parameter.changed"
    audit_basis = "R41"

    list_display = (
        "effective_from",
        "window_start_day",
        "window_start_month",
        "window_end_day",
        "window_end_month",
        "due_day",
        "due_month",
        "recipient_kind",
        "source",
        "status_note",
    )


class TrustedKeyForm(forms.ModelForm):
    class Meta:
        model = TrustedKey
        fields = ("organisation", "public_key", "label")

    def clean_public_key(self):
        try:
            return services.checked_public_key(self.cleaned_data["public_key"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None


@admin.register(TrustedKey)
class TrustedKeyAdmin(admin.ModelAdmin):
    """P5: an administrator registers a unit's public key through the service (audited); keys are not edited,
    only revoked (the "Thu hồi khóa" action)."""

    list_display = ("organisation", "public_key", "label", "registered_by", "registered_at", "revoked_at")
    form = TrustedKeyForm
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = services.trusted_key_register(
            actor=request.user, organisation=obj.organisation, public_key=obj.public_key, label=obj.label
        )
        obj.pk = saved.pk

    @admin.action(description="Thu hồi khóa đã chọn")
    def revoke(self, request, queryset):
        for key in queryset:
            try:
                services.trusted_key_revoke(actor=request.user, key=key)
            except DomainError as exc:
                messages.error(request, f"{key}: {exc.message}")
