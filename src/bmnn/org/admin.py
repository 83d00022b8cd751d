from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

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
