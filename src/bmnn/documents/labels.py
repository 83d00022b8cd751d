"""Printable labels: envelope labels (R22) and copy marks ("Bản sao số", "BẢN SAO BMNN", R16), PDF and DOCX.

Labels stack down A4 pages, each in its own frame, to be cut out and stuck on (or used as a stamp model).
Every secrecy and envelope mark prints in red (R43).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from . import _docx as d
from ._pdf import BLACK, RED, Pdf, StampSpec
from .text import nfc, stamp_text

__all__ = ["CopyMark", "EnvelopeLabel", "render_labels_docx", "render_labels_pdf"]

NAMED_ONLY = "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"


@dataclass
class EnvelopeLabel:
    """One envelope face. Inner TUYET_MAT envelope: ``secrecy`` set, ``letter`` empty; outer: ``letter`` "A"."""

    caption: str  # "Bì trong", "Bì ngoài", "Bì"
    sender: str
    recipient: str
    number: str = ""
    letter: str = ""
    secrecy: str = ""
    named_only: bool = False
    sender_address: str = ""
    seal_note: str = ""  # inner TUYET_MAT envelope: where the agency seals it (R22)


@dataclass
class CopyMark:
    """The marks of one copy: "Bản sao số n" (first page, top right) and the "BẢN SAO BMNN" block (last page)."""

    copy_number: int
    form: str
    made_at: str
    quantity: int
    recipients: str
    approver: str
    agency: str
    level: str = ""
    extra: list[str] = field(default_factory=list)


Label = EnvelopeLabel | CopyMark


def render_labels_pdf(labels: list[Label]) -> bytes:
    pdf = Pdf(margins=(15, 15, 20, 15))
    pdf.number_pages = False
    pdf.set_auto_page_break(False, 15)
    pdf.add_page()
    y = pdf.t_margin
    for label in labels:
        height = 80.0 if isinstance(label, EnvelopeLabel) else 95.0
        if y + height > pdf.h - 15:
            pdf.add_page()
            y = pdf.t_margin
        if isinstance(label, EnvelopeLabel):
            _envelope_pdf(pdf, label, y, height)
        else:
            _copy_pdf(pdf, label, y, height)
        y += height + 8
    return bytes(pdf.output())


def _caption(pdf: Pdf, x: float, y: float, text: str) -> None:
    pdf.font(9, "I")
    pdf.set_xy(x, y - 5)
    pdf.cell(80, 4, nfc(text))


def _frame(pdf: Pdf, x: float, y: float, w: float, h: float) -> None:
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.3)
    pdf.set_dash_pattern(dash=1.5, gap=1.5)
    pdf.rect(x, y, w, h)
    pdf.set_dash_pattern()


def _envelope_pdf(pdf: Pdf, label: EnvelopeLabel, y: float, height: float) -> None:
    x, w = pdf.l_margin, 170.0
    _caption(pdf, x, y + 4, f"{label.caption} – cắt theo đường viền")
    y += 4
    _frame(pdf, x, y, w, height - 4)
    ly = pdf.lines(x + 4, y + 4, 85, label.sender.upper(), 12, "B", align="L", line=5.5)
    if label.sender_address:
        ly = pdf.lines(x + 4, ly, 85, f"Địa chỉ: {label.sender_address}", 11, align="L", line=5)
    pdf.lines(x + 4, ly + 1, 85, f"Số/ký hiệu văn bản: {label.number or '..................'}", 12, align="L", line=5.5)
    if label.letter:  # Form 03: A = Tuyệt mật (outer), B = Tối mật, C = Mật (R22)
        pdf.stamp(x + w - 22, y + 5, label.letter, StampSpec(14, 14, borders=1, size=26))
    sy = y + 24
    if label.secrecy:
        sy = pdf.stamp(x + 4, sy, stamp_text(label.secrecy)) + 3
    if label.named_only:
        pdf.stamp(x + 4, sy, NAMED_ONLY, StampSpec(92, 8, borders=1, size=12))
    if label.seal_note:
        pdf.lines(x + 4, y + height - 12, 85, label.seal_note, 10, "I", align="L", line=4.5)
    pdf.lines(x + 92, y + height - 34, w - 96, "Kính gửi:", 13, "B", align="L", line=6)
    pdf.lines(x + 96, y + height - 27, w - 100, label.recipient, 14, align="L", line=6.5)


def _copy_pdf(pdf: Pdf, mark: CopyMark, y: float, height: float) -> None:
    x, w = pdf.l_margin, 170.0
    _caption(pdf, x, y + 4, f"Dấu bản sao số {mark.copy_number} – cắt theo đường viền")
    y += 4
    _frame(pdf, x, y, w, height - 4)
    pdf.lines(x + 4, y + 3, 80, "Trang đầu, góc trên bên phải:", 10, "I", align="L", line=4.5)
    pdf.stamp(x + 4, y + 9, f"Bản sao số: {mark.copy_number:02d}", StampSpec(46, 9, borders=1, size=13))
    if mark.level:
        pdf.stamp(x + 56, y + 9.5, stamp_text(mark.level))
    pdf.lines(x + 4, y + 22, 80, "Trang cuối:", 10, "I", align="L", line=4.5)
    bx, by, bw = x + 4, y + 27, w - 8
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.4)
    pdf.rect(bx, by, bw, height - 35)
    pdf.lines(bx, by + 2, bw, "BẢN SAO BÍ MẬT NHÀ NƯỚC", 13, "B", color=RED, line=6)
    rows = [
        ("Bản sao số", f"{mark.copy_number:02d}"),
        ("Hình thức sao", mark.form),
        ("Thời gian sao", mark.made_at),
        ("Số lượng", f"{mark.quantity} bản"),
        ("Nơi nhận", mark.recipients),
        ("Người cho phép sao", mark.approver),
        *[(e, "") for e in mark.extra],
    ]
    ty = by + 9
    for key, value in rows:
        text = f"{key}: {value}" if value else key
        ty = pdf.lines(bx + 4, ty, bw * 0.58, text, 11.5, align="L", line=5.2, color=RED)
    pdf.lines(bx + bw * 0.6, by + 10, bw * 0.4, mark.agency.upper(), 11, "B", color=RED, line=5)
    pdf.lines(bx + bw * 0.6, by + 22, bw * 0.4, "(Ký, ghi rõ họ tên, đóng dấu)", 10, "I", color=RED, line=5)
    pdf.lines(bx + bw * 0.6, by + 42, bw * 0.4, mark.approver, 11.5, "B", color=RED, line=5)
    pdf.set_draw_color(*BLACK)


def render_labels_docx(labels: list[Label]) -> bytes:
    doc = d.new_document(margins=(15, 15, 20, 15))
    for label in labels:
        if isinstance(label, EnvelopeLabel):
            _envelope_docx(doc, label)
        else:
            _copy_docx(doc, label)
        d.para(doc, "", size=10)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _envelope_docx(doc: object, label: EnvelopeLabel) -> None:
    d.para(doc, f"{label.caption} – cắt theo đường viền", size=9, italic=True, align="L")
    frame = d.borderless_table(doc, [85.0, 85.0])
    d.set_borders(frame, "dashed", size=6, inside=False)
    d.cant_split(frame.rows[0])
    left, right = frame.rows[0].cells
    d.para(left, "", size=6)  # clearance under the cut line
    d.para(left, label.sender.upper(), size=12, bold=True, align="L")
    if label.sender_address:
        d.para(left, f"Địa chỉ: {label.sender_address}", size=11, align="L")
    d.para(left, f"Số/ký hiệu văn bản: {label.number or '..................'}", size=12, align="L", after=6)
    if label.secrecy:
        d.stamp(left, stamp_text(label.secrecy), 44)
        d.para(left, "", size=6)
    if label.named_only:
        d.stamp(left, NAMED_ONLY, 84, double=False, size=11.5)
    if label.seal_note:
        d.para(left, label.seal_note, size=10, italic=True, align="L", before=6)
    d.para(right, "", size=6)
    if label.letter:
        d.stamp(right, label.letter, 16, double=False, size=26, align="C")
    d.para(right, "", size=14, after=30)
    d.para(right, "Kính gửi:", size=13, bold=True, align="L")
    d.para(right, label.recipient, size=14, align="L", after=12)


def _copy_docx(doc: object, mark: CopyMark) -> None:
    d.para(doc, f"Dấu bản sao số {mark.copy_number} – cắt theo đường viền", size=9, italic=True, align="L")
    d.para(doc, "Trang đầu, góc trên bên phải:", size=10, italic=True, align="L")
    d.stamp(doc, f"Bản sao số: {mark.copy_number:02d}", 50, double=False)
    if mark.level:
        d.para(doc, "", size=4)
        d.stamp(doc, stamp_text(mark.level), 44)
    d.para(doc, "Trang cuối:", size=10, italic=True, align="L", before=6)
    box = d.borderless_table(doc, [100.0, 70.0])
    d.set_borders(box, "single", color="C80000", size=8)
    d.cant_split(box.rows[0])
    left, right = box.rows[0].cells
    d.para(left, "BẢN SAO BÍ MẬT NHÀ NƯỚC", size=13, bold=True, color=d.RED)
    for key, value in (
        ("Bản sao số", f"{mark.copy_number:02d}"),
        ("Hình thức sao", mark.form),
        ("Thời gian sao", mark.made_at),
        ("Số lượng", f"{mark.quantity} bản"),
        ("Nơi nhận", mark.recipients),
        ("Người cho phép sao", mark.approver),
    ):
        d.para(left, f"{key}: {value}", size=11.5, align="L", color=d.RED)
    d.para(right, mark.agency.upper(), size=11, bold=True, color=d.RED)
    d.para(right, "(Ký, ghi rõ họ tên, đóng dấu)", size=10, italic=True, color=d.RED, after=40)
    d.para(right, mark.approver, size=11.5, bold=True, color=d.RED)
