"""Optical character recognition through the ``tesseract`` program (Vietnamese data), within a budget.

Pages go to the ``tesseract`` program on its standard input and the text comes back on its
standard output; the small red crops of stamps are read by Tesseract's library loaded once in
this process (:mod:`.tesslib`), which saves the program's start on each. Nothing is written to
disk. Each file has a budget (:attr:`ScanOptions.ocr_max_pages` images or pages,
:attr:`ScanOptions.ocr_seconds` seconds); running out of it is an error, never "clean". Several
pages of one file are read at once (one Tesseract process per CPU).

Red regions first: a stamp is red. Besides the whole page, the red part of an image on paper
(cropped, its frame erased, enlarged when small) is read on its own, which Tesseract reads far
better than a stamp among the lines of a page. Pictures embedded in documents (a stamp pasted as
a picture, a scanned page inside a .docx) are read when they have red ink on paper or look like a
page of text; photographs are not read.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import ExtractionError, LimitExceededError, OcrUnavailableError
from ..model import Block
from . import tesslib
from .context import Context

OCR_MISSING = "Cần OCR: tệp chỉ có ảnh mà máy chưa cài Tesseract với dữ liệu tiếng Việt (tesseract-ocr-vie)"
_DPI = 200  # pages are rendered at this resolution for OCR: stamps and body text read well
_SMALL = 48  # pictures smaller than this (pixels, either side) are icons and rules, never read
_PHOTO_BYTES_PER_PIXEL = 0.6  # a compressed picture this dense is a photograph, not a stamp or a scanned page


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


_ENV = {"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}


# ---------------------------------------------------------------- the budget and parallel reading


@dataclass(frozen=True, slots=True)
class Job:
    """One image to read: where it is ("page 3", "image word/media/image1.png"), the picture, the page mode."""

    location: str
    image: Any  # a Pillow image, read in shades of grey
    psm: int = 3  # a page: Tesseract's own layout analysis (a stamp in a frame is read)

    @property
    def crop(self) -> bool:
        """A red region cut out of a page: small, read by the library in this process when it is loaded."""
        return self.psm == _SPARSE and self.image.width * self.image.height <= _CROP_PIXELS


_SPARSE = 11  # Tesseract's page mode for scattered words: a stamp on its own
_CROP_PIXELS = 4_000_000  # a crop larger than this (never seen: stamps are a few hundred pixels) goes to the program


def _take(ctx: Context, count: int) -> None:
    budget, options = ctx.budget, ctx.options
    if budget.ocr_pages + count > options.ocr_max_pages:
        raise LimitExceededError(
            f"Vượt ngân sách OCR: cần đọc hơn {options.ocr_max_pages} ảnh hoặc trang bằng OCR; không kiểm tra được"
        )
    budget.ocr_pages += count


def _remaining(ctx: Context) -> float:
    left = ctx.options.ocr_seconds - ctx.budget.ocr_seconds
    if left <= 0:
        raise LimitExceededError(
            f"Vượt ngân sách thời gian OCR ({ctx.options.ocr_seconds:g} giây cho một tệp); không kiểm tra được"
        )
    return left


def run_jobs(jobs: list[Job], ctx: Context, pages: bool = True) -> Iterator[Block]:
    """Read the images with Tesseract, several at once, within the file's budget.

    ``pages`` counts the images against the page budget; the small red crops only spend time.
    """
    if not jobs:
        return
    binary = tesseract()
    if binary is None or not ctx.options.ocr:
        raise OcrUnavailableError(OCR_MISSING)
    if pages:
        _take(ctx, len(jobs))
    _remaining(ctx)
    parallel = max(1, min(len(jobs), ctx.options.ocr_jobs or os.cpu_count() or 1))
    started = time.monotonic()
    deadline = started + ctx.options.ocr_seconds - ctx.budget.ocr_seconds

    library = tesslib.engine() if any(job.crop for job in jobs) else None

    def read(job: Job) -> str:
        left = deadline - time.monotonic()
        if left <= 0:
            raise subprocess.TimeoutExpired("tesseract", 0)
        if library is not None and job.crop:
            text = library.read(job.image, job.psm, left)
        else:
            text = _program(binary, job, left)
        if text is None:
            raise ExtractionError(f"Tesseract không đọc được ảnh ({job.location})")
        return text

    from concurrent.futures import ThreadPoolExecutor

    try:
        with ThreadPoolExecutor(parallel) as pool:
            futures = [pool.submit(read, job) for job in jobs]
            try:
                texts = [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    except (subprocess.TimeoutExpired, TimeoutError) as exc:
        raise LimitExceededError(
            f"Vượt ngân sách thời gian OCR ({ctx.options.ocr_seconds:g} giây cho một tệp); không kiểm tra được"
        ) from exc
    finally:
        ctx.budget.ocr_seconds += time.monotonic() - started
    for job, text in zip(jobs, texts, strict=True):
        for line in text.splitlines():
            if line.strip():
                yield Block(line, job.location, ctx.part, ocr=True)


def _program(binary: str, job: Job, seconds: float) -> str | None:
    """Read one image with the ``tesseract`` program, killed past ``seconds``; None if it fails."""
    done = subprocess.run(  # noqa: S603
        [binary, "stdin", "stdout", "-l", "vie", "--psm", str(job.psm)],
        input=_pgm(job.image),
        capture_output=True,
        timeout=seconds,
        check=False,
        env=_ENV,
    )
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


# ---------------------------------------------------------------- looking at pictures


def _red_box(image: Any) -> tuple[int, int, int, int] | None:
    """Return the box around the red ink of an image (a stamp on paper), or None.

    Red ink counts when there is enough of it and it lies on paper: inside the box around it, red
    and light pixels make most of the area (a photograph, whose reds are scattered among every
    other colour, is not a stamp).
    """
    from PIL import ImageChops

    small = image.convert("RGB")
    small.thumbnail((400, 400))
    red, green, blue = small.split()
    mask = ImageChops.multiply(
        red.point(lambda v: 255 if v > 140 else 0),
        ImageChops.multiply(green.point(lambda v: 255 if v < 120 else 0), blue.point(lambda v: 255 if v < 120 else 0)),
    )
    count = mask.histogram()[255]
    if count < max(12, small.width * small.height // 2000):
        return None
    box = mask.getbbox()
    if box is None:
        return None
    light = small.convert("L").point(lambda v: 255 if v > 190 else 0)
    paper = ImageChops.lighter(light, mask).crop(box).histogram()[255]
    area = max(1, (box[2] - box[0]) * (box[3] - box[1]))
    if paper < 0.8 * area or count < 0.01 * area:
        return None
    scale_x, scale_y = image.width / small.width, image.height / small.height
    pad = 4
    left, top, right, bottom = box
    return (
        max(0, int((left - pad) * scale_x)),
        max(0, int((top - pad) * scale_y)),
        min(image.width, int((right + pad) * scale_x)),
        min(image.height, int((bottom + pad) * scale_y)),
    )


def _looks_like_text_page(image: Any) -> bool:
    """A scanned page: mostly white paper with some dark ink (a photograph is neither)."""
    gray = image.convert("L")
    gray.thumbnail((200, 200))
    histogram = gray.histogram()
    total = sum(histogram) or 1
    white = sum(histogram[200:]) / total
    dark = sum(histogram[:100]) / total
    return white > 0.6 and 0.005 < dark < 0.35


def _pgm(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PPM")
    return buffer.getvalue()


_RULE = re.compile(rb"\x00{60,}")


def _page_without_rules(image: Any) -> Any:
    """Return a page in black and white with its long straight lines erased (stamp frames, table rules).

    Tesseract skips a word drawn inside a rectangle; a run of 60 dark pixels or more in a row or a
    column is a rule, never a letter, and is whitened.
    """
    from PIL import Image

    binary = image.convert("L").point(lambda v: 0 if v < 160 else 255)
    for turn in (False, True):
        work = binary.transpose(Image.Transpose.ROTATE_90) if turn else binary
        width = work.width
        data = bytearray(work.tobytes())
        for match in _RULE.finditer(data):
            start, end = match.span()
            if start // width == (end - 1) // width:  # within one row
                data[start:end] = b"\xff" * (end - start)
            else:
                row_end = (start // width + 1) * width
                data[start:row_end] = b"\xff" * (row_end - start)
        work.frombytes(bytes(data))
        binary = work.transpose(Image.Transpose.ROTATE_270) if turn else work
    return binary


def _stamp_job(image: Any, box: tuple[int, int, int, int], location: str) -> Job:
    """Crop a red region, keep its ink in black on white, erase the stamp's frame, and enlarge it if small."""
    from PIL import ImageChops, ImageOps

    crop = image.crop(box).convert("RGB")
    if crop.height < 120:
        factor = 120 / max(crop.height, 1)
        crop = crop.resize((max(1, int(crop.width * factor)), 120))
    red, green, _blue = crop.split()
    # Ink is where red clearly dominates green (the stamp) or where the pixel is dark (black text).
    stamp_ink = ImageChops.subtract(red, green).point(lambda v: 255 if v > 60 else 0)
    dark_ink = red.point(lambda v: 255 if v < 90 else 0)
    binary = _without_frame(ImageChops.invert(ImageChops.lighter(stamp_ink, dark_ink)))
    return Job(f"{location} (vùng đỏ)", ImageOps.expand(binary, 24, 255), psm=_SPARSE)


def _without_frame(binary: Any) -> Any:
    """White out rows and columns that are mostly ink: the rectangle drawn around a stamp."""
    width, height = binary.size
    data = bytearray(binary.tobytes())
    for y in range(height):
        row = data[y * width : (y + 1) * width]
        if row.count(0) > 0.6 * width:
            data[y * width : (y + 1) * width] = b"\xff" * width
    columns = [data[x::width] for x in range(width)]
    for x, column in enumerate(columns):
        if column.count(0) > 0.6 * height:
            data[x::width] = b"\xff" * height
    binary.frombytes(bytes(data))
    return binary


def _open(data: bytes) -> Any:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ExtractionError(f"Ảnh hỏng hoặc không đọc được: {exc}") from exc
    return image


def _read_pages(pages: list[tuple[str, Any]], ctx: Context) -> Iterator[Block]:
    """Read whole pages that must be read (image files, image-only PDF pages), red regions first."""
    stamps = [_stamp_job(image, box, where) for where, image in pages if (box := _red_box(image)) is not None]
    # The red crops are read first and the whole pages after: a GIẢI MẬT stamp elsewhere on the
    # page must be seen too, so a level read in a crop does not end the reading.
    yield from run_jobs(stamps, ctx, pages=False)
    yield from run_jobs([Job(where, _page_without_rules(image)) for where, image in pages], ctx)


def image_blocks(data: bytes, ctx: Context, location: str = "image") -> Iterator[Block]:
    """Yield the lines Tesseract reads in an image file (a scanned page, a photographed stamp)."""
    if not ctx.options.ocr or tesseract() is None:
        raise OcrUnavailableError(OCR_MISSING)
    image = _open(data)
    frames = getattr(image, "n_frames", 1)
    pages = []
    for frame in range(min(frames, ctx.options.ocr_max_pages + 1)):
        image.seek(frame)
        pages.append((location if frames == 1 else f"{location} {frame + 1}", image.copy()))
    if frames > ctx.options.ocr_max_pages:
        _take(ctx, frames)  # raises: more pages than the budget
    yield from _read_pages(pages, ctx)


def pdf_page_images(pdf: Any, blind: list[int], pictured: list[int], ctx: Context) -> Iterator[Block]:
    """Read image-only PDF pages (all of them) and the red regions of pages that have text and pictures."""
    if blind and (not ctx.options.ocr or tesseract() is None):
        raise OcrUnavailableError(OCR_MISSING)
    if blind and len(blind) + ctx.budget.ocr_pages > ctx.options.ocr_max_pages:
        _take(ctx, len(blind))  # raises before any page is rendered
    if blind:
        pages = [(f"page {index + 1}", _render(pdf, index, _native_dpi(pdf, index))) for index in blind]
        yield from _read_pages(pages, ctx)
    if pictured and tesseract() is not None and ctx.options.ocr:
        stamps = []
        for index in pictured:
            _remaining(ctx)
            preview = _render(pdf, index, 72)
            box = _red_box(preview)
            if box is not None:
                scale = _DPI / 72
                full = _render(pdf, index, _DPI)
                scaled = tuple(int(v * scale) for v in box)
                stamps.append(_stamp_job(full, scaled, f"page {index + 1}"))  # type: ignore[arg-type]
        yield from run_jobs(stamps, ctx, pages=False)


def _native_dpi(pdf: Any, index: int) -> int:
    """Return the resolution of the largest picture on a page (a scan), between 72 and 300 dpi.

    Rendering a scan at its own resolution gives Tesseract the letters at the size it reads best;
    enlarging a 150 dpi scan to 300 dpi makes a lone large stamp harder to read, not easier.
    """
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        best = 0.0
        for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=1):
            width_px, _height_px = image.get_px_size()
            left, _bottom, right, _top = image.get_bounds()
            if right - left > 1:
                best = max(best, width_px / ((right - left) / 72))
        return int(min(300, max(72, best))) if best else _DPI
    except Exception:  # a picture PDFium cannot measure: the default resolution
        return _DPI
    finally:
        page.close()


def _render(pdf: Any, index: int, dpi: int) -> Any:
    page = pdf[index]
    try:
        return page.render(scale=dpi / 72).to_pil()
    finally:
        page.close()


def embedded_images(
    pictures: Iterable[tuple[str, int, Callable[[], bytes], Callable[[], bytes]]], ctx: Context
) -> Iterator[Block]:
    """Read the pictures of a document that may hold a stamp or text (red region, or a page of text).

    ``pictures`` gives, for each, its name, its size, its first bytes and all its bytes (on demand).
    Without Tesseract they are passed over: the document's own text was read. Photographs (told
    by how densely they compress, from the header alone) and small icons are never read.
    """
    if not (ctx.options.ocr and ctx.options.ocr_embedded_images) or tesseract() is None:
        return
    stamps: list[Job] = []
    pages: list[Job] = []
    for name, size, head, load in pictures:
        if size < 1024 or _photo_or_icon(head(), size):
            continue
        try:
            data = load()
            preview = _preview(data)
            if preview is None:
                continue
            box = _red_box(preview)
            if box is not None:
                image = _open(data)
                scale_x, scale_y = image.width / preview.width, image.height / preview.height
                full = (int(box[0] * scale_x), int(box[1] * scale_y), int(box[2] * scale_x), int(box[3] * scale_y))
                stamps.append(_stamp_job(image, full, f"image {name}"))
            elif _looks_like_text_page(preview):
                pages.append(Job(f"image {name}", _open(data)))
        except ExtractionError:
            continue  # a picture format Pillow does not read (EMF, WMF): not a scan
    yield from run_jobs(stamps, ctx, pages=False)
    yield from run_jobs(pages, ctx)


def _photo_or_icon(head: bytes, size: int) -> bool:
    """Tell from a picture's header whether it is an icon or a photograph (never read)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(head))
        width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return False  # the header did not say: look at the whole picture
    return width < _SMALL or height < _SMALL or size > _PHOTO_BYTES_PER_PIXEL * width * height


def _preview(data: bytes) -> Any:
    """Open a picture small enough to judge it (JPEGs decoded at a reduced scale); None for icons."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        if image.width < _SMALL or image.height < _SMALL:
            return None
        if len(data) > _PHOTO_BYTES_PER_PIXEL * image.width * image.height:
            return None  # detail everywhere: a photograph; ink on paper compresses far better
        if image.format == "JPEG":
            image.draft("RGB", (max(_SMALL, image.width // 8), max(_SMALL, image.height // 8)))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ExtractionError(str(exc)) from exc
    return image
