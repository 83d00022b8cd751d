"""Render a decrypted PDF for a reader: page images with the reader's overlay, or a watermarked copy.

Everything happens in memory: pypdfium2 opens the plaintext bytes, pages are rasterised to Pillow images
and encoded to PNG or into a new PDF in a buffer; nothing is written to disk (S6). The overlay on every
page carries the secrecy level in red, the reader's name, unit and the time, so a leaked image or copy
points to its reader.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from bmnn.documents.fonts import serif_fonts

Source = bytes | io.RawIOBase | IO[bytes]  # the plaintext in memory, or a reader decrypting on demand
RED = (200, 0, 0)
SCALE = 1.5  # 108 dpi: legible on screen, heavy enough to discourage printing screenshots
_PDFIUM = threading.Lock()  # PDFium is not thread-safe


class NotAPdf(Exception):
    """The plaintext is not a PDF PDFium can open."""


@dataclass(frozen=True)
class Overlay:
    stamp: str  # the level in capitals ("TỐI MẬT")
    lines: tuple[str, ...]  # the reader, unit, time (and the copy number for a download)


def _open(data: Source) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, autoclose=False)
    except pdfium.PdfiumError as exc:
        raise NotAPdf(str(exc)) from exc


def page_count(data: Source) -> int:
    with _PDFIUM:
        pdf = _open(data)
        try:
            return len(pdf)
        finally:
            pdf.close()


def _raster(pdf: pdfium.PdfDocument, index: int) -> Image.Image:
    page = pdf[index]
    try:
        return page.render(scale=SCALE).to_pil().convert("RGB")
    finally:
        page.close()


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(serif_fonts()["B" if bold else ""]), size)


@functools.lru_cache(maxsize=4)
def _diagonal_layer(width: int, height: int, text: str) -> Image.Image:
    """The faint diagonal lines for a page size and reader, made once (every page of a copy, a reader's next page)."""
    side = int((width**2 + height**2) ** 0.5)
    layer = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = _font(max(14, width // 40))
    step = max(60, height // 8)
    for y in range(0, side, step):
        draw.text(((y // step) % 2 * step, y), ("    " + text) * 4, fill=(*RED, 38), font=font)
    layer = layer.rotate(35, resample=Image.Resampling.BILINEAR)
    left, top = (side - width) // 2, (side - height) // 2
    return layer.crop((left, top, left + width, top + height))


def _diagonal(image: Image.Image, text: str) -> Image.Image:
    """The reader's line repeated faintly across the page, so a cropped picture still names its reader."""
    base = image.convert("RGBA")
    base.alpha_composite(_diagonal_layer(image.width, image.height, text))
    return base.convert("RGB")


def draw_overlay(image: Image.Image, overlay: Overlay) -> Image.Image:
    """A faint diagonal reader line over the page; the level stamp in red, boxed, top right; the reader's lines
    across the foot of the page."""
    if overlay.lines:
        image = _diagonal(image, overlay.lines[0])
    draw = ImageDraw.Draw(image)
    width, height = image.size
    stamp_font = _font(max(18, width // 22), bold=True)
    left, top, right, bottom = draw.textbbox((0, 0), overlay.stamp, font=stamp_font)
    pad = 8
    x = width - (right - left) - 3 * pad
    draw.rectangle((x - pad, pad, x + (right - left) + pad, 3 * pad + (bottom - top)), outline=RED, width=3)
    draw.text((x - left, 2 * pad - top), overlay.stamp, fill=RED, font=stamp_font)
    line_font = _font(max(11, width // 60))
    y: float = height - pad
    for line in reversed(overlay.lines):
        box = draw.textbbox((0, 0), line, font=line_font)
        y -= box[3] - box[1] + 4
        draw.rectangle((pad - 2, y - 2, pad + box[2] - box[0] + 2, y + box[3] - box[1] + 2), fill=(255, 255, 255))
        draw.text((pad - box[0], y - box[1]), line, fill=RED, font=line_font)
    return image


def page_png(data: Source, index: int, overlay: Overlay) -> bytes:
    """Page ``index`` (0-based) as a PNG with the overlay; IndexError when there is no such page."""
    with _PDFIUM:
        pdf = _open(data)
        try:
            if not 0 <= index < len(pdf):
                raise IndexError(index)
            image = _raster(pdf, index)
        finally:
            pdf.close()
    buffer = io.BytesIO()
    draw_overlay(image, overlay).save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def _pages(data: bytes) -> Iterator[tuple[Image.Image, float, float]]:
    with _PDFIUM:
        pdf = _open(data)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                width, height = page.get_size()
                page.close()
                yield _raster(pdf, index), width, height
        finally:
            pdf.close()


def watermarked_pdf(data: bytes, overlay: Overlay) -> bytes:
    """A copy for download: each page rasterised (no text layer of the original survives) and overlaid.

    The overlay is real text of the new PDF, in red, on every page: the stamp at the top right and the
    reader's lines at the foot; the reader's line also runs faintly across each page image.
    """
    from fpdf import FPDF  # here, not at the top: every `bmnn` command imports this module at start-up (issue 17)

    fonts = serif_fonts()
    out = FPDF(unit="pt")
    out.set_auto_page_break(False)
    out.add_font("serif", "", str(fonts[""]))
    out.add_font("serif", "B", str(fonts["B"]))
    for image, width, height in _pages(data):
        out.add_page(format=(width, height))
        out.image(_diagonal(image, overlay.lines[0]) if overlay.lines else image, x=0, y=0, w=width, h=height)
        out.set_text_color(*RED)
        out.set_font("serif", "B", 16)
        stamp_width = out.get_string_width(overlay.stamp) + 12
        out.set_draw_color(*RED)
        out.set_line_width(2)
        out.set_xy(width - stamp_width - 12, 12)
        out.cell(stamp_width, 24, overlay.stamp, border=1, align="C")
        out.set_font("serif", "", 9)
        y = height - 12 - 12 * len(overlay.lines)
        for line in overlay.lines:
            out.set_fill_color(255, 255, 255)
            out.set_xy(12, y)
            out.cell(out.get_string_width(line) + 4, 12, line, fill=True)
            y += 12
    return bytes(out.output())
