"""Kinds of register and the data each column can show."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterKind(models.TextChoices):
    OUTGOING = "OUTGOING", _("Outgoing state secrets register")
    INCOMING = "INCOMING", _("Incoming state secrets register")
    DELIVERY = "DELIVERY", _("State secrets handover register")
    COPY = "COPY", _("State secrets copying register")
    STATISTICS = "STATISTICS", _("State secrets statistics")


# In the download addresses. Here, not in downloads.py, so the filter form (imported at start-up) does not pull in
# the document writers: every `bmnn` command would pay their import (issue 17).
KIND_SLUG: dict[str, str] = {
    RegisterKind.OUTGOING: "so-di",
    RegisterKind.INCOMING: "so-den",
    RegisterKind.DELIVERY: "so-chuyen-giao",
    RegisterKind.COPY: "so-sao-chup",
    RegisterKind.STATISTICS: "thong-ke",
}


class Field(models.TextChoices):
    """What a column prints. A layout maps its own headings to these (R21)."""

    SEQ = "seq", _("Column: sequence number")
    REG_NUMBER = "reg_number", _("Column: register number (outgoing, incoming)")
    REG_DATE = "reg_date", _("Column: registration date, arrival date")
    DOC_NUMBER = "doc_number", _("Column: number and symbol")
    DOC_DATE = "doc_date", _("Column: document date, determination date")
    ISSUING_BODY = "issuing_body", _("Column: issuing agency")
    TYPE_ABSTRACT = "type_abstract", _("Column: document type and summary (summary empty for Top secret)")
    DOC_TYPE = "doc_type", _("Column: document type")
    ABSTRACT = "abstract", _("Column: summary (empty for Top secret)")
    LEVEL = "level", _("Column: classification level")
    LEVEL_LETTER = "level_letter", _("Column: classification level or letter A, B, C")
    SIGNER = "signer", _("Column: signer, person who decided the level")
    RECIPIENTS = "recipients", _("Column: recipients")
    RECIPIENTS_RECEIPT = "recipients_receipt", _("Column: recipients and receipt signature")
    ARCHIVE_UNIT = "archive_unit", _("Column: keeping unit, receiving unit")
    UNIT_RECEIPT = "unit_receipt", _("Column: unit and receipt signature")
    COPIES = "copies", _("Column: number of copies")
    SENT_DATE = "sent_date", _("Column: handover date")
    RECEIPT = "receipt", _("Column: receipt signature")
    ENVELOPE = "envelope", _("Column: envelope letter mark, envelope number")
    FROM_PERSON = "from_person", _("Column: person handing over")
    TO_RECIPIENT = "to_recipient", _("Column: receiving person or unit")
    COPY_FORM = "copy_form", _("Column: copying method")
    COPY_COUNT = "copy_count", _("Column: number of copies and copy numbers")
    COPY_RECIPIENTS = "copy_recipients", _("Column: copy recipients")
    APPROVER = "approver", _("Column: person who authorised the copying")
    OPERATOR = "operator", _("Column: person who made the copies")
    SPOILED = "spoiled", _("Column: spoilt or surplus copies destroyed")
    SOURCE = "source", _("Column: original document (type, number, date, issuing agency)")
    NOTE = "note", _("Column: notes")
    STAT_DATE = "stat_date", _("Column: date (statistics)")
    IN_TUYET_MAT = "in_TUYET_MAT", _("Column: incoming – Top secret")
    IN_TOI_MAT = "in_TOI_MAT", _("Column: incoming – Secret")
    IN_MAT = "in_MAT", _("Column: incoming – Confidential")
    IN_TOTAL = "in_total", _("Column: incoming – total")
    OUT_TUYET_MAT = "out_TUYET_MAT", _("Column: outgoing – Top secret")
    OUT_TOI_MAT = "out_TOI_MAT", _("Column: outgoing – Secret")
    OUT_MAT = "out_MAT", _("Column: outgoing – Confidential")
    OUT_TOTAL = "out_total", _("Column: outgoing – total")
    BLANK = "blank", _("Column: left empty (filled in by hand)")
