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


def pdf_fragments(data: bytes) -> list[list[tuple[float, float, str]]]:
    """Per page, each piece of text the PDF draws with its position: (x, y from the top, text), in points."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        found: list[tuple[float, float, str]] = []

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, found: list = found, height: float = height
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + cm[4]
                y = tm[5] * cm[3] + cm[5]
                found.append((round(x, 1), round(height - y, 1), _norm(text.strip())))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def pdf_register_columns(data: bytes) -> list[str]:
    """The text of each column of a register's entry pages, top to bottom, page after page.

    Columns are found from the numbering row "(1) (2) … (n)" that heads every entry page: each label is
    centred in its column and body text starts at the column's left edge, so a line belongs to the first
    column whose label centre lies to its right.
    """
    import re

    columns: list[list[str]] = []
    for fragments in pdf_fragments(data)[1:]:  # page 1 is the cover
        labels = sorted((x, y, t) for x, y, t in fragments if re.fullmatch(r"\(\d+\)", t))
        if not labels:
            continue
        label_y = labels[0][1]
        centres = [x + len(t) * 2.2 for x, _, t in labels]  # ~ half the label's width at 10-11 pt
        columns = columns or [[] for _ in centres]
        footer_y = {y for _, y, t in fragments if re.fullmatch(r"Trang \d+/\d+", t)}  # the footer line
        body = sorted((y, x, t) for x, y, t in fragments if y > label_y + 1 and y not in footer_y)
        for _y, x, text in body:
            if any(x < c for c in centres):
                index = next(i for i, c in enumerate(centres) if x < c)
                columns[index].append(text)
    return [" ".join(col) for col in columns]


def squeeze(text: str) -> str:
    """``text`` without any whitespace: wrapped cells compare equal to their one-line value."""
    return "".join(_norm(text).split())
