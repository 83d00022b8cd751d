"""Every model in the Django admin is audited, read-only, or written through its service: no admin screen changes
data without an audit event (S3)."""

from django.contrib import admin

from bmnn.audit.admin_base import AuditedAdmin, ReadOnlyAdmin
from bmnn.reports.models import TrustedKey

# Admins whose save calls the app's service, which writes the audit event itself.
THROUGH_SERVICES = {TrustedKey}


def test_every_admin_screen_is_audited_read_only_or_through_a_service():
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdmin | ReadOnlyAdmin) and model not in THROUGH_SERVICES
    ]
    assert unaudited == []


def test_read_only_screens_change_nothing(rf):
    request = rf.get("/admin/")
    for model_admin in admin.site._registry.values():
        if isinstance(model_admin, ReadOnlyAdmin):
            assert not model_admin.has_add_permission(request)
            assert not model_admin.has_change_permission(request)
            assert not model_admin.has_delete_permission(request)


def test_api_tokens_are_not_in_the_admin():
    """Listing keys would let the administrator act as anyone; minting one for someone else is refused."""
    assert "authtoken.tokenproxy" not in {m._meta.label_lower for m in admin.site._registry}
    assert "authtoken.token" not in {m._meta.label_lower for m in admin.site._registry}
