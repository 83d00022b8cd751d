from django.contrib import admin

from .models import ProtectionPeriod


@admin.register(ProtectionPeriod)
class ProtectionPeriodAdmin(admin.ModelAdmin):
    list_display = ("level", "years", "effective_from", "source", "status_note")
