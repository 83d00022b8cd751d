"""Scan files and folders: one :class:`~bmnn.scan.model.ScanResult` per file examined."""

from __future__ import annotations

import itertools
import os
import signal
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .errors import ExtractionError, LimitExceededError, ScanError, ScanTimeoutError
from .formats.context import Context
from .marks import find_marks, verdict_of
from .model import ScanOptions, ScanResult, Verdict

if TYPE_CHECKING:
    from .cache import ScanCache

__all__ = ["display_path", "iter_files", "scan_bytes", "scan_file", "scan_path"]

DEFAULT_OPTIONS = ScanOptions()


def display_path(path: str | bytes) -> str:
    """Return a path as printable text; bytes that are not UTF-8 show as \\xNN escapes."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def scan_bytes(data: bytes, name: str, options: ScanOptions | None = None, path: str | None = None) -> ScanResult:
    """Scan the content of one file held in memory; ``name`` gives its type by its extension."""
    options = options or DEFAULT_OPTIONS
    shown = path if path is not None else name
    ctx = Context(options)
    try:
        with _time_limit(options.timeout_seconds):
            marks = find_marks(_blocks(data, name, ctx))
    except ScanError as exc:
        return _failed(shown, str(exc), data, options)
    except MemoryError:
        return _failed(shown, "Vượt giới hạn bộ nhớ khi đọc tệp", data, options)
    except RecursionError:
        return _failed(shown, "Tệp lồng nhau quá sâu", data, options)
    except Exception as exc:
        return _failed(shown, f"Không đọc được tệp: {type(exc).__name__}: {exc}"[:300], data, options)
    verdict, level = verdict_of(marks)
    if ctx.notes and verdict is Verdict.CLEAN:
        # Part of the file could not be read: do not call it clean (a gate must fail closed).
        shown_notes = "; ".join(ctx.notes[:3]) + (" …" if len(ctx.notes) > 3 else "")
        return ScanResult(
            path=shown, verdict=Verdict.ERROR, marks=marks, error=f"Không đọc được một phần: {shown_notes}"
        )
    return ScanResult(
        path=shown,
        verdict=verdict,
        level=level,
        marks=marks,
        error=None,
        sha256=_sha256(data) if options.compute_hash else None,
    )


def _sha256(data: bytes) -> str:
    import hashlib  # loaded on demand: a sweep without --cache never hashes, and start-up counts

    return hashlib.sha256(data).hexdigest()


def _blocks(data: bytes, name: str, ctx: Context) -> Iterator[Any]:
    from .formats.dispatch import blocks_of

    return blocks_of(data, name, ctx)


def _failed(path: str, message: str, data: bytes | None, options: ScanOptions) -> ScanResult:
    digest = _sha256(data) if options.compute_hash and data is not None else None
    return ScanResult(path=path, verdict=Verdict.ERROR, error=message, sha256=digest)


def scan_file(path: str | os.PathLike[str], options: ScanOptions | None = None) -> ScanResult:
    """Scan one file (read-only); any failure becomes a result with verdict ``error``."""
    options = options or DEFAULT_OPTIONS
    shown = display_path(os.fspath(path))
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ExtractionError("Không phải tệp thông thường")
        kind = _streamed_kind(path, info.st_size, options)
        if kind is not None:
            return _scan_stream(path, shown, kind, options)
        if info.st_size > options.max_file_bytes:
            raise LimitExceededError(f"Tệp quá lớn ({info.st_size} byte), vượt giới hạn {options.max_file_bytes} byte")
        with open(path, "rb") as stream:
            data = stream.read(options.max_file_bytes + 1)
    except ScanError as exc:
        return _failed(shown, str(exc), None, options)
    except PermissionError:
        return _failed(shown, "Không có quyền đọc tệp", None, options)
    except OSError as exc:
        return _failed(shown, f"Không đọc được tệp: {exc.strerror or exc}", None, options)
    return scan_bytes(data, os.fsdecode(os.path.basename(os.fspath(path))), options, path=shown)


def _streamed_kind(path: str | os.PathLike[str], size: int, options: ScanOptions) -> str | None:
    """Return ".txt" or ".csv" for a large plain text file that is read in chunks, else None."""
    if size <= options.stream_text_bytes:
        return None
    from .formats.dispatch import TEXT, extension, sniff

    ext = extension(os.fsdecode(os.path.basename(os.fspath(path))))
    if ext not in TEXT and ext != ".csv":
        return None
    with open(path, "rb") as stream:
        if sniff(stream.read(1024)) is not None:
            return None  # another format under a text name: read by its content
    return ext if ext == ".csv" else ".txt"


def _scan_stream(path: str | os.PathLike[str], shown: str, kind: str, options: ScanOptions) -> ScanResult:
    """Scan a large text file in bounded chunks (memory stays small whatever its size)."""
    from .formats.text import stream_text_blocks

    ctx = Context(options)
    digest = None
    try:
        with open(path, "rb") as raw, _time_limit(options.timeout_seconds):
            stream = _Hashing(raw) if options.compute_hash else raw
            marks = find_marks(stream_text_blocks(stream, ctx, kind))
            if isinstance(stream, _Hashing):
                rest = bytearray(1 << 22)
                while stream.readinto(rest):
                    pass
                digest = stream.hexdigest()
    except ScanError as exc:
        return ScanResult(path=shown, verdict=Verdict.ERROR, error=str(exc))
    except OSError as exc:
        return ScanResult(path=shown, verdict=Verdict.ERROR, error=f"Không đọc được tệp: {exc.strerror or exc}")
    verdict, level = verdict_of(marks)
    return ScanResult(path=shown, verdict=verdict, level=level, marks=marks, sha256=digest)


class _Hashing:
    """A binary stream that hashes what is read through it."""

    def __init__(self, raw: Any) -> None:
        import hashlib

        self._raw = raw
        self._hash = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._raw.read(size)
        self._hash.update(data)
        return data

    def readinto(self, buffer: bytearray) -> int:
        size: int = self._raw.readinto(buffer)
        self._hash.update(memoryview(buffer)[:size])
        return size

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop the work with ScanTimeoutError after ``seconds`` (main thread on POSIX only)."""
    usable = seconds and hasattr(signal, "setitimer") and _in_main_thread()
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise ScanTimeoutError(f"Quá thời gian đọc tệp ({seconds:g} giây)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


# ---------------------------------------------------------------- walking


def iter_files(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Yield (path, problem) for every file under ``paths``; ``problem`` is set when it cannot be scanned.

    In folders, files of types the scanner does not read are skipped; a file named on its own is
    always examined.

    Symbolic links are followed; a link that leads back into a folder already being walked is
    reported once as a loop and not entered.
    """
    for root in paths:
        try:
            info = os.stat(root)
        except FileNotFoundError:
            yield root, "Không tìm thấy tệp hoặc thư mục (hoặc liên kết hỏng)"
            continue
        except OSError as exc:
            yield root, f"Không truy cập được: {exc.strerror or exc}"
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from (item for item in _walk(root, {(info.st_dev, info.st_ino)}) if _worth_reading(*item))
        else:
            yield root, None


def _walk(folder: str, ancestors: set[tuple[int, int]]) -> Iterator[tuple[str, str | None]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield folder, f"Không mở được thư mục: {exc.strerror or exc}"
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError as exc:
            yield entry.path, f"Không truy cập được: {exc.strerror or exc}"
            continue
        if is_dir:
            try:
                info = entry.stat(follow_symlinks=True)
            except OSError as exc:
                yield entry.path, f"Không truy cập được: {exc.strerror or exc}"
                continue
            key = (info.st_dev, info.st_ino)
            if key in ancestors:
                yield entry.path, "Vòng lặp liên kết tượng trưng: bỏ qua thư mục"
                continue
            yield from _walk(entry.path, ancestors | {key})
        elif entry.is_symlink() and not os.path.exists(entry.path):
            yield entry.path, "Liên kết tượng trưng hỏng hoặc lặp vòng"
        else:
            yield entry.path, None


def _worth_reading(path: str, problem: str | None) -> bool:
    """Tell whether a file met in a folder is one the scanner reads (by extension, else by its first bytes)."""
    from .formats.dispatch import SUPPORTED, extension, sniff

    if problem is not None or extension(os.fsdecode(path)) in SUPPORTED:
        return True
    try:
        with open(path, "rb") as stream:
            return sniff(stream.read(1024)) is not None
    except OSError:
        return True


def _scan_one(item: tuple[str, str | None, ScanOptions, ScanResult | None]) -> ScanResult:
    path, problem, options, known = item
    if known is not None:
        return known
    if problem is not None:
        return ScanResult(path=display_path(path), verdict=Verdict.ERROR, error=problem)
    return scan_file(path, options)


def _worker_init(memory_bytes: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_bytes:
        try:
            import resource

            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, ValueError, OSError):
            pass


def scan_path(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    options: ScanOptions | None = None,
    jobs: int = 1,
    cache: ScanCache | None = None,
) -> Iterator[ScanResult]:
    """Yield one result per file under ``paths`` (files or folders), as soon as each is known.

    With ``jobs`` > 1 the files are scanned by that many worker processes and results come in
    the order they finish. A :class:`~bmnn.scan.cache.ScanCache` skips files already found clean.
    """
    options = options or DEFAULT_OPTIONS
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    items = (
        (path, problem, options, cache.lookup(path) if cache is not None and problem is None else None)
        for path, problem in iter_files([os.fspath(p) for p in paths])
    )
    results = _run(items, options, jobs)
    for result in results:
        if cache is not None:
            cache.store(result.path, result)
        yield result


# Files handed to a worker at a time: small, so that a few large files do not leave a core idle at
# the end of a sweep (the cost of sending one path and one result is far below reading any file).
_CHUNK = 2


def _run(
    items: Iterator[tuple[str, str | None, ScanOptions, ScanResult | None]], options: ScanOptions, jobs: int
) -> Iterator[ScanResult]:
    first = list(itertools.islice(items, _PEEK))
    jobs = min(jobs, len(first))  # one file (a single large text) is read in this process: no pool to start
    if jobs <= 1:
        for item in itertools.chain(first, items):
            yield _scan_one(item)
        return
    import multiprocessing

    fork = sys.platform.startswith("linux")
    if fork:
        _preload(first, options)
    context = multiprocessing.get_context("fork" if fork else "spawn")
    with context.Pool(jobs, initializer=_worker_init, initargs=(options.max_memory_bytes,)) as pool:
        yield from pool.imap_unordered(_scan_one, _largest_first(itertools.chain(first, items)), chunksize=_CHUNK)


def _largest_first(items: Iterable[_Item]) -> Iterator[_Item]:
    """Hand out each run of files largest first: a long PDF met last would keep one worker busy alone."""
    items = iter(items)
    while window := list(itertools.islice(items, _PEEK)):
        yield from sorted(window, key=_size, reverse=True)


def _size(item: _Item) -> int:
    try:
        return os.stat(item[0]).st_size if item[1] is None and item[3] is None else 0
    except OSError:
        return 0


_Item = tuple[str, str | None, ScanOptions, ScanResult | None]
_PEEK = 64  # files looked at before the workers start: how many workers, and which readers they need


def _preload(first: list[tuple[str, str | None, ScanOptions, ScanResult | None]], options: ScanOptions) -> None:
    """Import, before the workers are forked, the readers the first files need, and find Tesseract once.

    Each worker would otherwise import them (and ask Tesseract for its languages) on its own: the
    same CPU time paid once per worker instead of once. Tesseract's library is not loaded here: a
    worker loads it when it first meets a stamp to read (most sweeps meet none), while the other
    worker goes on reading.
    """
    from .formats import dispatch

    kinds = {dispatch.extension(os.fsdecode(path)) for path, problem, _o, known in first if known is None}
    if kinds & {".pdf"}:
        import pypdfium2  # noqa: F401 - imported for the workers

        from .formats import pdf  # noqa: F401
    if kinds & (dispatch.WORD | dispatch.EXCEL | dispatch.POWERPOINT | dispatch.ODF):
        from .formats import odf, ooxml  # noqa: F401
    if options.ocr and kinds & (dispatch.IMAGES | {".pdf"} | dispatch.WORD | dispatch.POWERPOINT):
        import PIL.Image  # noqa: F401

        from .formats import ocr

        ocr.tesseract()
