"""Choices of the registry, with the Vietnamese labels users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CarrierKind(models.TextChoices):
    DOCUMENT = "DOCUMENT", _("Tài liệu")
    OBJECT = "OBJECT", _("Vật")
    PLACE = "PLACE", _("Địa điểm")
    ACTIVITY = "ACTIVITY", _("Hoạt động")
    SPEECH = "SPEECH", _("Lời nói")


class Medium(models.TextChoices):
    PAPER = "PAPER", _("Giấy")
    ELECTRONIC = "ELECTRONIC", _("Điện tử")
    OTHER = "OTHER", _("Khác")


class Direction(models.TextChoices):
    OUTGOING = "OUTGOING", _("Đi")
    INCOMING = "INCOMING", _("Đến")


class Status(models.TextChoices):
    HELD = "HELD", _("Tạm giữ khi nhận (sai lệch)")
    IN_STORAGE = "IN_STORAGE", _("Đang lưu giữ")
    IN_TRANSIT = "IN_TRANSIT", _("Đang giao, chờ ký nhận")
    OUT_OF_STORAGE = "OUT_OF_STORAGE", _("Đang mang ra khỏi nơi lưu giữ")
    PROVIDED = "PROVIDED", _("Đã chuyển giao cho bên ngoài")
    DECLASSIFIED = "DECLASSIFIED", _("Đã giải mật")
    DESTROYED = "DESTROYED", _("Đã tiêu hủy")


class Urgency(models.TextChoices):
    NORMAL = "NORMAL", _("Thường")
    KHAN = "KHAN", _("Khẩn")
    THUONG_KHAN = "THUONG_KHAN", _("Thượng khẩn")
    HOA_TOC = "HOA_TOC", _("Hỏa tốc")


class SeriesKind(models.TextChoices):
    OUTGOING = "OUTGOING", _("Sổ đăng ký BMNN đi")
    INCOMING = "INCOMING", _("Sổ đăng ký BMNN đến")
    DELIVERY = "DELIVERY", _("Sổ chuyển giao BMNN")
    COPY = "COPY", _("Sổ quản lý sao, chụp BMNN")


class HandoverStatus(models.TextChoices):
    PENDING = "PENDING", _("Chờ ký nhận")
    CONFIRMED = "CONFIRMED", _("Đã ký nhận")


class IncidentKind(models.TextChoices):
    RECEIPT_MISMATCH = "RECEIPT_MISMATCH", _("Sai lệch số lượng, bao bì khi nhận")
    DISCLOSURE = "DISCLOSURE", _("Lộ BMNN")
    LOSS = "LOSS", _("Mất BMNN")
    DISCLOSURE_AND_LOSS = "DISCLOSURE_AND_LOSS", _("Lộ và mất BMNN")


class CopyForm(models.TextChoices):
    TRUE_COPY = "TRUE_COPY", _("Sao y")
    REISSUE = "REISSUE", _("Sao lục")
    EXTRACT = "EXTRACT", _("Trích sao")
    PHOTO = "PHOTO", _("Chụp")
    DIGITISE = "DIGITISE", _("Số hóa")
