"""Exceptions raised by the scanner.

Every exception the library raises on purpose derives from :class:`ScanError`,
so a caller can catch that one class. The hierarchy::

    ScanError                      any failure to examine a file
    ├── UnsupportedFormatError     the file's type is not one the scanner reads
    ├── ExtractionError            the file could not be read or parsed (corrupt, encrypted, unreadable)
    ├── OcrUnavailableError        the text is only in images and Tesseract with Vietnamese data is missing
    └── LimitExceededError         a safety limit stopped the scan
        ├── ArchiveBombError       an archive expands too much (ratio, total size or member count)
        ├── NestingTooDeepError    archives nested deeper than allowed
        └── ScanTimeoutError       the file took longer than the per-file time limit

Scanning functions such as :func:`bmnn.scan.scan_file` never let these escape:
they turn them into a :class:`~bmnn.scan.ScanResult` with verdict ``error``.
They are raised by the extractors and are public so that callers of the
lower-level pieces can tell failures apart.
"""

from __future__ import annotations

__all__ = [
    "ArchiveBombError",
    "ExtractionError",
    "LimitExceededError",
    "NestingTooDeepError",
    "OcrUnavailableError",
    "ScanError",
    "ScanTimeoutError",
    "UnsupportedFormatError",
]


class ScanError(Exception):
    """Base class: a file could not be examined."""


class UnsupportedFormatError(ScanError):
    """The file's type is not one the scanner reads."""


class ExtractionError(ScanError):
    """The file could not be read or parsed: corrupt, encrypted or unreadable."""


class OcrUnavailableError(ScanError):
    """The text is only in images and Tesseract with Vietnamese data is not installed."""


class LimitExceededError(ScanError):
    """A safety limit (size, time, nesting) stopped the scan of a file."""


class ArchiveBombError(LimitExceededError):
    """An archive expands too much: compression ratio, total size or member count."""


class NestingTooDeepError(LimitExceededError):
    """Archives (or containers) are nested deeper than allowed."""


class ScanTimeoutError(LimitExceededError):
    """The file took longer than the per-file time limit."""
