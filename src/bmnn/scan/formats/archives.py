"""Archives other than zip: 7z (py7zr), tar, and gzip / bzip2 / xz streams (standard library).

Every member is read within the same limits as a zip member (size, ratio, total, count, depth);
an encrypted archive or member cannot be checked and makes the file ``error``.
"""

from __future__ import annotations

import bz2
import functools
import gzip
import io
import lzma
import posixpath
import tarfile
from collections.abc import Callable, Iterator

from ..errors import ArchiveBombError, ExtractionError, NestingTooDeepError
from ..model import Block
from .context import Context

MemberReader = Callable[[str, Callable[[], bytes], Context], Iterator[Block]]

_STREAMS: dict[str, Callable[..., io.BufferedIOBase]] = {
    ".gz": gzip.GzipFile,
    ".bz2": bz2.BZ2File,
    ".xz": lzma.LZMAFile,
}


def archive_blocks(data: bytes, ext: str, name: str, ctx: Context, member: MemberReader) -> Iterator[Block]:
    """Yield the blocks of every member of a 7z, tar or compressed file (``ext`` as sniffed)."""
    if ctx.depth >= ctx.options.max_archive_depth:
        raise NestingTooDeepError("Tệp nén lồng nhau quá sâu")
    if ext == ".7z":
        yield from _seven_zip(data, ctx, member)
    elif ext == ".tar":
        yield from _tar(data, ctx, member)
    elif ext in _STREAMS:
        inner = _decompress(data, ext, ctx)
        if inner[257:262] == b"ustar":
            yield from _tar(inner, ctx, member)
        else:
            base = posixpath.basename(name.replace("\\", "/"))
            stem = posixpath.splitext(base)[0] or base
            if stem.lower().endswith((".tgz", ".tbz", ".tbz2", ".txz")):
                stem = stem[: stem.rfind(".")] + ".tar"
            yield from member(stem, lambda: inner, ctx)
    else:
        raise ExtractionError(f"Không đọc được tệp nén {ext}: không kiểm tra được")


def _take(ctx: Context, size: int, compressed: int, name: str) -> None:
    """Count one member against the limits before it is read (ArchiveBombError when it is too much)."""
    options = ctx.options
    ctx.budget.members += 1
    if ctx.budget.members > options.max_archive_members:
        raise ArchiveBombError("Quá nhiều tệp trong tệp nén")
    if size > options.max_member_bytes:
        raise ArchiveBombError(f"Thành phần quá lớn khi giải nén: {name}")
    if compressed and size > 1024 * 1024 and size / compressed > options.max_compression_ratio:
        raise ArchiveBombError(f"Tỷ lệ nén bất thường (bom nén): {name}")
    ctx.budget.total_bytes += size
    if ctx.budget.total_bytes > options.max_archive_total_bytes:
        raise ArchiveBombError("Tổng dung lượng giải nén vượt giới hạn")


def _decompress(data: bytes, ext: str, ctx: Context) -> bytes:
    limit = ctx.options.max_member_bytes
    try:
        with _STREAMS[ext](fileobj=io.BytesIO(data)) as stream:
            inner = stream.read(limit + 1)
    except (OSError, EOFError, ValueError, lzma.LZMAError) as exc:
        raise ExtractionError(f"Tệp nén {ext} hỏng: {exc}") from exc
    if len(inner) > limit:
        raise ArchiveBombError("Thành phần quá lớn khi giải nén")
    _take(ctx, len(inner), len(data), ext)
    return inner


def _tar(data: bytes, ctx: Context, member: MemberReader) -> Iterator[Block]:
    try:
        archive = tarfile.open(fileobj=io.BytesIO(data), mode="r:")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ExtractionError(f"Tệp tar hỏng: {exc}") from exc
    with archive:
        while True:
            try:
                info = archive.next()
            except (tarfile.TarError, OSError, EOFError) as exc:
                raise ExtractionError(f"Tệp tar hỏng: {exc}") from exc
            if info is None:
                return
            if not info.isfile():
                continue

            yield from member(info.name, functools.partial(_tar_member, archive, info, ctx), ctx)


def _tar_member(archive: tarfile.TarFile, info: tarfile.TarInfo, ctx: Context) -> bytes:
    _take(ctx, info.size, 0, info.name)
    stream = archive.extractfile(info)
    if stream is None:
        raise ExtractionError(f"Không đọc được thành phần {info.name}")
    return stream.read()


def _seven_zip(data: bytes, ctx: Context, member: MemberReader) -> Iterator[Block]:
    import py7zr
    import py7zr.exceptions
    import py7zr.io

    errors = (py7zr.exceptions.ArchiveError, py7zr.exceptions.Bad7zFile, EOFError, OSError, ValueError, KeyError)
    try:
        archive = py7zr.SevenZipFile(io.BytesIO(data), mode="r")
    except py7zr.exceptions.PasswordRequired as exc:
        raise ExtractionError("Tệp nén 7z được mã hóa bằng mật khẩu, không đọc được") from exc
    except (*errors, py7zr.exceptions.UnsupportedCompressionMethodError) as exc:
        raise ExtractionError(f"Tệp nén 7z hỏng: {exc}") from exc
    with archive:
        if archive.needs_password():
            raise ExtractionError("Tệp nén 7z được mã hóa bằng mật khẩu, không đọc được")
        infos = [info for info in archive.list() if not info.is_directory]
        for info in infos:
            _take(ctx, info.uncompressed, 0, info.filename)
        packed = len(data)
        total = sum(info.uncompressed for info in infos)
        if total > 1024 * 1024 and total / max(packed, 1) > ctx.options.max_compression_ratio:
            raise ArchiveBombError("Tỷ lệ nén bất thường (bom nén)")
        factory = py7zr.io.BytesIOFactory(ctx.options.max_member_bytes + 1)
        try:
            archive.extractall(factory=factory)  # noqa: S202 - into memory (the factory), never to disk
        except (*errors, py7zr.exceptions.CrcError, py7zr.exceptions.DecompressionError) as exc:
            raise ExtractionError(f"Tệp nén 7z hỏng: {exc}") from exc
        except py7zr.exceptions.UnsupportedCompressionMethodError as exc:
            raise ExtractionError(f"Tệp nén 7z dùng phương pháp nén chưa hỗ trợ: {exc}") from exc
    for info in infos:
        product = factory.products.get(info.filename)

        def load(product: py7zr.io.Py7zBytesIO | None = product) -> bytes:
            if product is None:
                raise ExtractionError("Không giải nén được thành phần")
            product.seek(0)
            return product.read()

        yield from member(info.filename, load, ctx)
