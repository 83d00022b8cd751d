"""Choose the extractor for a file by its name, or by its first bytes when the name says nothing."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator

from ..errors import ArchiveBombError, ExtractionError, NestingTooDeepError, ScanError, UnsupportedFormatError
from ..model import Block
from .context import Context

WORD = {".docx", ".docm", ".dotx", ".dotm"}
EXCEL = {".xlsx", ".xlsm", ".xltx", ".xltm"}
POWERPOINT = {".pptx", ".pptm", ".potx", ".ppsx"}
ODF = {".odt", ".ods", ".odp", ".ott", ".ots", ".otp"}
TEXT = {".txt", ".md", ".markdown", ".text", ".log"}
HTML = {".html", ".htm", ".xhtml"}
IMAGES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".pnm", ".pbm", ".pgm", ".ppm"}
LEGACY = {".doc", ".dot", ".xls", ".xlt", ".ppt", ".pps", ".pot"}
SUPPORTED = WORD | EXCEL | POWERPOINT | ODF | TEXT | HTML | IMAGES | LEGACY | {".pdf", ".rtf", ".csv", ".eml", ".zip"}


def extension(name: str) -> str:
    """Return the lower-case extension of a file name, with its dot."""
    return posixpath.splitext(name.replace("\\", "/"))[1].lower()


def sniff(data: bytes) -> str | None:
    """Return the extension a file's first bytes suggest, or None."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return ".doc"
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8")):
        return ".png"
    return None


def blocks_of(data: bytes, name: str, ctx: Context) -> Iterator[Block]:
    """Yield the text blocks of a file given its bytes and its name."""
    ext = extension(name)
    if ext not in SUPPORTED:
        ext = sniff(data) or ext
    if ext not in SUPPORTED:
        raise UnsupportedFormatError(f"Không hỗ trợ định dạng {ext or '(không có phần mở rộng)'}")
    reader = _READERS.get(ext)
    if reader is not None:
        yield from reader(data, ctx)
    elif ext in WORD | EXCEL | POWERPOINT | ODF:
        yield from _package(data, ctx)
    elif ext == ".zip":
        yield from _zip(data, ctx)
    elif ext in LEGACY:
        from .ole import ole_blocks

        yield from _checked(data, ctx, ole_blocks, b"\xd0\xcf\x11\xe0")
    elif ext in IMAGES:
        from .ocr import image_blocks

        yield from image_blocks(data, ctx)


def _checked(
    data: bytes, ctx: Context, reader: Callable[[bytes, Context], Iterator[Block]], magic: bytes
) -> Iterator[Block]:
    if not data.startswith(magic):
        if sniff(data) is not None:
            yield from blocks_of(data, "x" + (sniff(data) or ""), ctx)
            return
        raise ExtractionError("Nội dung tệp không khớp với phần mở rộng")
    yield from reader(data, ctx)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ExtractionError("Tệp được mã hóa bằng mật khẩu, không đọc được") from exc
        raise ExtractionError(f"Tệp nén hỏng: {exc}") from exc


def _package(data: bytes, ctx: Context) -> Iterator[Block]:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractionError("Tệp được mã hóa bằng mật khẩu, không đọc được")
    archive = _open_zip(data)
    with archive:
        names = set(archive.namelist())
        try:
            if "[Content_Types].xml" in names:
                from .ooxml import ooxml_blocks

                yield from ooxml_blocks(archive, ctx)
            elif "content.xml" in names or "mimetype" in names:
                from .odf import odf_blocks

                yield from odf_blocks(archive, ctx)
            else:
                raise ExtractionError("Gói Office không có nội dung")
        except (zipfile.BadZipFile, EOFError, RuntimeError) as exc:
            raise ExtractionError(f"Gói Office hỏng: {exc}") from exc


def _zip(data: bytes, ctx: Context) -> Iterator[Block]:
    archive = _open_zip(data)
    with archive:
        names = set(archive.namelist())
        if ctx.depth == 0 and ("[Content_Types].xml" in names or "mimetype" in names):
            yield from _package(data, ctx)  # an office file under another name
            return
        if ctx.depth >= ctx.options.max_archive_depth:
            raise NestingTooDeepError("Tệp nén lồng nhau quá sâu")
        from .xmltext import read_member

        for info in archive.infolist():
            if info.is_dir():
                continue
            inner = ctx.inner(info.filename)
            try:
                if info.flag_bits & 0x1:
                    raise ExtractionError("thành phần được mã hóa bằng mật khẩu")
                member = read_member(archive, info, ctx)
                yield from blocks_of(member, info.filename, inner)
            except UnsupportedFormatError:
                continue
            except ArchiveBombError:
                raise
            except ScanError as exc:
                ctx.notes.append(f"{inner.part}: {exc}")
            except (zipfile.BadZipFile, EOFError, RuntimeError, OSError, ValueError) as exc:
                ctx.notes.append(f"{inner.part}: {exc}")


def _rtf(data: bytes, ctx: Context) -> Iterator[Block]:
    from .rtf import rtf_blocks

    return rtf_blocks(data, ctx)


def _pdf(data: bytes, ctx: Context) -> Iterator[Block]:
    from .pdf import pdf_blocks

    return pdf_blocks(data, ctx)


def _text(data: bytes, ctx: Context) -> Iterator[Block]:
    from .text import text_blocks

    return text_blocks(data, ctx)


def _csv(data: bytes, ctx: Context) -> Iterator[Block]:
    from .text import csv_blocks

    return csv_blocks(data, ctx)


def _html(data: bytes, ctx: Context) -> Iterator[Block]:
    from .text import html_blocks

    return html_blocks(data, ctx)


def _eml(data: bytes, ctx: Context) -> Iterator[Block]:
    from .text import eml_blocks

    return eml_blocks(data, ctx, _attachment)


def _attachment(data: bytes, name: str, ctx: Context) -> Iterator[Block]:
    if ctx.depth > ctx.options.max_archive_depth:
        raise NestingTooDeepError("Tệp đính kèm lồng nhau quá sâu")
    try:
        yield from blocks_of(data, name, ctx)
    except UnsupportedFormatError:
        return
    except ScanError as exc:
        ctx.notes.append(f"{ctx.part}: {exc}")


_READERS: dict[str, Callable[[bytes, Context], Iterator[Block]]] = {
    ".pdf": _pdf,
    ".rtf": _rtf,
    ".csv": _csv,
    ".eml": _eml,
    **{ext: _text for ext in TEXT},
    **{ext: _html for ext in HTML},
}
