"""What every extractor is handed: the limits, the archive budget and where it stands in a container."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import ScanOptions


@dataclass(slots=True)
class Budget:
    """Uncompressed bytes and members already taken by the archives of one file."""

    total_bytes: int = 0
    members: int = 0
    ocr_pages: int = 0  # images and pages given to OCR so far
    ocr_seconds: float = 0.0  # time spent in OCR so far


@dataclass(slots=True)
class Context:
    """The options, the nesting depth, the part name ("inner.zip/a.docx") and the shared budget."""

    options: ScanOptions
    part: str = ""
    depth: int = 0
    budget: Budget = field(default_factory=Budget)
    notes: list[str] = field(default_factory=list)  # members that could not be read

    def inner(self, name: str) -> Context:
        """Return the context for a member ``name`` one level down."""
        part = f"{self.part}/{name}" if self.part else name
        return Context(self.options, part, self.depth + 1, self.budget, self.notes)
