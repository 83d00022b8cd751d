"""Choose the extractor for a file by its name, or by its first bytes when the name says nothing."""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..errors import ArchiveBombError, ExtractionError, NestingTooDeepError, ScanError, UnsupportedFormatError
from ..model import Block
from .context import Context

if TYPE_CHECKING:  # zipfile is imported where a zip is opened: a plain text file never needs it
    import zipfile

WORD = {".docx", ".docm", ".dotx", ".dotm"}
EXCEL = {".xlsx", ".xlsm", ".xltx", ".xltm"}
POWERPOINT = {".pptx", ".pptm", ".potx", ".ppsx"}
ODF = {".odt", ".ods", ".odp", ".ott", ".ots", ".otp"}
TEXT = {".txt", ".md", ".markdown", ".text", ".log"}
HTML = {".html", ".htm", ".xhtml"}
IMAGES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".pnm", ".pbm", ".pgm", ".ppm"}
LEGACY = {".doc", ".dot", ".xls", ".xlt", ".ppt", ".pps", ".pot"}
ARCHIVES = {".zip", ".7z", ".gz", ".tgz", ".bz2", ".tbz", ".tbz2", ".xz", ".txz", ".tar", ".rar"}
TEXTUAL = TEXT | HTML | {".csv", ".eml"}
SUPPORTED = WORD | EXCEL | POWERPOINT | ODF | TEXTUAL | IMAGES | LEGACY | ARCHIVES | {".pdf", ".rtf"}

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")


def extension(name: str) -> str:
    """Return the lower-case extension of a file name, with its dot."""
    return posixpath.splitext(name.replace("\\", "/"))[1].lower()


def sniff(data: bytes) -> str | None:
    """Return the family a file's first bytes show (".pdf", ".zip", ".doc", ".7z"...), or None.

    The content decides, never the name: a Word file saved as ".pdf" is read as Word. Reads at most
    the first 1,024 bytes (a PDF header may follow some junk; a tar header sits at byte 257).
    """
    head = data[:16]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return ".zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return ".doc"
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return ".7z"
    if head.startswith(b"Rar!\x1a\x07"):
        return ".rar"
    if head.startswith(b"\x1f\x8b"):
        return ".gz"
    if head.startswith(b"BZh") and head[3:4].isdigit():
        return ".bz2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return ".xz"
    if head.startswith(_IMAGE_MAGIC[:5]) or (head.startswith(b"BM") and len(data) > 26 and data[6:10] == b"\x00" * 4):
        return ".png"
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return ".png"
    if b"%PDF" in data[:1024]:
        return ".pdf"
    if data[257:262] == b"ustar":
        return ".tar"
    return None


def looks_like_text(data: bytes) -> bool:
    """Tell whether bytes without a known signature are text (no NUL byte early on, or a UTF-16 BOM)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in data[:8192]


def family(data: bytes, name: str) -> str:
    """Return the extension whose reader must read ``data``: by content first, by name for text formats."""
    ext = extension(name)
    found = sniff(data)
    if found is not None:
        return found
    if ext in TEXTUAL:
        return ext
    if ext in SUPPORTED:
        # A binary format without its signature: a web page or text saved under that name is read as
        # such (agencies' systems export .xls and .doc that are HTML); anything else cannot be checked.
        if not data.strip():
            raise ExtractionError(f"Tệp {ext} rỗng: không kiểm tra được")
        if looks_like_text(data):
            head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
            return ".html" if head.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<")) else ".txt"
        raise ExtractionError(f"Nội dung tệp không khớp với phần mở rộng {ext}: không kiểm tra được")
    raise UnsupportedFormatError(f"Không hỗ trợ định dạng {ext or '(không có phần mở rộng)'}")


def blocks_of(data: bytes, name: str, ctx: Context) -> Iterator[Block]:
    """Yield the text blocks of a file given its bytes and its name (the content decides the format)."""
    ext = family(data, name)
    reader = _READERS.get(ext)
    if reader is not None:
        yield from reader(data, ctx)
    elif ext == ".zip":
        yield from _zip(data, ctx)
    elif ext == ".doc":
        yield from _ole(data, ctx)
    elif ext == ".png":
        from .ocr import image_blocks

        yield from image_blocks(data, ctx)
    elif ext == ".rar":
        raise ExtractionError("Tệp nén RAR chưa đọc được: không kiểm tra được")
    else:
        from .archives import archive_blocks

        yield from archive_blocks(data, ext, name, ctx, _member_blocks)


def _ole(data: bytes, ctx: Context) -> Iterator[Block]:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"Tệp Office cũ hỏng: {exc}") from exc
    with ole:
        encrypted = ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo")
    if encrypted:
        raise ExtractionError("Tệp được mã hóa bằng mật khẩu, không đọc được")
    from .ole import ole_blocks

    yield from ole_blocks(data, ctx)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    import zipfile

    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExtractionError(f"Tệp nén hỏng: {exc}") from exc


_MEDIA = re.compile(r"(?:word/media|xl/media|ppt/media|Pictures)/[^/]+\.(?:png|jpe?g|gif|bmp|tiff?)", re.I)


def _package(archive: zipfile.ZipFile, names: set[str], ctx: Context) -> Iterator[Block]:
    import zipfile

    try:
        if "[Content_Types].xml" in names:
            from .ooxml import ooxml_blocks

            yield from ooxml_blocks(archive, ctx)
        else:
            from .odf import odf_blocks

            yield from odf_blocks(archive, ctx)
        media = sorted(name for name in names if _MEDIA.fullmatch(name))
        if media:
            from .ocr import embedded_images
            from .xmltext import read_member

            pictures = (
                (name, archive.getinfo(name).file_size, functools.partial(_media_head, archive, name),
                 functools.partial(read_member, archive, archive.getinfo(name), ctx))
                for name in media
            )  # fmt: skip
            yield from embedded_images(pictures, ctx)
    except (zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError, zlib.error) as exc:
        raise ExtractionError(f"Gói Office hỏng: {exc}") from exc


def _media_head(archive: zipfile.ZipFile, name: str) -> bytes:
    """Return the first bytes of a picture, enough for its format and size."""
    with archive.open(name) as stream:
        return stream.read(65536)


def _zip(data: bytes, ctx: Context) -> Iterator[Block]:
    archive = _open_zip(data)
    with archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" in names or "content.xml" in names or _odf_mimetype(archive, names):
            yield from _package(archive, names, ctx)  # an office file, whatever its name
            return
        if ctx.depth >= ctx.options.max_archive_depth:
            raise NestingTooDeepError("Tệp nén lồng nhau quá sâu")
        for info in archive.infolist():
            if info.is_dir():
                continue
            yield from _member_blocks(info.filename, functools.partial(_zip_member, archive, info, ctx), ctx)


def _odf_mimetype(archive: zipfile.ZipFile, names: set[str]) -> bool:
    if "mimetype" not in names:
        return False
    with archive.open("mimetype") as stream:
        return stream.read(64).startswith(b"application/vnd.oasis.opendocument")


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: Context) -> bytes:
    from .xmltext import read_member

    if info.flag_bits & 0x1:
        raise ExtractionError("thành phần được mã hóa bằng mật khẩu, không đọc được")
    return read_member(archive, info, ctx)


def _member_blocks(name: str, load: Callable[[], bytes], ctx: Context) -> Iterator[Block]:
    """Yield the blocks of one archive member; a member that fails is noted (the file becomes ``error``)."""
    import zipfile

    inner = ctx.inner(name)
    try:
        member = load()
        yield from blocks_of(member, name, inner)
    except UnsupportedFormatError:
        return
    except ArchiveBombError:
        raise
    except ScanError as exc:
        ctx.notes.append(f"{inner.part}: {exc}")
    except (zipfile.BadZipFile, EOFError, RuntimeError, OSError, ValueError, NotImplementedError, zlib.error) as exc:
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
