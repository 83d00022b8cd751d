from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Delegation, Organisation, Person


class NoRelatedListing:
    """S2: the delete confirmation lists related objects by their names, secret records among them (a number with
    its level); it says how many there are instead, so the page shows no record to whoever opens it."""

    def get_deleted_objects(self, objs, request):  # type: ignore[no-untyped-def]
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)  # type: ignore[misc]
        if protected:
            protected = [f"{len(protected)} đối tượng liên quan (không liệt kê tên)"]
        return [f"{len(deleted)} đối tượng (không liệt kê tên)"], counts, perms_needed, protected


@admin.register(Organisation)
class OrganisationAdmin(NoRelatedListing, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "symbol", "keeps_register")
    list_filter = ("kind", "keeps_register")
    search_fields = ("name", "short_name")


@admin.register(Person)
class PersonAdmin(NoRelatedListing, UserAdmin):
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
