"""Choices of incidents, staff and devices, with the Vietnamese labels users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentKind(models.TextChoices):
    APPOINTMENT = "APPOINTMENT", _("Cam kết khi được phân công")
    LEAVING = "LEAVING", _("Cam kết khi thôi làm công tác BMNN, nghỉ việc, chuyển công tác")


class OffboardingStatus(models.TextChoices):
    OPEN = "OPEN", _("Đang thực hiện")
    COMPLETED = "COMPLETED", _("Đã hoàn thành")


class DeviceKind(models.TextChoices):
    COMPUTER = "COMPUTER", _("Máy tính")
    PRINTER = "PRINTER", _("Máy in")
    COPIER = "COPIER", _("Máy photocopy")
    REMOVABLE = "REMOVABLE", _("Thiết bị lưu trữ di động (USB, ổ cứng rời)")
    OTHER = "OTHER", _("Thiết bị khác")


class Connection(models.TextChoices):
    INTERNET = "INTERNET", _("Có kết nối Internet")
    LAN = "LAN", _("Mạng LAN độc lập")
    STANDALONE = "STANDALONE", _("Độc lập, không kết nối mạng")


class DeviceOrigin(models.TextChoices):
    PURCHASED = "PURCHASED", _("Mua sắm")
    GIFT = "GIFT", _("Được tặng, cho")
    SPONSORED = "SPONSORED", _("Được tài trợ")


class DeviceStatus(models.TextChoices):
    IN_USE = "IN_USE", _("Đang sử dụng")
    DISPOSED = "DISPOSED", _("Đã thanh lý, tiêu hủy")


class InspectionResult(models.TextChoices):
    PASSED = "PASSED", _("Đạt, bảo đảm an ninh")
    FAILED = "FAILED", _("Không đạt")


class SanitisationMethod(models.TextChoices):
    WIPE = "WIPE", _("Xóa sạch dữ liệu bằng phần mềm chuyên dụng")
    DESTROY = "DESTROY", _("Tiêu hủy bộ phận lưu trữ")


class FindingStatus(models.TextChoices):
    OPEN = "OPEN", _("Chưa xử lý")
    RESOLVED = "RESOLVED", _("Đã xử lý")
