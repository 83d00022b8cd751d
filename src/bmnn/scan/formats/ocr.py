"""Optical character recognition through the ``tesseract`` program (Vietnamese data).

Images go to Tesseract on its standard input and the text comes back on its standard output:
nothing is written to disk.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Iterator

from ..errors import ExtractionError, OcrUnavailableError
from ..model import Block
from .context import Context

OCR_MISSING = "Cần OCR: tệp chỉ có ảnh mà máy chưa cài Tesseract với dữ liệu tiếng Việt (tesseract-ocr-vie)"


@functools.cache
def tesseract() -> str | None:
    """Return the path of a tesseract that knows Vietnamese, or None."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30, check=False)  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    langs = (listed.stdout + listed.stderr).decode("utf-8", "replace").split()
    return binary if "vie" in langs else None


def ocr_image(data: bytes, timeout: float = 120.0) -> str:
    """Return the text Tesseract reads in an image (PNG, JPEG, TIFF, BMP, PNM...)."""
    binary = tesseract()
    if binary is None:
        raise OcrUnavailableError(OCR_MISSING)
    try:
        done = subprocess.run(  # noqa: S603
            [binary, "stdin", "stdout", "-l", "vie", "--psm", "3"],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractionError("Nhận dạng ký tự (OCR) quá thời gian") from exc
    if done.returncode != 0:
        raise ExtractionError("Tesseract không đọc được ảnh")
    return done.stdout.decode("utf-8", "replace")


def image_blocks(data: bytes, ctx: Context, location: str = "image") -> Iterator[Block]:
    """Yield the lines Tesseract reads in an image."""
    if not ctx.options.ocr:
        raise OcrUnavailableError(OCR_MISSING)
    for line in ocr_image(data, ctx.options.timeout_seconds).splitlines():
        if line.strip():
            yield Block(line, location, ctx.part, ocr=True)
