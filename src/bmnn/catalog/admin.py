from django.contrib import admin

from .models import SecretList, SecretListItem


class ItemInline(admin.TabularInline):
    model = SecretListItem
    extra = 0


@admin.register(SecretList)
class SecretListAdmin(admin.ModelAdmin):
    list_display = ("decision_number", "decision_date", "sector", "status")
    inlines = [ItemInline]
