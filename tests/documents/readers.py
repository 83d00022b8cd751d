"""Open generated files with ordinary readers, so tests assert what a person would read."""

from __future__ import annotations

import io
import unicodedata

import docx
import openpyxl
import pypdf


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined, whitespace collapsed to single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return _norm(" ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages))


def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [_norm(" ".join((page.extract_text() or "").split())) for page in reader.pages]


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells (nested tables included) of a DOCX, whitespace collapsed."""
    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []

    def walk(container: object) -> None:
        for p in container.paragraphs:  # type: ignore[attr-defined]
            parts.append(p.text)
        for table in container.tables:  # type: ignore[attr-defined]
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    for section in document.sections:
        walk(section.header)
    return _norm(" ".join(" ".join(parts).split()))


def docx_tables(data: bytes) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    return [[[_norm(c.text) for c in row.cells] for row in t.rows] for t in document.tables]


def xlsx_sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
