"""bmnn.scan: find files that bear state-secret marks (dấu độ mật), without Django.

Public API::

    from bmnn.scan import scan_path, scan_file, scan_bytes, ScanOptions, Verdict

    for result in scan_path(["/srv/portal/uploads"], jobs=4):   # iterator of FileResult
        if result.verdict is Verdict.SECRET:
            print(result.path, result.level, [m.as_dict() for m in result.marks])

- :func:`scan_path` (paths, options=None, jobs=1, cache=None) walks files and folders and yields
  one :class:`FileResult` (alias :class:`ScanResult`) per file, clean ones included.
- :func:`scan_file` (path, options=None) and :func:`scan_bytes` (data, name, options=None) scan
  one file; they never raise for a bad file: the result has verdict ``error`` and an ``error``.
- :class:`FileResult` has ``path``, ``verdict`` (:class:`Verdict`), ``level`` (:class:`Level` or
  None, the highest level mark), ``marks`` (list of :class:`Mark`: ``kind`` (:class:`MarkKind`),
  ``level``, ``text``, ``location``, ``part``), ``error``; ``as_dict()`` gives the JSON object of
  ``bmnn-scan --format jsonl``.
- :func:`find_marks` and :func:`verdict_of` work on :class:`Block` values for callers that have
  their own text.
- :class:`ScanOptions` holds the per-file limits (size, time, archive depth and ratio, memory).
- :class:`ScanCache` is the optional re-scan cache (path, size, mtime, hash, verdict only).
- Exceptions: :mod:`bmnn.scan.errors` (all derive from :class:`ScanError`).

Fail closed: a file, or any part of it, that cannot be read is ``error``, never ``clean`` — a part
that cannot be decoded (XML is read in every encoding it allows: UTF-8, UTF-16 LE/BE with or
without a byte order mark, declared encodings), a damaged or encrypted file ("mã hóa"), a format
the scanner does not read, or a limit hit (size, nesting, time, PDF pages, OCR pages or seconds).
The format is told by the content (magic bytes), not by the name. ``bmnn-scan --gate FILE`` exits
0 (may publish), 1 (secret), 3 (could not be checked) or 2 (usage error).

A mark is a stamp standing on its own (its own paragraph, cell, text box, header line or
frame): TUYỆT MẬT, TỐI MẬT, MẬT, BẢN SAO SỐ …, TÀI LIỆU THU HỒI, CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ,
GIẢI MẬT, or a filled field "Độ mật: Tối mật". A file is ``secret`` when it has a level mark and
no GIẢI MẬT mark. The library reads files only; it writes no extracted text anywhere.
"""

from typing import TYPE_CHECKING

from .errors import (
    ArchiveBombError,
    ExtractionError,
    LimitExceededError,
    NestingTooDeepError,
    OcrUnavailableError,
    ScanError,
    ScanTimeoutError,
    UnsupportedFormatError,
)
from .marks import find_marks, verdict_of
from .model import Block, FileResult, Level, Mark, MarkKind, ScanOptions, ScanResult, Verdict
from .scanner import scan_bytes, scan_file, scan_path

if TYPE_CHECKING:
    from .cache import ScanCache


def __getattr__(name: str) -> object:
    # ScanCache needs sqlite3, slow to import: loaded when first asked for, so that bmnn-scan starts fast.
    if name == "ScanCache":
        from .cache import ScanCache

        return ScanCache
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ArchiveBombError",
    "Block",
    "ExtractionError",
    "FileResult",
    "Level",
    "LimitExceededError",
    "Mark",
    "MarkKind",
    "NestingTooDeepError",
    "OcrUnavailableError",
    "ScanCache",
    "ScanError",
    "ScanOptions",
    "ScanResult",
    "ScanTimeoutError",
    "UnsupportedFormatError",
    "Verdict",
    "find_marks",
    "scan_bytes",
    "scan_file",
    "scan_path",
    "verdict_of",
]
