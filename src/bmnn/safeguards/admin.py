"""Safeguard records are read-only in the admin: every change goes through a service (STYLE.md)."""

from django.contrib import admin

from bmnn.audit.admin_base import ReadOnlyAdmin

from .models import Commitment, Device, DeviceFinding, DeviceInspection, Offboarding, Remedy, TrainingSession


@admin.register(Remedy)
class RemedyAdmin(ReadOnlyAdmin):
    list_display = ("incident", "owner", "due_on", "done_at")


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ("person", "kind", "signed_on")
    fields = ("person", "kind", "signed_on", "note", "recorded_by", "recorded_at")


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "held_on")


@admin.register(Offboarding)
class OffboardingAdmin(ReadOnlyAdmin):
    list_display = ("person", "status", "started_at", "completed_at")


@admin.register(Device)
class DeviceAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "unit", "connection", "used_for_secrets", "needs_wipe", "status")
    list_filter = ("kind", "connection", "used_for_secrets", "status")


@admin.register(DeviceInspection)
class DeviceInspectionAdmin(ReadOnlyAdmin):
    list_display = ("device", "inspected_on", "inspector", "result")


@admin.register(DeviceFinding)
class DeviceFindingAdmin(ReadOnlyAdmin):
    """Paths and levels only: the scanner never sends file contents."""

    list_display = ("device", "level", "status")
    fields = ("device", "unit", "level", "status", "resolved_at")
