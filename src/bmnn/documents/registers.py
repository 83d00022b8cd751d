"""Register books: a cover page (R20) and numbered pages of entries, to PDF, DOCX and XLSX (R21).

    book = RegisterBook(cover=Cover(...), columns=[Column("Số thứ tự", 0.6), ...], rows=[["1", ...], ...])
    render_register_pdf(book), render_register_docx(book), render_register_xlsx(book)      # bytes
    write_register_pdf(book, out), write_register_docx(book, out), write_register_xlsx(book, out)  # to a file

Cells are plain strings, already prepared by the caller (the abstract left blank for TUYET_MAT, R18);
columns flagged ``red`` print in red (the level, R43). Header rows repeat on every page. The ``write_``
functions write into an open binary file, so a 10,000-entry register never sits in memory whole.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import BinaryIO

from . import _register_docx, _register_pdf, _register_xlsx
from .book import Column, Cover, RegisterBook, cover_details, cover_lines, footer_line, header_line

__all__ = [
    "Column",
    "Cover",
    "RegisterBook",
    "cover_details",
    "cover_lines",
    "footer_line",
    "header_line",
    "render_register_docx",
    "render_register_pdf",
    "render_register_xlsx",
    "write_register_docx",
    "write_register_pdf",
    "write_register_xlsx",
]


def write_register_pdf(book: RegisterBook, out: BinaryIO) -> None:
    """The book as PDF: cover page, then the entries with "Trang x/y" on every page."""
    _register_pdf.render(book, out)


def write_register_docx(book: RegisterBook, out: BinaryIO) -> None:
    """The book as DOCX: cover page section, then the entry table with a repeated header."""
    _register_docx.render(book, out)


def write_register_xlsx(book: RegisterBook, out: BinaryIO) -> None:
    """The book as XLSX: a cover sheet and an entries sheet set up to print (A4, titles repeated)."""
    _register_xlsx.render(book, out)


def _as_bytes(write: Callable[[RegisterBook, BinaryIO], None], book: RegisterBook) -> bytes:
    buffer = io.BytesIO()
    write(book, buffer)
    return buffer.getvalue()


def render_register_pdf(book: RegisterBook) -> bytes:
    return _as_bytes(write_register_pdf, book)


def render_register_docx(book: RegisterBook) -> bytes:
    return _as_bytes(write_register_docx, book)


def render_register_xlsx(book: RegisterBook) -> bytes:
    return _as_bytes(write_register_xlsx, book)
