"""The pre-publication gate: scan an uploaded file, keep only the verdict and the hash, audit it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.uploadscan import CLEAN, MARKED, scan_upload
from bmnn.org.models import Person
from bmnn.scan import Level, Mark, MarkKind, Verdict

from .models import GateCheck


@dataclass(frozen=True)
class GateOutcome:
    """The stored check, plus the marks to show once (they are never stored)."""

    check: GateCheck
    marks: list[Mark]
    error: str | None


def file_check(*, actor: Person | None, name: str, chunks: Iterable[bytes]) -> GateOutcome:
    """Scan one uploaded file before publication and record the verdict (R29).

    The bytes go on a pipe to the scanner in a capped child process (issue 12): this process never parses
    the file, and nothing is written to disk. A cap hit is the verdict "error" (could not be checked: may not
    be published), never "clean". Only the SHA-256, verdict, level, actor and time are stored, with an audit
    event in the same transaction.
    """
    if actor is None or not getattr(actor, "is_active", False):
        raise PermissionDenied(_("Sign in to check a file before publishing it."), rule="R29")
    digest = hashlib.sha256()
    size = 0

    def counted() -> Iterator[bytes]:
        nonlocal size
        for chunk in chunks:
            size += len(chunk)
            digest.update(chunk)
            yield chunk

    stream = counted()
    scan = scan_upload(stream, name)
    for _rest in stream:  # a scan cut short by a cap still hashes the whole file
        pass
    if size == 0:
        raise DomainError(_("The file is empty; there is nothing to check."), rule="R29", field="file")
    verdict = {CLEAN: Verdict.CLEAN, MARKED: Verdict.SECRET}.get(scan.status, Verdict.ERROR)
    level = scan.level if verdict is Verdict.SECRET else ""
    marks = [
        Mark(
            MarkKind(m["kind"]),
            Level(m["level"]) if m.get("level") else None,
            str(m.get("text", "")),
            str(m.get("location", "")),
        )
        for m in scan.marks
    ]
    with transaction.atomic():
        check = GateCheck.objects.create(
            sha256=digest.hexdigest(),
            verdict=verdict.value,
            level=level,
            checked_by=actor,
            checked_at=clock.now(),
        )
        # Law 117/2025 art. 5.2 (R29): nothing bearing a secrecy mark goes onto an Internet portal.
        record(
            actor,
            "gate.file.checked",
            check,
            basis="R29",
            data={"sha256": check.sha256, "verdict": check.verdict, "level": check.level or None},
        )
    return GateOutcome(check=check, marks=marks, error=scan.detail or None)
