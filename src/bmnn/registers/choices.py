"""Kinds of register and the data each column can show."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterKind(models.TextChoices):
    OUTGOING = "OUTGOING", _("Sổ đăng ký BMNN đi")
    INCOMING = "INCOMING", _("Sổ đăng ký BMNN đến")
    DELIVERY = "DELIVERY", _("Sổ chuyển giao BMNN")
    COPY = "COPY", _("Sổ quản lý sao, chụp BMNN")
    STATISTICS = "STATISTICS", _("Thống kê BMNN")


class Field(models.TextChoices):
    """What a column prints. A layout maps its own headings to these (R21)."""

    SEQ = "seq", _("Số thứ tự")
    REG_NUMBER = "reg_number", _("Số đăng ký (số đi, số đến)")
    REG_DATE = "reg_date", _("Ngày đăng ký, ngày đến")
    DOC_NUMBER = "doc_number", _("Số, ký hiệu")
    DOC_DATE = "doc_date", _("Ngày tháng văn bản, ngày xác định")
    ISSUING_BODY = "issuing_body", _("Cơ quan ban hành")
    TYPE_ABSTRACT = "type_abstract", _("Tên loại và trích yếu (trống trích yếu với Tuyệt mật)")
    DOC_TYPE = "doc_type", _("Tên loại")
    ABSTRACT = "abstract", _("Trích yếu (trống với Tuyệt mật)")
    LEVEL = "level", _("Độ mật")
    LEVEL_LETTER = "level_letter", _("Độ mật hoặc chữ A, B, C")
    SIGNER = "signer", _("Người ký, người quyết định độ mật")
    RECIPIENTS = "recipients", _("Nơi nhận")
    RECIPIENTS_RECEIPT = "recipients_receipt", _("Nơi nhận và ký nhận")
    ARCHIVE_UNIT = "archive_unit", _("Đơn vị lưu, đơn vị nhận")
    UNIT_RECEIPT = "unit_receipt", _("Đơn vị và ký nhận")
    COPIES = "copies", _("Số lượng bản")
    SENT_DATE = "sent_date", _("Ngày chuyển")
    RECEIPT = "receipt", _("Ký nhận")
    ENVELOPE = "envelope", _("Dấu chữ trên bì, số bì")
    FROM_PERSON = "from_person", _("Người giao")
    TO_RECIPIENT = "to_recipient", _("Người, đơn vị nhận")
    COPY_FORM = "copy_form", _("Hình thức sao, chụp")
    COPY_COUNT = "copy_count", _("Số bản sao và số thứ tự bản sao")
    COPY_RECIPIENTS = "copy_recipients", _("Nơi nhận bản sao")
    APPROVER = "approver", _("Người cho phép sao, chụp")
    OPERATOR = "operator", _("Người sao, chụp")
    SPOILED = "spoiled", _("Bản hỏng, thừa đã hủy")
    SOURCE = "source", _("Tài liệu gốc (loại, số, ngày, cơ quan ban hành)")
    NOTE = "note", _("Ghi chú")
    STAT_DATE = "stat_date", _("Ngày (thống kê)")
    IN_TUYET_MAT = "in_TUYET_MAT", _("Đến – Tuyệt mật")
    IN_TOI_MAT = "in_TOI_MAT", _("Đến – Tối mật")
    IN_MAT = "in_MAT", _("Đến – Mật")
    IN_TOTAL = "in_total", _("Đến – Cộng")
    OUT_TUYET_MAT = "out_TUYET_MAT", _("Đi – Tuyệt mật")
    OUT_TOI_MAT = "out_TOI_MAT", _("Đi – Tối mật")
    OUT_MAT = "out_MAT", _("Đi – Mật")
    OUT_TOTAL = "out_total", _("Đi – Cộng")
    BLANK = "blank", _("Để trống (ghi tay)")
