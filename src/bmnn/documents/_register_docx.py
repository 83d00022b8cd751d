"""DOCX of a register book: a cover section, then one table whose rows are written as raw WordprocessingML.

python-docx adds a row in about a millisecond per cell, and even one parsed table of 10,000 rows holds
hundreds of megabytes of XML elements; so python-docx writes the document around a placeholder paragraph,
and the entry table is streamed into the file's ``word/document.xml`` in its place, row by row (issue 17).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import BinaryIO
from xml.sax.saxutils import escape

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm

from . import _docx as d
from .book import RegisterBook, cover_details, footer_line, header_line
from .text import nfc

TWIPS_PER_MM = 56.69


def render(book: RegisterBook, out: BinaryIO) -> None:
    doc = d.new_document(landscape=book.landscape, margins=(15, 15, 20, 15))
    cover = book.cover
    if cover.legal_basis:
        d.para(doc, cover.legal_basis, size=10, italic=True, align="R")
    width = d.text_width_mm(doc.sections[0])
    frame = d.borderless_table(doc, [150.0])
    d.set_borders(frame, "double", size=8)
    cell = frame.rows[0].cells[0]
    d.para(cell, "", size=10)
    if cover.superior:
        d.para(cell, cover.superior.upper(), size=13)
    d.para(cell, cover.agency.upper(), size=13, bold=True)
    d.rule(cell, 150, 30)
    if cover.secrecy:
        d.stamp(cell, cover.secrecy, 44, align="C")
    d.para(cell, cover.title.upper(), size=20, bold=True, before=30, after=24)
    for line in cover_details(cover):
        d.para(cell, line, size=14, bold=line.startswith("Quyển số"), italic=not line.startswith("Quyển số"), after=6)
    d.para(cell, "", size=20)
    for note in cover.notes:
        d.para(doc, note, size=9.5, italic=True, align="L")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    d.set_page(section, landscape=book.landscape, margins=(15, 15, 20, 15))
    section.footer.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    d.restart_page_numbers(section)  # the entry pages are numbered from 1; the cover is not numbered
    d.para(section.header, header_line(book), size=10, italic=True)
    _footer(section, footer_line(book))
    total = sum(c.width for c in book.columns) or 1.0
    widths = [width * c.width / total for c in book.columns]
    doc.element.body.insert(len(doc.element.body) - 1, parse_xml(f"<w:p {nsdecls('w')}>{PLACEHOLDER}</w:p>"))
    # A section must not end on a table: LibreOffice then drops the section's footer (page numbers).
    d.para(doc, "", size=2)
    shell = io.BytesIO()
    doc.save(shell)
    _with_table(shell, out, _table_xml(book, widths))


PLACEHOLDER = "<w:r><w:t>bmnn-register-table</w:t></w:r>"
DOCUMENT = "word/document.xml"


def _with_table(shell: BinaryIO, out: BinaryIO, table: Iterator[str]) -> None:
    """Copy the document ``shell`` to ``out``, its placeholder paragraph replaced by the streamed table."""
    with zipfile.ZipFile(shell) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != DOCUMENT:
                target.writestr(item, data)
                continue
            text = data.decode("utf-8")
            marker = text.index(PLACEHOLDER)
            start, end = text.rindex("<w:p", 0, marker), text.index("</w:p>", marker) + len("</w:p>")
            info = zipfile.ZipInfo(item.filename, item.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(info, "w") as stream:
                stream.write(text[:start].encode())
                chunk: list[str] = []
                for part in table:
                    chunk.append(part)
                    if len(chunk) >= 500:
                        stream.write("".join(chunk).encode())
                        chunk.clear()
                stream.write(("".join(chunk) + text[end:]).encode())


def _footer(section: object, text: str) -> None:
    """ "<title> năm <year> – In ngày …" on the left, "Trang x" on the right."""
    p = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    tabs = p.paragraph_format.tab_stops
    for inherited in (Mm(82.55), Mm(165.1)):  # the Footer style's centre and right stops (3.25", 6.5")
        tabs.add_tab_stop(inherited, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Mm(d.text_width_mm(section)), WD_TAB_ALIGNMENT.RIGHT)
    d.add_run(p, f"{text}\tTrang ", size=10)
    p._p.append(parse_xml(_field("PAGE")))  # no "/total": LibreOffice does not compute SECTIONPAGES


def _field(instr: str) -> str:
    return (
        f'<w:fldSimple {nsdecls("w")} w:instr="{instr}"><w:r><w:rPr><w:rFonts w:ascii="{d.FONT}" '
        f'w:hAnsi="{d.FONT}"/><w:sz w:val="20"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
    )


def _run(text: str, size: float, bold: bool, red: bool) -> str:
    props = f'<w:rFonts w:ascii="{d.FONT}" w:hAnsi="{d.FONT}" w:cs="{d.FONT}"/>'
    props += "<w:b/>" if bold else ""
    props += '<w:color w:val="C80000"/>' if red else ""
    props += f'<w:sz w:val="{int(size * 2)}"/>'
    parts = nfc(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in parts)
    return f"<w:r><w:rPr>{props}</w:rPr>{body}</w:r>"


def _cell(
    text: str,
    width: float,
    size: float,
    *,
    bold: bool = False,
    red: bool = False,
    centre: bool = False,
    middle: bool = True,
) -> str:
    jc = '<w:jc w:val="center"/>' if centre else ""
    valign = '<w:vAlign w:val="center"/>' if centre and middle else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{int(width * TWIPS_PER_MM)}" w:type="dxa"/>{valign}</w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{jc}</w:pPr>'
        f"{_run(text, size, bold or red, red) if text else ''}</w:p></w:tc>"
    )


def _table_xml(book: RegisterBook, widths: list[float]) -> Iterator[str]:
    size = book.size
    border = "".join(
        f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{int(w * TWIPS_PER_MM)}"/>' for w in widths)
    head_rows = [[c.heading for c in book.columns]]
    if book.numbered_header:
        head_rows.append([f"({i})" for i in range(1, len(book.columns) + 1)])
    yield (
        f'<w:tbl><w:tblPr><w:tblW w:w="{int(sum(widths) * TWIPS_PER_MM)}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/><w:tblBorders>{border}</w:tblBorders>'
        f'<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    )
    for i, row in enumerate(head_rows):
        cells = "".join(
            _cell(t, w, size if i == 0 else size - 1, bold=i == 0, centre=True)
            for t, w in zip(row, widths, strict=False)
        )
        yield (f"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{cells}</w:tr>")
    looks = [(c.red, c.centre) for c in book.columns]
    last = len(book.rows) - 1 if book.total_row else -1
    for index, row in enumerate(book.rows):
        total = index == last  # the total row: bold, black
        cells = "".join(
            _cell(t, w, size, red=red and not total, bold=total, centre=centre, middle=False)
            for t, w, (red, centre) in zip(row, widths, looks, strict=False)
        )
        yield f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>"
    yield "</w:tbl>"
