"""Kinds of organisation, positions and operations: shared by the org tree and the legal tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    PROVINCE = "PROVINCE", _("Tỉnh/thành phố")
    POLICE = "POLICE", _("Công an tỉnh")
    DEPARTMENT = "DEPARTMENT", _("Sở, ban, ngành")
    DIVISION = "DIVISION", _("Phòng, ban chuyên môn")
    DISTRICT_OFFICE = "DISTRICT_OFFICE", _("Phòng chuyên môn cấp huyện")
    COMMUNE = "COMMUNE", _("Ủy ban nhân dân cấp xã")
    SCHOOL = "SCHOOL", _("Trường học")
    OTHER = "OTHER", _("Đơn vị khác")


class Position(models.TextChoices):
    HEAD = "HEAD", _("Người đứng đầu")
    DEPUTY_HEAD = "DEPUTY_HEAD", _("Cấp phó")
    DIVISION_HEAD = "DIVISION_HEAD", _("Trưởng phòng")
    CLERK = "CLERK", _("Văn thư")
    STAFF = "STAFF", _("Chuyên viên")


class Operation(models.TextChoices):
    """Operations that need a competent person's decision (authority table, delegations R13)."""

    CLASSIFY = "CLASSIFY", _("Xác định độ mật, ký ban hành")
    COPY = "COPY", _("Cho phép sao, chụp")
    TAKEOUT = "TAKEOUT", _("Cho phép mang ra khỏi nơi lưu giữ (trong nước)")
    TAKEOUT_ABROAD = "TAKEOUT_ABROAD", _("Cho phép mang ra nước ngoài")
    PROVIDE = "PROVIDE", _("Cung cấp, chuyển giao cho cơ quan, tổ chức, cá nhân Việt Nam")
    PROVIDE_FOREIGN = "PROVIDE_FOREIGN", _("Cung cấp, chuyển giao cho nước ngoài")
    EXTEND = "EXTEND", _("Gia hạn thời hạn bảo vệ")
    REGRADE = "REGRADE", _("Điều chỉnh độ mật")
    DECLASSIFY = "DECLASSIFY", _("Giải mật")
    DESTROY = "DESTROY", _("Tiêu hủy")
