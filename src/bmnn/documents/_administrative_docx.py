"""DOCX layout of an administrative document (Decree 30/2020 Appendix I; DOCUMENT-LAYOUT §2–§8)."""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.shared import Mm

from . import _docx as d
from ._pdf import stamp_spec
from .model import AdminDocument, Heading, PageBreak, Paragraph, Signatures, Signer, Table
from .text import MOTTO, SUBMOTTO, URGENCY_STAMP, number_line, place_date, stamp_text

BODY = 14


def draw(doc: Any, data: AdminDocument, *, first: bool) -> None:
    """Append ``data`` to the python-docx ``doc``; a later document starts a new section (own numbering)."""
    if first:
        section = doc.sections[0]
        d.set_page(section, landscape=data.landscape)
    else:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        d.set_page(section, landscape=data.landscape)
        section.header.is_linked_to_previous = False
        d.restart_page_numbers(section)
    d.page_number_header(section)
    width = d.text_width_mm(section)
    _header(doc, data, width)
    _title(doc, data, width)
    for block in data.body:
        _block(doc, block, width)
    _signature(doc, data, width)
    d.para(doc, "", size=2)  # never end a section on a table: LibreOffice would drop its header (page number)


def _header(doc: Any, data: AdminDocument, width: float) -> None:
    if data.copy_number not in (None, ""):
        d.para(doc, f"Bản sao số: {data.copy_number}", size=13, bold=True, align="R", after=4)
    if data.circulation:
        d.stamp(doc, data.circulation.upper(), 55, double=False, align="C")
    left_w, right_w = (width * 0.41, width * 0.59) if not data.landscape else (95.0, width - 95.0)
    table = d.borderless_table(doc, [left_w, right_w])
    left, right = table.rows[0].cells
    if data.superior:
        d.para(left, data.superior.upper(), size=12.5)
    d.para(left, data.agency.upper(), size=12.5, bold=True)
    d.rule(left, left_w, min(left_w * 0.4, 30))
    if data.with_motto:
        d.para(right, MOTTO, size=12.5, bold=True)
        d.para(right, SUBMOTTO, size=13.5, bold=True)
        d.rule(right, right_w, 62)
    d.para(left, number_line(data.number) if data.number is not None else "", size=13, before=4)
    if data.with_motto:
        d.para(right, place_date(data.place, data.date), size=13, italic=True, before=4)
    if not data.kind and data.title:
        d.para(left, f"V/v {data.title}", size=12, before=6)
    if data.secrecy:  # ô 10a, red (Form 19 position, R43)
        text = stamp_text(data.secrecy)
        d.para(left, size=6)
        d.stamp(left, text, stamp_spec(text).width + 4)
    if data.urgency in URGENCY_STAMP:
        text = URGENCY_STAMP[data.urgency or ""]
        d.para(left, size=6)
        d.stamp(left, text, stamp_spec(text).width + 4, double=False)
    if not right.paragraphs:
        d.para(right, "")


def _title(doc: Any, data: AdminDocument, width: float) -> None:
    if data.kind:
        d.para(doc, data.kind.upper(), size=BODY, bold=True, before=12)
        if data.title:
            d.para(doc, data.title, size=BODY, bold=True)
        d.rule(doc, width, min(60.0, width / 3))
    if data.kinh_gui:
        p = d.para(doc, "", align="L", before=6)
        p.paragraph_format.left_indent = Mm(width * 0.22)
        d.add_run(p, "Kính gửi: ", size=BODY)
        if len(data.kinh_gui) == 1:
            d.add_run(p, data.kinh_gui[0], size=BODY)
        else:
            for i, name in enumerate(data.kinh_gui):
                end = "." if i == len(data.kinh_gui) - 1 else ";"
                q = d.para(doc, f"- {name.rstrip(';.')}{end}", size=BODY, align="L")
                q.paragraph_format.left_indent = Mm(width * 0.22 + 18)
    d.para(doc, "", size=8, after=6)


def _block(doc: Any, block: object, width: float) -> None:
    if isinstance(block, PageBreak):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    elif isinstance(block, Heading):
        d.para(
            doc,
            block.text,
            size=BODY,
            bold=True,
            align=block.align,
            after=6,
            first_indent_mm=10 if block.align != "C" else 0,
        )
    elif isinstance(block, Paragraph):
        d.para(
            doc,
            block.text,
            size=BODY,
            bold=block.bold,
            italic=block.italic,
            align=block.align,
            after=6,
            first_indent_mm=10 if block.indent else 0,
            line=1.15,
        )
    elif isinstance(block, Table):
        table(doc, block, width)
    elif isinstance(block, Signatures):
        signatures(doc, block.signers, width)


def table(doc: Any, block: Table, width: float) -> Any:
    """A bordered table with its header rows repeated on every page."""
    widths = block.widths or [1.0] * len(block.header)
    mm = [w * width / sum(widths) for w in widths]
    extra = 1 if block.numbered_header else 0
    tbl = doc.add_table(rows=1 + extra, cols=len(block.header))
    tbl.style = doc.styles["Table Grid"]
    for i, text in enumerate(block.header):
        d.set_cell_text(tbl.rows[0].cells[i], text, size=block.size, bold=True, align="C")
        if extra:
            d.set_cell_text(tbl.rows[1].cells[i], f"({i + 1})", size=block.size - 1, align="C")
    for row in tbl.rows:
        d.repeat_header(row)
    for values in block.rows:
        cells = tbl.add_row().cells
        for i, text in enumerate(values):
            red = i in block.red_columns
            d.set_cell_text(cells[i], text, size=block.size, bold=red, color=d.RED if red else None)
    d.table_widths(tbl, mm)
    d.para(doc, "", size=6)
    return tbl


def _signature(doc: Any, data: AdminDocument, width: float) -> None:
    if not (data.recipients or data.signer_title or data.signer_name):
        return
    left_w = width * 0.38
    tbl = d.borderless_table(doc, [left_w, width - left_w])
    left, right = tbl.rows[0].cells
    d.cant_split(tbl.rows[0])
    if data.recipients:
        d.para(left, "Nơi nhận:", size=12, bold=True, italic=True, align="L")
        for i, name in enumerate(data.recipients):
            end = "." if i == len(data.recipients) - 1 else ";"
            d.para(left, f"- {name.rstrip(';.')}{end}", size=11, align="L")
    if data.drafter_line:
        d.para(left, data.drafter_line, size=11, align="L")
    if not left.paragraphs:
        d.para(left, "")
    _signer(right, Signer(data.signer_title, data.signer_name, data.signer_authority), BODY)


def _signer(cell: Any, signer: Signer, size: float) -> None:
    if signer.authority:
        d.para(cell, signer.authority.upper(), size=size, bold=True)
    d.para(cell, signer.title.upper(), size=size, bold=True)
    d.para(cell, "(Ký, ghi rõ họ tên)" if not signer.name else "", size=12, italic=True)
    for _ in range(3):
        d.para(cell, "", size=size)
    d.para(cell, signer.name or " ", size=size, bold=True)


def signatures(doc: Any, signers: list[Signer], width: float) -> None:
    """Signature places two per row (e.g. every council member on a destruction record, R36)."""
    for i in range(0, len(signers), 2):
        tbl = d.borderless_table(doc, [width / 2, width / 2])
        d.cant_split(tbl.rows[0])
        pair = signers[i : i + 2]
        for cell, signer in zip(tbl.rows[0].cells, pair, strict=False):
            _signer(cell, signer, 13)
        if len(pair) == 1:
            d.para(tbl.rows[0].cells[1], "")
        d.para(doc, "", size=6)
