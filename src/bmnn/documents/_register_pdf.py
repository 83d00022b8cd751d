"""PDF of a register book: a framed cover page and fast, paginated entry pages.

fpdf2's table helper lays out about a hundred rows a second; a year of an agency's outgoing register can
hold 10,000 entries, so rows are wrapped with cached glyph widths, paginated in a first pass (which also
gives the page count for "Trang x/y") and drawn with plain text and rectangle calls in a second.
"""

from __future__ import annotations

from typing import BinaryIO

from ._pdf import BLACK, Pdf
from .book import RegisterBook, cover_details, footer_line, header_line
from .text import nfc

PAD = 1.0


class _Measure:
    """Glyph widths in mm for one font style and size, cached per character."""

    def __init__(self, pdf: Pdf, size: float, style: str) -> None:
        self.pdf, self.size, self.style, self.cache = pdf, size, style, {}  # type: ignore[var-annotated]
        self.words: dict[str, float] = {}
        self.space = self.char(" ")

    def char(self, ch: str) -> float:
        width = self.cache.get(ch)
        if width is None:
            self.pdf.set_font("Serif", self.style, self.size)
            width = self.cache[ch] = float(self.pdf.get_string_width(ch))
        return width

    def word(self, word: str) -> float:
        width = self.words.get(word)
        if width is None:
            width = self.words[word] = sum(self.char(ch) for ch in word)
        return width

    def wrap(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        for para in nfc(text).split("\n"):
            current, used = "", 0.0
            for word in para.split():
                w = self.word(word)
                while w > width:  # a word longer than the column: break it
                    cut, acc = 0, 0.0
                    while cut < len(word) and acc + self.char(word[cut]) <= width:
                        acc += self.char(word[cut])
                        cut += 1
                    soft = max(word.rfind(mark, 0, cut) for mark in "/-,.;")
                    cut = soft + 1 if soft > 0 else max(cut, 1)  # "88/QLCL-TCT" breaks after "/" or "-"
                    if current:
                        lines.append(current)
                        current, used = "", 0.0
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self.word(word)
                if current and used + self.space + w > width:
                    lines.append(current)
                    current, used = word, w
                else:
                    current, used = (f"{current} {word}", used + self.space + w) if current else (word, w)
            lines.append(current)
        return lines or [""]


def render(book: RegisterBook, out: BinaryIO) -> None:
    pdf = Pdf(landscape=book.landscape, margins=(15, 15, 20, 15) if book.landscape else (15, 15, 25, 12))
    pdf.number_pages = False
    pdf.set_title(nfc(f"{book.cover.title} năm {book.cover.year}"))
    pdf.set_auto_page_break(False, pdf.b_margin)
    pdf.add_page()
    _cover(pdf, book)
    _entries(pdf, book)
    out.write(pdf.output())


def _cover(pdf: Pdf, book: RegisterBook) -> None:
    cover = book.cover
    box_w, box_h = (150.0, 120.0) if book.landscape else (140.0, 150.0)
    x = pdf.l_margin + (pdf.epw - box_w) / 2
    y = pdf.t_margin + (0 if not cover.legal_basis else 8) + 4
    if cover.legal_basis:
        pdf.lines(pdf.l_margin, pdf.t_margin, pdf.epw, cover.legal_basis, 10, "I", align="R", line=4.5)
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.6)
    pdf.rect(x, y, box_w, box_h)
    pdf.set_line_width(0.2)
    pdf.rect(x + 1.5, y + 1.5, box_w - 3, box_h - 3)
    cy = y + 8
    if cover.superior:
        cy = pdf.lines(x + 5, cy, box_w - 10, cover.superior.upper(), 13, line=6)
    cy = pdf.lines(x + 5, cy, box_w - 10, cover.agency.upper(), 13, "B", line=6)
    pdf.rule(x + box_w / 2, cy + 1, 30)
    if cover.secrecy:
        pdf.stamp(x + box_w / 2 - 20, cy + 5, cover.secrecy)
    cy += 22
    cy = pdf.lines(x + 5, cy, box_w - 10, cover.title.upper(), 20, "B", line=9)
    cy += 8
    rest = cover_details(cover)
    for line in rest:
        bold = line.startswith("Quyển số")
        cy = pdf.lines(x + 10, cy, box_w - 20, line, 14, "B" if bold else "I", line=8)
    if cover.notes:
        ny = y + box_h + 5
        for note in cover.notes:
            ny = pdf.lines(x, ny, box_w, note, 9.5, "I", align="L", line=4.2)


def _entries(pdf: Pdf, book: RegisterBook) -> None:
    total = sum(c.width for c in book.columns) or 1.0
    widths = [pdf.epw * c.width / total for c in book.columns]
    size = book.size
    line_h = size * 0.42
    body, body_red, head = _Measure(pdf, size, ""), _Measure(pdf, size, "B"), _Measure(pdf, size, "B")
    header_rows = [[c.heading for c in book.columns]]
    if book.numbered_header:
        header_rows.append([f"({i})" for i in range(1, len(book.columns) + 1)])
    wrapped_head = [[head.wrap(t, w - 2 * PAD) for t, w in zip(r, widths, strict=False)] for r in header_rows]
    head_h = sum(max(len(c) for c in r) * line_h + 2 * PAD for r in wrapped_head)
    top = pdf.t_margin + 6
    usable = pdf.h - pdf.b_margin - 6 - top - head_h
    # Pass 1: wrap and paginate.
    pages: list[list[tuple[list[list[str]], float, bool]]] = [[]]
    used = 0.0
    last = len(book.rows) - 1 if book.total_row else -1
    for index, row in enumerate(book.rows):
        cells = [
            (body_red if c.red or index == last else body).wrap(v, w - 2 * PAD)
            for v, w, c in zip(row, widths, book.columns, strict=False)
        ]
        h = max(len(c) for c in cells) * line_h + 2 * PAD
        if used + h > usable and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append((cells, h, index == last))
        used += h
    # Pass 2: draw.
    title = header_line(book)

    foot = footer_line(book)
    reds = [c.red for c in book.columns]
    centred = [(body_red if c.red else body) if c.centre else None for c in book.columns]
    head_ops, body_top = _header_ops(pdf, top, wrapped_head, widths, head)
    encoded: dict[tuple[int, str], str] = {}  # glyph ids of the file's font subset, per distinct line
    for number, page in enumerate(pages, start=1):
        pdf.add_page()
        pdf.font(10, "I")
        pdf.set_xy(pdf.l_margin, pdf.t_margin - 6)
        pdf.cell(pdf.epw, 5, title, align="C")
        pdf.set_font("Serif", "B", size)
        pdf._out(pdf._set_font_for_page(pdf.current_font, size))  # type: ignore[arg-type]
        pdf._out(head_ops)  # the same header rows on every page, laid out once
        y = body_top
        for cells, _h, total in page:
            if total:  # the total row: every cell bold, counts centred
                y = _fast_row(
                    pdf,
                    y,
                    cells,
                    widths,
                    size,
                    [True] * len(reds),
                    encoded,
                    [body_red if m else None for m in centred],
                    black=True,
                )
            else:
                y = _fast_row(pdf, y, cells, widths, size, reds, encoded, centred)
        _grid(pdf, widths, body_top, y)
        pdf.font(10)
        pdf.set_xy(pdf.l_margin, pdf.h - pdf.b_margin)
        pdf.cell(pdf.epw / 2, 5, foot, align="L")
        pdf.cell(pdf.epw / 2, 5, f"Trang {number}/{len(pages)}", align="R")


def _header_ops(
    pdf: Pdf, top: float, rows: list[list[list[str]]], widths: list[float], measure: _Measure
) -> tuple[str, float]:
    """The header rows as raw operators: framed cells, bold text centred; and the y below them."""
    line_h = measure.size * 0.42
    k, page_h = pdf.k, pdf.h
    pdf.set_font("Serif", "B", measure.size)
    font = pdf.current_font
    assert font is not None  # noqa: S101 (set just above)
    ops, y = ["0 G 0 g 0.2 w"], top
    for cells in rows:
        h = max(len(c) for c in cells) * line_h + 2 * PAD
        x = pdf.l_margin
        for lines, w in zip(cells, widths, strict=False):
            ops.append(f"{x * k:.2f} {(page_h - y - h) * k:.2f} {w * k:.2f} {h * k:.2f} re S")
            ty = y + PAD + line_h * 0.78 + (h - 2 * PAD - len(lines) * line_h) / 2
            for line in lines:
                if line:
                    tx = x + (w - measure.word(line)) / 2
                    ops.append(f"BT {tx * k:.2f} {(page_h - ty) * k:.2f} Td {font.encode_text(line)} ET")
                ty += line_h
            x += w
        y += h
    return " ".join(ops), y


def _fast_row(
    pdf: Pdf,
    y: float,
    cells: list[list[str]],
    widths: list[float],
    size: float,
    reds: list[bool],
    encoded_lines: dict[tuple[int, str], str],
    centred: list[_Measure | None],
    *,
    black: bool = False,
) -> float:
    """A body row written as raw text operators: one BT…ET block per cell, one rule under the row.

    FPDF.text() costs about ten times more per line; for a 10,000-entry register this is the difference
    between seconds and minutes. Fonts are switched only when the style changes (regular / bold red).
    """
    line_h = size * 0.42
    h = max(len(c) for c in cells) * line_h + 2 * PAD
    k, page_h = pdf.k, pdf.h
    x = pdf.l_margin
    for lines, w, red, measure in zip(cells, widths, reds, centred, strict=False):
        if any(lines):
            style = "B" if red else ""
            if pdf.font_style != style or pdf.font_size_pt != size:
                pdf.set_font("Serif", style, size)
            font = pdf.current_font
            assert font is not None  # noqa: S101 (set just above)
            if not pdf.current_font_is_set_on_page:  # fpdf2 emits the font lazily, in text(); do it here
                pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))
            ops = []
            ty = y + PAD + line_h * 0.78
            for line in lines:
                if line:
                    key = (font.i, line)  # dates, levels, units repeat: encode each distinct line once
                    encoded = encoded_lines.get(key)
                    if encoded is None:
                        encoded = encoded_lines[key] = font.encode_text(line)
                    tx = x + (w - measure.word(line)) / 2 if measure else x + PAD
                    ops.append(f"BT {tx * k:.2f} {(page_h - ty) * k:.2f} Td {encoded} ET")
                ty += line_h
            text = " ".join(ops)
            pdf._out(f"q 0.7843 0 0 rg {text} Q" if red and not black else text)  # R43: the level in red
        x += w
    y2 = (page_h - y - h) * k
    pdf._out(f"0.2 w {pdf.l_margin * k:.2f} {y2:.2f} m {(pdf.l_margin + sum(widths)) * k:.2f} {y2:.2f} l S")
    return y + h


def _grid(pdf: Pdf, widths: list[float], top: float, bottom: float) -> None:
    """The vertical rules of the body, drawn once per page."""
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.2)
    x = pdf.l_margin
    for w in [0.0, *widths]:
        x += w
        pdf.line(x, top, x, bottom)
