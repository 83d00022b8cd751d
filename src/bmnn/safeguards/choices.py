"""Choices of incidents, staff and devices, with the Vietnamese labels users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentKind(models.TextChoices):
    APPOINTMENT = "APPOINTMENT", _("Commitment on being assigned")
    LEAVING = "LEAVING", _("Commitment on leaving state secret protection work, resigning or transferring")


class OffboardingStatus(models.TextChoices):
    OPEN = "OPEN", _("Procedure in progress")
    COMPLETED = "COMPLETED", _("Procedure completed")


class DeviceKind(models.TextChoices):
    COMPUTER = "COMPUTER", _("Computer")
    PRINTER = "PRINTER", _("Printer")
    COPIER = "COPIER", _("Photocopier")
    REMOVABLE = "REMOVABLE", _("Removable storage device (USB stick, external drive)")
    OTHER = "OTHER", _("Other device")


class Connection(models.TextChoices):
    INTERNET = "INTERNET", _("Connected to the Internet")
    LAN = "LAN", _("Isolated LAN")
    STANDALONE = "STANDALONE", _("Standalone, not connected to any network")


class DeviceOrigin(models.TextChoices):
    PURCHASED = "PURCHASED", _("Purchased")
    GIFT = "GIFT", _("Received as a gift")
    SPONSORED = "SPONSORED", _("Sponsored")


class DeviceStatus(models.TextChoices):
    IN_USE = "IN_USE", _("Device in use")
    DISPOSED = "DISPOSED", _("Disposed of, destroyed")


class InspectionResult(models.TextChoices):
    PASSED = "PASSED", _("Passed, secure")
    FAILED = "FAILED", _("Inspection failed")


class SanitisationMethod(models.TextChoices):
    WIPE = "WIPE", _("Data wiped with dedicated software")
    DESTROY = "DESTROY", _("Storage component destroyed")


class FindingStatus(models.TextChoices):
    OPEN = "OPEN", _("Finding not handled")
    RESOLVED = "RESOLVED", _("Finding handled")
