"""PDF: the text layer through pypdf, and OCR of pages that carry only images."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
from collections.abc import Iterator

from ..errors import ExtractionError, OcrUnavailableError
from ..model import Block
from .context import Context
from .ocr import OCR_MISSING, ocr_image, tesseract

logging.getLogger("pypdf").setLevel(logging.ERROR)


def pdf_blocks(data: bytes, ctx: Context) -> Iterator[Block]:
    """Yield the lines of each page ("page 2"); a page without text but with images is read by OCR."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("Tệp PDF được mã hóa, không đọc được")
        pages = list(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionError(f"Tệp PDF hỏng: {exc}") from exc
    blind: list[int] = []
    for number, page in enumerate(pages, start=1):
        text = _page_text(page)
        if text.strip():
            for line in text.splitlines():
                if line.strip():
                    yield Block(line, f"page {number}", ctx.part)
        elif _has_images(page):
            blind.append(number)
    info: dict[str, object] = dict(reader.metadata or {})
    for key in ("/Title", "/Subject", "/Keywords"):
        value = info.get(key)
        if value:
            yield Block(str(value), "properties", ctx.part)
    if blind:
        yield from _ocr_pages(data, blind, ctx)


def _page_text(page: object) -> str:
    """Return a page's text with its layout kept, so a stamp beside the right-hand column stays apart."""
    for mode in ({"extraction_mode": "layout"}, {}):
        try:
            return page.extract_text(**mode) or ""  # type: ignore[attr-defined]
        except Exception:  # noqa: S112 - pypdf raises many kinds on broken pages; try the plain mode
            continue
    return ""


def _has_images(page: object) -> bool:
    try:
        resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
        xobjects = resources.get("/XObject") or {}
        return any(xobject.get_object().get("/Subtype") == "/Image" for xobject in xobjects.values())
    except Exception:
        return True


def _ocr_pages(data: bytes, numbers: list[int], ctx: Context) -> Iterator[Block]:
    pdftoppm = shutil.which("pdftoppm")
    if not ctx.options.ocr or tesseract() is None or pdftoppm is None:
        raise OcrUnavailableError(OCR_MISSING)
    for number in numbers:
        try:
            rendered = subprocess.run(  # noqa: S603
                [pdftoppm, "-f", str(number), "-l", str(number), "-r", "300", "-png", "-"],
                input=data,
                capture_output=True,
                timeout=ctx.options.timeout_seconds,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ExtractionError("Dựng trang PDF để OCR quá thời gian") from exc
        if rendered.returncode != 0 or not rendered.stdout:
            raise ExtractionError(f"Không dựng được trang {number} để OCR")
        for line in ocr_image(rendered.stdout, ctx.options.timeout_seconds).splitlines():
            if line.strip():
                yield Block(line, f"page {number}", ctx.part, ocr=True)
