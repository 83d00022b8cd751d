"""PDF layout of an administrative document (Decree 30/2020 Appendix I; DOCUMENT-LAYOUT §2–§8)."""

from __future__ import annotations

from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from ._pdf import BLACK, RED, Pdf
from .model import AdminDocument, Heading, PageBreak, Paragraph, Signatures, Signer, Table
from .text import MOTTO, SUBMOTTO, URGENCY_STAMP, nfc, number_line, place_date, stamp_text

LEFT_SHARE = 0.41  # header table: left ≈ 41 % (ô 2, 3, 5b, 10a), right ≈ 59 % (ô 1, 4) (§3.3)
BODY = 14


def draw(pdf: Pdf, doc: AdminDocument) -> None:
    """Draw ``doc`` from a fresh page of ``pdf``."""
    pdf.start_document(landscape=doc.landscape)
    y = _header(pdf, doc)
    y = _title(pdf, doc, y)
    pdf.set_y(y)
    for block in doc.body:
        _block(pdf, block)
    _signature(pdf, doc)


def _header(pdf: Pdf, doc: AdminDocument) -> float:
    x0, top, width = pdf.l_margin, pdf.t_margin, pdf.epw
    left_w = width * LEFT_SHARE if not doc.landscape else 95.0
    right_w = width - left_w if not doc.landscape else 110.0
    right_x = x0 + width - right_w
    if doc.copy_number not in (None, ""):
        pdf.set_xy(x0, top - 9)
        pdf.font(13, "B")
        pdf.cell(width, 6, f"Bản sao số: {doc.copy_number}", align="R")
    if doc.circulation:
        pdf.stamp(right_x + (right_w - 50) / 2, top - 12, doc.circulation.upper(), color=RED)
    # ô 2: parent body, then the issuing body with a short rule below.
    yl = top
    if doc.superior:
        yl = pdf.lines(x0, yl, left_w, doc.superior.upper(), 12.5)
    yl = pdf.lines(x0, yl, left_w, doc.agency.upper(), 12.5, "B")
    longest = max(pdf.text_width(part, 12.5, "B") for part in pdf.wrap(left_w, doc.agency.upper(), 12.5, "B"))
    pdf.rule(x0 + left_w / 2, yl + 0.8, max(18.0, longest * 0.4))
    yl += 2.5
    # ô 1: national motto with a rule as long as the motto line.
    yr = top
    if doc.with_motto:
        yr = pdf.lines(right_x, yr, right_w, MOTTO, 12.5, "B")
        yr = pdf.lines(right_x, yr, right_w, SUBMOTTO, 13.5, "B")
        pdf.rule(right_x + right_w / 2, yr + 0.6, pdf.text_width(SUBMOTTO, 13.5, "B"))
        yr += 2.5
    y = max(yl, yr) + 2
    # ô 3 and ô 4 on the same line.
    y3 = pdf.lines(x0, y, left_w, number_line(doc.number), 13) if doc.number is not None else y
    y4 = pdf.lines(right_x, y, right_w, place_date(doc.place, doc.date), 13, "I") if doc.with_motto else y
    y = max(y3, y4)
    if not doc.kind and doc.title:  # ô 5b: the subject of a công văn
        y = pdf.lines(x0 + 4, y + 2, left_w - 8, f"V/v {doc.title}", 12)
    # ô 10a (secrecy, red, Form 19 position) and ô 10b (urgency) under the number.
    if doc.secrecy:
        y = pdf.stamp(x0 + 2, y + 3, stamp_text(doc.secrecy))
    if doc.urgency and doc.urgency in URGENCY_STAMP:
        y = pdf.stamp(x0 + 2, y + 2, URGENCY_STAMP[doc.urgency])
    return y + 4


def _title(pdf: Pdf, doc: AdminDocument, y: float) -> float:
    x0, width = pdf.l_margin, pdf.epw
    if doc.kind:
        y = pdf.lines(x0, y + 2, width, doc.kind.upper(), BODY, "B", line=6.5)
        if doc.title:
            y = pdf.lines(x0 + 10, y, width - 20, doc.title, BODY, "B", line=6.5)
        pdf.rule(x0 + width / 2, y + 1, min(60.0, width / 3))
        y += 5
    if doc.kinh_gui:
        y = _kinh_gui(pdf, doc.kinh_gui, y + 2)
    return y + 2


def _kinh_gui(pdf: Pdf, names: list[str], y: float) -> float:
    """ô 9a: one recipient on the label's line; several, one per line, dashes under the colon."""
    x = pdf.l_margin + pdf.epw * 0.2
    label_w = pdf.text_width("Kính gửi:", BODY)
    pdf.lines(x, y, label_w + 2, "Kính gửi:", BODY, align="L", line=6.5)
    if len(names) == 1:
        return pdf.lines(x + label_w + 2, y, pdf.epw * 0.78 - label_w, names[0], BODY, align="L", line=6.5)
    y += 6.5
    for i, name in enumerate(names):
        end = "." if i == len(names) - 1 else ";"
        y = pdf.lines(
            x + label_w - 2, y, pdf.epw * 0.78 - label_w, f"- {nfc(name).rstrip(';.')}{end}", BODY, align="L", line=6.5
        )
    return y


def _block(pdf: Pdf, block: object) -> None:
    if isinstance(block, PageBreak):
        pdf.new_page()
    elif isinstance(block, Heading):
        pdf.set_x(pdf.l_margin)
        pdf.font(BODY, "B")
        indent = "" if block.align == "C" else "      "
        pdf.multi_cell(pdf.epw, 6.5, indent + nfc(block.text), align=block.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    elif isinstance(block, Paragraph):
        _paragraph(pdf, block)
    elif isinstance(block, Table):
        table(pdf, block)
    elif isinstance(block, Signatures):
        signatures(pdf, block.signers)


def _paragraph(pdf: Pdf, block: Paragraph) -> None:
    style = ("B" if block.bold else "") + ("I" if block.italic else "")
    pdf.font(BODY, style)
    with (
        pdf.text_columns(text_align=block.align, line_height=1.15) as cols,
        cols.paragraph(first_line_indent=10 if block.indent else 0, bottom_margin=2) as par,
    ):
        par.write(nfc(block.text))
    pdf.font(13)


def table(pdf: Pdf, block: Table) -> None:
    """Draw a bordered table; its header rows repeat on every page."""
    widths = block.widths or [1.0] * len(block.header)
    scale = pdf.epw / sum(widths)
    header_rows = [block.header] + (
        [[f"({i})" for i in range(1, len(block.header) + 1)]] if block.numbered_header else []
    )
    pdf.font(block.size)
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.2)
    red = FontFace(color=RED, emphasis="BOLD")
    with pdf.table(
        col_widths=[w * scale for w in widths],
        text_align="LEFT",
        line_height=block.size * 0.45,
        num_heading_rows=len(header_rows),
        repeat_headings=1,
        padding=(0.8, 1.0),
        headings_style=FontFace(emphasis="BOLD"),
        v_align="TOP",
    ) as tbl:
        for row in header_rows:
            cells = tbl.row()
            for text in row:
                cells.cell(nfc(text), align="C", v_align="M")
        for values in block.rows:
            cells = tbl.row()
            for i, text in enumerate(values):
                cells.cell(nfc(text), style=red if i in block.red_columns else None)
    pdf.ln(3)


def _signature(pdf: Pdf, doc: AdminDocument) -> None:
    if not (doc.recipients or doc.signer_title or doc.signer_name):
        return
    pdf.ensure_space(52)
    x0, y = pdf.l_margin, pdf.get_y() + 4
    left_w = pdf.epw * 0.38
    yl = y
    if doc.recipients:
        yl = pdf.lines(x0, yl, left_w, "Nơi nhận:", 12, "BI", align="L", line=5.5)
        for i, name in enumerate(doc.recipients):
            end = "." if i == len(doc.recipients) - 1 else ";"
            yl = pdf.lines(x0, yl, left_w, f"- {nfc(name).rstrip(';.')}{end}", 11, align="L", line=5)
    if doc.drafter_line:
        yl = pdf.lines(x0, yl, left_w, doc.drafter_line, 11, align="L", line=5)
    yr = _signer_box(
        pdf, x0 + left_w, y, pdf.epw - left_w, Signer(doc.signer_title, doc.signer_name, doc.signer_authority)
    )
    pdf.set_y(max(yl, yr) + 2)


def _signer_box(pdf: Pdf, x: float, y: float, w: float, signer: Signer, size: float = BODY) -> float:
    if signer.authority:
        y = pdf.lines(x, y, w, signer.authority.upper(), size, "B", line=6)
    y = pdf.lines(x, y, w, signer.title.upper(), size, "B", line=6)
    y = pdf.lines(x, y, w, "(Ký, ghi rõ họ tên)" if not signer.name else "", 12, "I", line=5)
    y += 20
    return pdf.lines(x, y, w, signer.name, size, "B", line=6)


def signatures(pdf: Pdf, signers: list[Signer]) -> None:
    """Signature places two per row (e.g. every council member on a destruction record, R36)."""
    half = pdf.epw / 2
    for i in range(0, len(signers), 2):
        pdf.ensure_space(42)
        y = pdf.get_y() + 3
        bottoms = [_signer_box(pdf, pdf.l_margin + j * half, y, half, s, 13) for j, s in enumerate(signers[i : i + 2])]
        pdf.set_y(max(bottoms) + 2)
