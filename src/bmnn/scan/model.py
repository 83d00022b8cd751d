"""The values the scanner works with: levels, marks, blocks of text, results and options."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Block", "FileResult", "Level", "Mark", "MarkKind", "ScanOptions", "ScanResult", "Verdict"]


class Level(enum.StrEnum):
    """A secrecy level (độ mật), lowest first; compare with :attr:`rank`."""

    MAT = "MAT"
    TOI_MAT = "TOI_MAT"
    TUYET_MAT = "TUYET_MAT"

    @property
    def rank(self) -> int:
        """Return 1 for Mật, 2 for Tối mật, 3 for Tuyệt mật."""
        return _RANK[self]


_RANK = {Level.MAT: 1, Level.TOI_MAT: 2, Level.TUYET_MAT: 3}


class MarkKind(enum.StrEnum):
    """What a mark says."""

    LEVEL = "level"  # TUYỆT MẬT / TỐI MẬT / MẬT, or a filled "Độ mật:" field
    COPY = "copy"  # BẢN SAO SỐ ... / BẢN SỐ ...
    RECALL = "recall"  # TÀI LIỆU THU HỒI
    NAMED_RECIPIENT = "named_recipient"  # CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ
    DECLASSIFIED = "declassified"  # GIẢI MẬT


class Verdict(enum.StrEnum):
    """The answer for one file."""

    SECRET = "secret"  # noqa: S105 - a verdict, not a password
    CLEAN = "clean"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text as laid out in a file: a paragraph, a cell, a text box, a header line.

    ``location`` says where it was found ("page 1", "header", "Sheet1!B2", "slide 3").
    ``part`` names the document inside a container ("" for the file itself, "inner.zip/a.docx"
    for an archive member); each part gets its own verdict.
    ``span`` is how many blocks of the file this one stands for: a reader that found no candidate
    mark in a run of lines (a whole PDF page) passes them over as one block, counted as many, so
    that the distances between the blocks that remain are those of the file.
    """

    text: str
    location: str
    part: str = ""
    ocr: bool = False  # read by OCR: tolerate Tesseract's usual misreadings of the stamps
    span: int = 1


@dataclass(frozen=True, slots=True)
class Mark:
    """A mark found in a file."""

    kind: MarkKind
    level: Level | None
    text: str
    location: str
    part: str = ""

    def as_dict(self) -> dict[str, Any]:
        """Return the mark as the JSON object of the jsonl format."""
        return {
            "kind": self.kind.value,
            "level": self.level.value if self.level else None,
            "text": self.text,
            "location": self.where,
        }

    @property
    def where(self) -> str:
        """Return the location with the archive member in front: "inner.zip/a.docx: page 1"."""
        return f"{self.part}: {self.location}" if self.part else self.location


@dataclass(slots=True)
class ScanResult:
    """The verdict on one file, with the marks that led to it.

    ``error`` explains a verdict of ``error``; with another verdict it notes what could not be
    read (a truncated file, an archive member that failed), or is None.
    ``sha256`` is set when :attr:`ScanOptions.compute_hash` asked for it.
    """

    path: str
    verdict: Verdict
    level: Level | None = None
    marks: list[Mark] = field(default_factory=list)
    error: str | None = None
    sha256: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the result as the JSON object of the jsonl format (no other keys)."""
        return {
            "path": self.path,
            "verdict": self.verdict.value,
            "level": self.level.value if self.level else None,
            "marks": [mark.as_dict() for mark in self.marks],
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """Safety limits and switches; the defaults suit a sweep of an ordinary computer."""

    max_file_bytes: int = 256 * 1024 * 1024  # read at most this much of one file (text read in chunks: no limit)
    timeout_seconds: float = 120.0  # per file, enforced in the worker process
    max_archive_depth: int = 3  # zip inside zip inside zip
    max_archive_members: int = 10_000
    max_archive_total_bytes: int = 1024 * 1024 * 1024  # uncompressed, all members together
    max_compression_ratio: float = 200.0  # a member expanding more than this is a bomb
    max_member_bytes: int = 256 * 1024 * 1024  # one member (or one XML part) uncompressed
    ocr: bool = True  # use Tesseract when it is installed with Vietnamese data
    compute_hash: bool = False  # fill ScanResult.sha256
    max_memory_bytes: int = 2 * 1024 * 1024 * 1024  # address-space limit of each worker process
    stream_text_bytes: int = 16 * 1024 * 1024  # plain text files larger than this are read in chunks
    max_pages: int = 5_000  # pages of one PDF; more is an error (could not be checked)
    ocr_max_pages: int = 12  # images and image-only pages read by OCR in one file; more is an error
    ocr_seconds: float = 60.0  # OCR time budget of one file; running out is an error
    ocr_embedded_images: bool = True  # also read stamps pasted as pictures into documents and PDF pages
    ocr_jobs: int = 0  # Tesseract processes at once for one file (0: one per CPU)


FileResult = ScanResult  # the name the issue uses
