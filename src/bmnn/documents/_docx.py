"""python-docx plumbing shared by the DOCX renderers: A4 sections, Times New Roman, borders, red stamps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .text import nfc

FONT = "Times New Roman"
RED = RGBColor(0xC8, 0x00, 0x00)
ALIGN = {
    "L": WD_ALIGN_PARAGRAPH.LEFT,
    "C": WD_ALIGN_PARAGRAPH.CENTER,
    "R": WD_ALIGN_PARAGRAPH.RIGHT,
    "J": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def new_document(*, landscape: bool = False, margins: Sequence[float] = (20, 20, 30, 15)) -> Any:
    """Return an empty A4 document in Times New Roman 14 pt with Decree 30 margins."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    set_page(doc.sections[0], landscape=landscape, margins=margins)
    return doc


def set_page(section: Any, *, landscape: bool, margins: Sequence[float] = (20, 20, 30, 15)) -> None:
    top, bottom, left, right = margins
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(8)
    section.footer_distance = Mm(8)


def text_width_mm(section: Any) -> float:
    return float((section.page_width - section.left_margin - section.right_margin) / 36000)


def para(
    container: Any,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: str = "C",
    color: RGBColor | None = None,
    after: float = 0,
    before: float = 0,
    first_indent_mm: float = 0,
    line: float | None = None,
) -> Any:
    """Add one paragraph with a single run to a document, cell or header."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    p.alignment = ALIGN[align]
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if first_indent_mm:
        fmt.first_line_indent = Mm(first_indent_mm)
    if line:
        fmt.line_spacing = line
    if text:
        add_run(p, text, size=size, bold=bold, italic=italic, color=color)
    return p


def add_run(
    p: Any, text: str, *, size: float = 14, bold: bool = False, italic: bool = False, color: RGBColor | None = None
) -> Any:
    run = p.add_run(nfc(text))
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    if color is not None:
        run.font.color.rgb = color
    return run


def rule(container: Any, column_mm: float, length_mm: float) -> Any:
    """A centred horizontal rule ``length_mm`` long: an empty paragraph with a bottom border and indents."""
    p = container.add_paragraph()
    side = max(0.0, (column_mm - length_mm) / 2)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    return p


def borderless_table(container: Any, widths_mm: Sequence[float]) -> Any:
    table = container.add_table(rows=1, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_widths(table, widths_mm)
    for cell in table.rows[0].cells:
        _clear_first_paragraph(cell)
    set_borders(table, None)
    return table


def _clear_first_paragraph(cell: Any) -> None:
    """A new cell holds one empty paragraph; remove it so content starts at the top."""
    first = cell.paragraphs[0]
    first._p.getparent().remove(first._p)


def set_borders(
    table: Any, kind: str | None, *, color: str = "000000", size: int = 4, space: int = 0, inside: bool = True
) -> None:
    """Set all borders of ``table`` to ``kind`` ("single", "double") or none."""
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        edge_kind = kind if (inside or not edge.startswith("inside")) else None
        el.set(qn("w:val"), edge_kind or "nil")
        if edge_kind:
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:space"), str(space))
            el.set(qn("w:color"), color)
        borders.append(el)
    tblpr.append(borders)


def stamp(
    container: Any, text: str, width_mm: float, *, double: bool = True, size: float = 13, align: str = "L"
) -> Any:
    """A red stamp box: a one-cell table with a double (or single) red border and bold red text (R43)."""
    table = container.add_table(rows=1, cols=1)
    table.autofit = False
    table.alignment = {"L": WD_TABLE_ALIGNMENT.LEFT, "C": WD_TABLE_ALIGNMENT.CENTER}[align]
    table_widths(table, [width_mm])
    cell = table.rows[0].cells[0]
    set_borders(table, "double" if double else "single", color="C80000", size=6)
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(p, text, size=size, bold=True, color=RED)
    return table


def restart_page_numbers(section: Any) -> None:
    """Number the pages of ``section`` from 1."""
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    section._sectPr.append(pg)


def repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def cant_split(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def page_number_header(section: Any, *, skip_first: bool = True) -> None:
    """Centre the page number in the top margin; the first page shows none (Decree 30, §1)."""
    section.different_first_page_header_footer = skip_first
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.name, run.font.size = FONT, Pt(13)
    for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if attr:
            el.set(qn("w:fldCharType"), attr)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = "PAGE"
        run._r.append(el)


def set_cell_text(
    cell: Any, text: str, *, size: float = 12, bold: bool = False, align: str = "L", color: RGBColor | None = None
) -> None:
    p = cell.paragraphs[0]
    p.alignment = ALIGN[align]
    add_run(p, text, size=size, bold=bold, color=color)


def table_widths(table: Any, widths_mm: Sequence[float]) -> None:
    """Fix column widths (Word reads w:tcW of each cell; LibreOffice reads the grid)."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblW")):
        tblpr.remove(old)
    tblw = OxmlElement("w:tblW")
    tblw.set(qn("w:w"), str(int(sum(widths_mm) * 56.69)))
    tblw.set(qn("w:type"), "dxa")
    tblpr.append(tblw)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(width * 56.69)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
