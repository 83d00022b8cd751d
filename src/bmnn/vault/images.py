"""A scan uploaded as an image (JPEG, PNG, TIFF, a multi-page TIFF too) becomes a PDF, in memory only (S6).

The image is decrypted from the vault into memory, decoded by Pillow from a buffer, written as a PDF into a buffer
and encrypted again under a fresh data key; the image's ciphertext is then destroyed. No clear byte reaches the disk
or the temporary directory: Pillow reads and writes the buffers given to it.
"""

from __future__ import annotations

import io

from PIL import Image, ImageSequence

# The first bytes of each image format the vault takes as a scan.
SIGNATURES = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}
PDF_MODES = {"1", "L", "RGB", "CMYK"}  # what Pillow writes into a PDF as is
DEFAULT_DPI = 200.0  # a scan that does not say its resolution is taken as an office scan


class NotAScan(Exception):
    """The image cannot be read (damaged, too large to decode safely, or not the format its bytes announce)."""


def image_format(head: bytes) -> str:
    """The image format the first bytes announce ("JPEG", "PNG", "TIFF"), or "" for anything else."""
    return next((fmt for magic, fmt in SIGNATURES.items() if head.startswith(magic)), "")


def _page(frame: Image.Image) -> Image.Image:
    return frame.copy() if frame.mode in PDF_MODES else frame.convert("RGB")


def as_pdf(data: bytes, expected: str) -> bytes:
    """Every page of the image (every frame of a TIFF) as one PDF page, at the scan's resolution."""
    try:
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            dpi = float((image.info.get("dpi") or (DEFAULT_DPI,))[0] or DEFAULT_DPI)
            pages = [_page(frame) for frame in ImageSequence.Iterator(image)]
        out = io.BytesIO()
        pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, IndexError) as exc:
        raise NotAScan(str(exc)) from exc
    return out.getvalue()
