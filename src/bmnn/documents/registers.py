"""Register books: a cover page (R20) and numbered pages of entries, to PDF, DOCX and XLSX (R21).

    book = RegisterBook(cover=Cover(...), columns=[Column("Số thứ tự", 0.6), ...], rows=[["1", ...], ...])
    render_register_pdf(book), render_register_docx(book), render_register_xlsx(book)

Cells are plain strings, already prepared by the caller (the abstract left blank for TUYET_MAT, R18);
columns flagged ``red`` print in red (the level, R43). Header rows repeat on every page.
"""

from __future__ import annotations

from . import _register_docx, _register_pdf, _register_xlsx
from .book import Column, Cover, RegisterBook, cover_details, cover_lines, footer_line, header_line

__all__ = ["Column", "Cover", "RegisterBook", "cover_details", "cover_lines", "footer_line", "header_line",
           "render_register_docx", "render_register_pdf", "render_register_xlsx"]


def render_register_pdf(book: RegisterBook) -> bytes:
    """Return the book as PDF: cover page, then the entries with "Trang x/y" on every page."""
    return _register_pdf.render(book)


def render_register_docx(book: RegisterBook) -> bytes:
    """Return the book as DOCX: cover page section, then the entry table with a repeated header."""
    return _register_docx.render(book)


def render_register_xlsx(book: RegisterBook) -> bytes:
    """Return the book as XLSX: a cover sheet and an entries sheet set up to print (A4, titles repeated)."""
    return _register_xlsx.render(book)
