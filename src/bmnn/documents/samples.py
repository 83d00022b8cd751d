"""Small real files for the demonstration data and the tests: every upload is scanned, so it must be readable."""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

from .fonts import serif_fonts


def text_pdf(*lines: str) -> bytes:
    """A one-page PDF with one paragraph per line (a line "MẬT" alone on its own is a secrecy mark)."""
    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # the same lines give the same bytes
    pdf.add_font("serif", "", str(serif_fonts()[""]))
    pdf.set_font("serif", size=13)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
