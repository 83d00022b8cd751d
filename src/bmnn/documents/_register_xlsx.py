"""XLSX of a register book: a cover sheet and an entries sheet set up to print on A4 (R20, R21).

The workbook is written in openpyxl's write-only mode (a 10,000-entry register in seconds). Row heights are
set explicitly from the wrapped line count of each row: LibreOffice does not grow rows of wrapped text
written this way, so without them long cells would overlap the next row when printed.
"""

from __future__ import annotations

from typing import BinaryIO

from .book import RegisterBook, cover_details, footer_line, header_line
from .text import nfc

# A cell beginning with one of these could be taken for a formula (or DDE) by a spreadsheet program.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WIDTH_UNITS = 118.0  # total width of the entry columns, in column-width units: LibreOffice prints it ~1:1 on A4
POINTS_PER_LINE = 14.0  # Times New Roman 11 pt with leading
FONT = "Times New Roman"


def _lines(text: str, chars: float) -> int:
    """How many lines ``text`` wraps into, word by word, in a column of about ``chars`` characters a line."""
    if len(text) <= chars and "\n" not in text:
        return 1  # most cells: short values
    count = 0
    for part in text.split("\n"):
        count, used = count + 1, 0
        for word in part.split():
            if used and used + 1 + len(word) > chars:
                count, used = count + 1, 0
            used += (1 if used else 0) + len(word)
            while used > chars:  # a word longer than the column breaks
                count, used = count + 1, used - int(chars)
    return max(count, 1)


def as_text(cell: object) -> object:
    """Keep a cell a plain text: openpyxl would store a value beginning with "=" as a live formula, and a
    spreadsheet re-reads an edited "+", "-" or "@" cell as one. The quote prefix keeps it text when edited."""
    value = getattr(cell, "value", None)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"  # type: ignore[attr-defined]
        cell.quotePrefix = True  # type: ignore[attr-defined]
    return cell


def _height(values: list[str], chars: list[float]) -> float:
    return max(_lines(v, c) for v, c in zip(values, chars, strict=False)) * POINTS_PER_LINE + 3


def render(book: RegisterBook, out: BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    middle = Alignment(wrap_text=True, horizontal="center", vertical="center")
    top = Alignment(wrap_text=True, vertical="top")
    styles = {  # named styles: a cell then refers to one style by name instead of hashing four objects
        "bmnn-head": (Font(name=FONT, bold=True, size=11), middle, border),
        "bmnn-body": (Font(name=FONT, size=11), top, border),
        "bmnn-body-c": (
            Font(name=FONT, size=11),
            Alignment(wrap_text=True, vertical="top", horizontal="center"),
            border,
        ),  # numbers and counts
        "bmnn-red": (Font(name=FONT, bold=True, color="C80000", size=11), top, border),  # the level (R43)
        "bmnn-total": (
            Font(name=FONT, bold=True, size=11),
            Alignment(wrap_text=True, vertical="top", horizontal="center"),
            border,
        ),
        "bmnn-cover": (Font(name=FONT, size=14, italic=True), middle, Border()),
        "bmnn-cover-bold": (Font(name=FONT, size=14, bold=True), middle, Border()),
        "bmnn-cover-title": (Font(name=FONT, size=20, bold=True), middle, Border()),
        "bmnn-cover-name": (Font(name=FONT, size=13), middle, Border()),
        "bmnn-note": (Font(name=FONT, size=9.5, italic=True), Alignment(wrap_text=True), Border()),
    }
    for name, (font, align, edges) in styles.items():
        wb.add_named_style(NamedStyle(name=name, font=font, alignment=align, border=edges))
    _cover_sheet(wb, book, WriteOnlyCell)
    sheet = wb.create_sheet("Sổ")
    _print_setup(sheet, book)
    sheet.print_title_rows = "1:2"
    sheet.oddHeader.center.text = header_line(book)
    sheet.oddFooter.left.text = footer_line(book)
    sheet.oddFooter.right.text = "Trang &P/&N"
    for item in (sheet.oddHeader.center, sheet.oddFooter.left, sheet.oddFooter.right):
        item.font, item.size = f"{FONT},Italic" if item is sheet.oddHeader.center else f"{FONT},Regular", 10
    total = sum(c.width for c in book.columns) or 1
    units = [max(5.0, WIDTH_UNITS * c.width / total) for c in book.columns]
    chars = [max(2.0, u * 1.15 - 1) for u in units]  # Times New Roman 11 pt is narrower than the unit's glyph
    for i, width in enumerate(units, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    body_styles = ["bmnn-red" if c.red else "bmnn-body-c" if c.centre else "bmnn-body" for c in book.columns]

    def cells(values: list[str], style: str | None = None) -> list[WriteOnlyCell]:
        out = []
        for value, own in zip(values, body_styles, strict=False):
            cell = WriteOnlyCell(sheet, value=nfc(value))
            cell.style = style or own
            out.append(as_text(cell))
        return out

    rows = [[c.heading for c in book.columns]]
    if book.numbered_header:
        rows.append([f"({i})" for i in range(1, len(book.columns) + 1)])
    head_chars = [c * 0.9 for c in chars]  # bold headings are wider
    for number, values in enumerate(rows, start=1):
        sheet.row_dimensions[number].height = _height(values, head_chars)
        sheet.append(cells(values, "bmnn-head"))
    last = len(book.rows) - 1 if book.total_row else -1
    for index, values in enumerate(book.rows):
        number = len(rows) + 1 + index
        sheet.row_dimensions[number].height = _height(values, chars)
        sheet.append(cells(values, "bmnn-total" if index == last else None))
    wb.save(out)


def _print_setup(sheet: object, book: RegisterBook) -> None:
    setup = sheet.page_setup  # type: ignore[attr-defined]
    setup.orientation = "landscape" if book.landscape else "portrait"
    setup.paperSize = 9  # A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
    margins = sheet.page_margins  # type: ignore[attr-defined]
    margins.left, margins.right, margins.top, margins.bottom = 0.8, 0.6, 0.8, 0.8  # inches
    margins.header, margins.footer = 0.35, 0.35
    sheet.print_options.horizontalCentered = True  # type: ignore[attr-defined]


def _cover_sheet(wb: object, book: RegisterBook, cell_type: type) -> None:
    """The cover (R20) as a printed page: names, title, year, dates, numbers, volume; notes below."""
    cover = book.cover
    sheet = wb.create_sheet("Bìa sổ")  # type: ignore[attr-defined]
    _print_setup(sheet, book)
    sheet.column_dimensions["A"].width = 110 if book.landscape else 80
    lines: list[tuple[str, str, float]] = []
    if cover.legal_basis:
        lines.append((cover.legal_basis, "bmnn-note", 15))
    lines.append(("", "bmnn-cover", 30))
    if cover.superior:
        lines.append((cover.superior.upper(), "bmnn-cover-name", 20))
    lines += [
        (cover.agency.upper(), "bmnn-cover-bold", 20),
        ("", "bmnn-cover", 40),
        (cover.title.upper(), "bmnn-cover-title", 34),
        ("", "bmnn-cover", 20),
    ]
    for line in cover_details(cover):
        lines.append((line, "bmnn-cover-bold" if line.startswith("Quyển số") else "bmnn-cover", 22))
    lines.append(("", "bmnn-cover", 40))
    lines += [(note, "bmnn-note", 14) for note in cover.notes]
    for number, (text, style, height) in enumerate(lines, start=1):
        sheet.row_dimensions[number].height = height
        cell = cell_type(sheet, value=nfc(text))
        cell.style = style
        sheet.append([as_text(cell)])
