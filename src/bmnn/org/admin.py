from typing import Any

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.core.errors import DomainError

from .access import login_unlock, two_factor_reset
from .models import Delegation, Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "symbol", "keeps_register")
    list_filter = ("kind", "keeps_register")
    search_fields = ("name", "short_name")


@admin.register(Person)
class PersonAdmin(UserAdmin):
    list_display = ("username", "get_full_name", "organisation", "position", "clearance",
                    "designated_for_secrets", "is_active")
    list_filter = ("position", "clearance", "designated_for_secrets", "organisation")
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Công tác BMNN"), {"fields": ("organisation", "position", "title", "clearance",
                                         "designated_for_secrets", "designation_ref", "designation_date",
                                         "absent")}),
    )


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("document_ref", "grantor", "deputy", "max_level", "valid_from", "valid_until", "revoked_at")
    list_filter = ("max_level",)


# Login locks and second factors change only through the audited services of org.access: the admin of
# axes is switched off (AXES_ENABLE_ADMIN) and django-otp's device pages are replaced by the actions below.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.action(description=_("Hủy đăng ký xác thực hai lớp (cán bộ đăng ký lại khi đăng nhập)"))
def reset_two_factor(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Person]) -> None:
    for person in queryset:
        try:
            two_factor_reset(actor=request.user, person=person)  # type: ignore[arg-type]
        except DomainError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
            return
    modeladmin.message_user(request, _("Đã hủy đăng ký xác thực hai lớp của %d cán bộ.") % queryset.count())


PersonAdmin.actions = [reset_two_factor]


@admin.register(AccessAttempt)
class LoginLockAdmin(admin.ModelAdmin):
    """Failed logins per account and address; an administrator unlocks them with an audited action."""

    list_display = ("username", "ip_address", "failures_since_start", "attempt_time", "path_info")
    search_fields = ("username", "ip_address")
    actions = ["unlock"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # The actions list needs some "delete" permission to show; ours is the only way to remove a record.
        return {"unlock": (LoginLockAdmin.unlock, "unlock", LoginLockAdmin.unlock.short_description)}

    @admin.action(description=_("Mở khóa đăng nhập (ghi nhật ký)"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        cleared = 0
        for attempt in list(queryset):
            try:
                cleared += login_unlock(actor=request.user, username=attempt.username or "",  # type: ignore[arg-type]
                                        ip_address=attempt.ip_address or "")
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                return
        self.message_user(request, _("Đã mở khóa; xóa %d bản ghi đăng nhập sai.") % cleared)
