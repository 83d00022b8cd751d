"""fpdf2 plumbing shared by the PDF renderers: A4 pages, the serif font, red stamps, rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .fonts import serif_fonts
from .text import nfc

FAMILY = "Serif"
RED = (200, 0, 0)
BLACK = (0, 0, 0)


@dataclass(frozen=True)
class StampSpec:
    """Geometry of a stamp box (DOCUMENT-LAYOUT §13): width and height in mm, borders and font."""

    width: float
    height: float = 8.0
    borders: int = 2
    gap: float = 1.0
    size: float = 13.0


# Form 02 secrecy stamps (TT24; the MẬT width is inferred) and Decree 30 urgency stamps (§9).
STAMPS = {
    "TUYỆT MẬT": StampSpec(40),
    "TỐI MẬT": StampSpec(30),
    "MẬT": StampSpec(20),
    "HỎA TỐC": StampSpec(30, borders=1),
    "THƯỢNG KHẨN": StampSpec(40, borders=1),
    "KHẨN": StampSpec(20, borders=1),
}


def stamp_spec(text: str) -> StampSpec:
    return STAMPS.get(text, StampSpec(max(20.0, len(text) * 3.2 + 8)))


class Pdf(FPDF):
    """An A4 page set in Liberation Serif; page numbers centred in the top margin from page 2 of each document."""

    def __init__(self, *, landscape: bool = False, margins: Sequence[float] = (20, 20, 30, 15)) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        top, bottom, left, right = margins
        for style, path in serif_fonts().items():
            self.add_font(FAMILY, style, str(path))
        self.set_margins(left, top, right)
        self.set_auto_page_break(True, bottom)
        self.set_font(FAMILY, "", 13)
        self.doc_start = 1
        self.number_pages = True
        self.footer_text = ""
        self.set_creator("BMNN")

    def start_document(self, *, landscape: bool = False) -> None:
        """Open the first page of a new document in the same file; page numbers restart."""
        self.doc_start = self.page_no() + 1
        self.add_page(orientation="L" if landscape else "P")

    def header(self) -> None:
        number = self.page_no() - self.doc_start + 1
        if self.number_pages and number >= 2:  # Decree 30: no number on the first page
            self.set_xy(self.l_margin, 8)
            self.font(13)
            self.cell(self.epw, 6, str(number), align="C")
            self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        if self.footer_text:
            self.set_xy(self.l_margin, -12)
            self.font(9, "I")
            self.cell(self.epw, 5, nfc(self.footer_text), align="R")

    def font(self, size: float, style: str = "", color: tuple[int, int, int] = BLACK) -> None:
        self.set_font(FAMILY, style, size)
        self.set_text_color(*color)

    def text_width(self, text: str, size: float, style: str = "") -> float:
        self.font(size, style)
        return float(self.get_string_width(nfc(text)))

    def lines(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        size: float,
        style: str = "",
        *,
        align: str = "C",
        line: float | None = None,
        color: tuple[int, int, int] = BLACK,
    ) -> float:
        """Write wrapped ``text`` in a column; return the y below it."""
        self.font(size, style, color)
        self.set_xy(x, y)
        self.multi_cell(w, line or size * 0.45, nfc(text), align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.font(13)
        return float(self.get_y())

    def rule(self, x_centre: float, y: float, length: float, width: float = 0.3) -> None:
        self.set_draw_color(*BLACK)
        self.set_line_width(width)
        self.line(x_centre - length / 2, y, x_centre + length / 2, y)

    def stamp(
        self, x: float, y: float, text: str, spec: StampSpec | None = None, color: tuple[int, int, int] = RED
    ) -> float:
        """Draw a stamp box with its borders and bold text in ``color``; return its bottom y."""
        text = nfc(text)
        spec = spec or stamp_spec(text)
        width = max(spec.width, self.text_width(text, spec.size, "B") + 6)
        self.set_draw_color(*color)
        self.set_line_width(0.35)
        for i in range(spec.borders):
            inset = i * spec.gap
            self.rect(x + inset, y + inset, width - 2 * inset, spec.height - 2 * inset)
        self.font(spec.size, "B", color)
        self.set_xy(x, y)
        self.cell(width, spec.height, text, align="C")
        self.set_draw_color(*BLACK)
        self.font(13)
        return y + spec.height

    def new_page(self) -> None:
        """Continue on a new page in the current orientation."""
        self.add_page(orientation=str(self.cur_orientation.value))

    def wrap(self, width: float, text: str, size: float, style: str = "") -> list[str]:
        """Return the lines ``text`` wraps into in a column ``width`` mm wide."""
        self.font(size, style)
        lines = self.multi_cell(width, 5, nfc(text), dry_run=True, output="LINES")
        return [str(line) for line in lines] if isinstance(lines, list) else [nfc(text)]

    def ensure_space(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.new_page()
