"""Lists of state secrets in the Django admin: every change audited with old and new values; repealing an item
or a list (the basis of R2) becomes a request the head decides (catalog.services, S7)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bmnn.audit.admin_base import AuditedAdmin, ReadOnlyAdmin
from bmnn.core.errors import DomainError

from . import services
from .models import ListStatus, RepealRequest, SecretList, SecretListItem

REQUESTED = _("Repeal of {what} requested; it applies only when the head approves.")


class ItemInline(admin.TabularInline):
    model = SecretListItem
    extra = 0
    # R48: the mapping to a replacement list is the clerk's audited operation, never an admin edit.
    readonly_fields = ("replaced_by", "mapped_by", "mapped_at")


@admin.register(SecretList)
class SecretListAdmin(AuditedAdmin):
    audit_action = "catalog.list.changed"
    audit_basis = "R2"
    list_display = ("decision_number", "decision_date", "sector", "status")
    inlines = [ItemInline]

    def held_back(self, request: HttpRequest, obj: models.Model, before: models.Model | None) -> list[str]:
        """An item repealed, or a list no longer in force, waits for the head's decision."""
        if isinstance(obj, SecretListItem):
            return ["repealed"] if obj.repealed and not (isinstance(before, SecretListItem) and before.repealed) else []
        if isinstance(obj, SecretList) and obj.status != ListStatus.ACTIVE:
            was = before.status if isinstance(before, SecretList) else ListStatus.ACTIVE
            return ["status"] if obj.status != was else []
        return []

    def file_request(self, request: HttpRequest, obj: models.Model, asked: dict[str, Any]) -> str:
        reasons = "Lập từ trang quản trị."
        if isinstance(obj, SecretListItem):
            services.repeal_request_submit(actor=request.user, secret_list=obj.secret_list, item=obj, reasons=reasons)
            return str(REQUESTED).format(what=str(obj))
        if not isinstance(obj, SecretList):
            raise DomainError(_("There is no request for this object."))
        services.repeal_request_submit(actor=request.user, secret_list=obj, new_status=asked["status"], reasons=reasons)
        return str(REQUESTED).format(what=str(obj))


@admin.register(RepealRequest)
class RepealRequestAdmin(ReadOnlyAdmin):
    """Requests are filed and decided through the services (the head decides on the screen, API or command)."""

    list_display = ("requested_at", "secret_list", "item", "new_status", "requester", "status", "decided_by")
    list_filter = ("status",)
