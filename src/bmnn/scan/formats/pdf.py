"""PDF: the text layer through PDFium (pypdfium2), annotations and form fields, OCR of image-only pages.

PDFium gives each page's text in reading order, a line per visual line. Where a line may hold a
mark, it is rebuilt from the characters' positions: a wide horizontal gap becomes a tab, so that a
stamp sharing its baseline with the right-hand column ("TỐI MẬT ... Độc lập - Tự do - Hạnh phúc")
stands apart as it does on paper. pypdf reads only the files PDFium cannot open.
"""

from __future__ import annotations

import bisect
import ctypes
import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from ..errors import ExtractionError, LimitExceededError
from ..marks import candidate_spans, might_contain_mark
from ..model import Block
from .context import Context

logging.getLogger("pypdf").setLevel(logging.ERROR)

ENCRYPTED = "Tệp PDF được mã hóa bằng mật khẩu, không đọc được"
_LINE = re.compile(r"[^\r\n]+")
_GAP = 1.5  # a horizontal gap wider than this many character heights separates two blocks on one line


def pdf_blocks(data: bytes, ctx: Context) -> Iterator[Block]:
    """Yield the lines of each page ("page 2"), annotations, form fields and properties; OCR blind pages."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise ExtractionError(ENCRYPTED) from exc
        yield from _pypdf_blocks(data, ctx)  # PDFium cannot open it: pypdf is more lenient with some damage
        return
    try:
        yield from _document_blocks(pdf, ctx)
    finally:
        pdf.close()


def _document_blocks(pdf: Any, ctx: Context) -> Iterator[Block]:
    import pypdfium2.raw as raw

    if pdf.get_formtype() != raw.FORMTYPE_NONE:
        pdf.init_forms()
    count = len(pdf)
    if count > ctx.options.max_pages:
        raise LimitExceededError(f"Tệp PDF có {count} trang, vượt giới hạn {ctx.options.max_pages} trang")
    blind: list[int] = []
    pictured: list[int] = []
    for index in range(count):
        number = index + 1
        page = pdf[index]
        try:
            notes, flatten = _annotations(page, pdf.formenv, number, ctx)
            yield from notes
            if flatten:
                # Annotations drawn on the page (a typed stamp, filled fields): merge them into the
                # page's content, in memory only, so that their text is read with the page.
                raw.FPDFPage_Flatten(page, raw.FLAT_NORMALDISPLAY)
                page.close()
                page = pdf[index]
            has_text = False
            for block in _page_lines(page, number, ctx):
                has_text = True
                yield block
            images, on_paper = _image_count(page)
            if images and not has_text:
                blind.append(index)
            elif on_paper:
                pictured.append(index)
        finally:
            page.close()
    metadata = pdf.get_metadata_dict(skip_empty=True)
    for key in ("Title", "Subject", "Keywords"):
        value = metadata.get(key)
        if value:
            yield Block(str(value), "properties", ctx.part)
    if blind or (pictured and ctx.options.ocr_embedded_images):
        from .ocr import pdf_page_images

        yield from pdf_page_images(pdf, blind, pictured, ctx)


def _page_lines(page: Any, number: int, ctx: Context) -> Iterator[Block]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if not text.strip():
            return
        where = f"page {number}"
        exact = textpage.count_chars() == len(text)
        lines = [match.span() for match in _LINE.finditer(text) if not match.group().isspace()]
        hits = _candidate_lines(text, lines)
        passed = 0  # lines with no candidate mark since the last block: passed over as one block
        for index, (start, end) in enumerate(lines):
            if hits is not None and index not in hits:
                passed += 1
                continue
            line = text[start:end]
            if hits is None and not might_contain_mark(line):
                passed += 1
                continue
            if passed:
                yield Block("", where, ctx.part, span=passed)
                passed = 0
            if _has_gap(textpage, start, end, exact):
                line = _laid_out(textpage, start, end, exact) or line
            yield Block(line, where, ctx.part)
        if passed:
            yield Block("", where, ctx.part, span=passed)
    finally:
        textpage.close()


def _candidate_lines(text: str, lines: list[tuple[int, int]]) -> set[int] | None:
    """Return the indexes of the lines that a span which may hold a mark touches; None to check each line."""
    spans = candidate_spans(text)
    if spans is None:
        return None
    starts = [start for start, _end in lines]
    hits: set[int] = set()
    for span_start, span_end in spans:
        first = max(0, bisect.bisect_right(starts, span_start) - 1)
        last = bisect.bisect_left(starts, span_end)
        hits.update(range(first, last))
    return hits


def _has_gap(textpage: Any, start: int, end: int, exact: bool) -> bool:
    """Tell whether a line is made of boxes with a wide gap between them (two columns on one baseline).

    PDFium groups a line's characters into rectangles; one rectangle, or rectangles that follow
    each other closely, is running text, and the characters need not be looked at one by one.
    """
    import pypdfium2.raw as raw

    if not exact:
        return True
    count = raw.FPDFText_CountRects(textpage, start, end - start)
    if count <= 1:
        return False
    left, top, right, bottom = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    boxes = (ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom))
    previous_right: float | None = None
    for index in range(count):
        if not raw.FPDFText_GetRect(textpage, index, *boxes):
            return True
        height = abs(top.value - bottom.value)
        if previous_right is not None and left.value - previous_right > _GAP * max(height, 1.0):
            return True
        previous_right = right.value
    return False


def _laid_out(textpage: Any, start: int, end: int, exact: bool) -> str:
    """Rebuild one line from its characters' boxes: a wide gap between two characters becomes a tab."""
    import pypdfium2.raw as raw

    if not exact:
        start = raw.FPDFText_GetCharIndexFromTextIndex(textpage, start)
        end = raw.FPDFText_GetCharIndexFromTextIndex(textpage, end - 1) + 1
        if start < 0 or end <= start:
            return ""
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    boxes = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    out: list[str] = []
    last_right: float | None = None
    last_height = 0.0
    for index in range(start, end):
        code = raw.FPDFText_GetUnicode(textpage, index)
        if code in (0, 10, 13):
            continue
        char = chr(code) if code < 0x110000 else "\ufffd"
        if char.isspace():
            if out and out[-1] not in " \t":
                out.append(" ")
            continue
        if not raw.FPDFText_GetCharBox(textpage, index, *boxes):
            out.append(char)
            continue
        height = top.value - bottom.value
        if last_right is not None and left.value - last_right > _GAP * max(height, last_height, 1.0):
            if out and out[-1] == " ":
                out.pop()
            out.append("\t")
        out.append(char)
        last_right, last_height = right.value, height
    return "".join(out)


def _annotations(page: Any, formenv: Any, number: int, ctx: Context) -> tuple[list[Block], bool]:
    """Return the text of a page's annotations (notes, typed text, form field values) and whether to flatten."""
    import pypdfium2.raw as raw

    blocks: list[Block] = []
    drawn = False
    for index in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            subtype = raw.FPDFAnnot_GetSubtype(annot)
            if subtype in (raw.FPDF_ANNOT_LINK, raw.FPDF_ANNOT_POPUP):
                continue
            drawn = True
            where = f"page {number} " + ("form field" if subtype == raw.FPDF_ANNOT_WIDGET else "annotation")
            texts = [_string_value(annot, b"Contents")]
            if subtype == raw.FPDF_ANNOT_WIDGET:
                texts.append(_field_value(annot, formenv) if formenv else _string_value(annot, b"V"))
            blocks.extend(Block(text, where, ctx.part) for text in texts if text.strip())
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return blocks, drawn


def _string_value(annot: Any, key: bytes) -> str:
    import pypdfium2.raw as raw

    size = raw.FPDFAnnot_GetStringValue(annot, key, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFAnnot_GetStringValue(annot, key, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")


def _field_value(annot: Any, formenv: Any) -> str:
    import pypdfium2.raw as raw

    size = raw.FPDFAnnot_GetFormFieldValue(formenv, annot, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFAnnot_GetFormFieldValue(formenv, annot, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")


def _image_count(page: Any, limit: int = 2000) -> tuple[int, int]:
    """Return how many image objects a page holds at its top level, and how many of them may be ink on paper.

    A picture whose compressed data is as large as a photograph's (or an icon) is not worth a look
    for a pasted stamp; a page with no text is read whatever its pictures are.
    """
    import pypdfium2.raw as raw

    found = paper = 0
    width, height = ctypes.c_uint(), ctypes.c_uint()
    for index in range(min(raw.FPDFPage_CountObjects(page), limit)):
        obj = raw.FPDFPage_GetObject(page, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        found += 1
        if not raw.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(width), ctypes.byref(height)):
            paper += 1
            continue
        pixels = width.value * height.value
        size = raw.FPDFImageObj_GetImageDataRaw(obj, None, 0)
        if min(width.value, height.value) >= 48 and size <= 0.6 * pixels:
            paper += 1
    return found, paper


# ---------------------------------------------------------------- files PDFium cannot open


def _pypdf_blocks(data: bytes, ctx: Context) -> Iterator[Block]:
    """Read a file PDFium refused with pypdf (text layer only; image-only pages cannot be checked)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(ENCRYPTED)
        pages = list(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ExtractionError(f"Tệp PDF hỏng: {exc}") from exc
    if not pages:
        raise ExtractionError("Tệp PDF hỏng: không có trang nào")
    if len(pages) > ctx.options.max_pages:
        raise LimitExceededError(f"Tệp PDF có {len(pages)} trang, vượt giới hạn {ctx.options.max_pages} trang")
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text(extraction_mode="layout") or ""
        except Exception as exc:  # pypdf raises many kinds on broken pages
            raise ExtractionError(f"Tệp PDF hỏng ở trang {number}: {type(exc).__name__}") from exc
        if not text.strip():
            raise ExtractionError(f"Trang {number} của tệp PDF hỏng không có chữ đọc được: không kiểm tra được")
        for line in text.splitlines():
            if line.strip():
                yield Block(line, f"page {number}", ctx.part)
