"""The pre-publication gate: scan an uploaded file, keep only the verdict and the hash, audit it."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Person
from bmnn.scan import Mark, ScanOptions, scan_file

from .models import GateCheck

MAX_UPLOAD_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class GateOutcome:
    """The stored check, plus the marks to show once (they are never stored)."""

    check: GateCheck
    marks: list[Mark]
    error: str | None


def file_check(*, actor: Person | None, name: str, chunks: Iterable[bytes]) -> GateOutcome:
    """Scan one uploaded file before publication and record the verdict (R29).

    The file is written to a private temporary directory only for the scanner to read it, and
    the directory is removed before this returns. Only the SHA-256, verdict, level, actor and
    time are stored, with an audit event in the same transaction.
    """
    if actor is None or not getattr(actor, "is_active", False):
        raise PermissionDenied("Cần đăng nhập để kiểm tra tệp trước khi đăng tải.", rule="R29")
    digest = hashlib.sha256()
    suffix = os.path.splitext(os.path.basename(name.replace("\\", "/")))[1].lower()
    suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 8 else ""  # the type only, never the name
    with tempfile.TemporaryDirectory(prefix="bmnn-gate-") as folder:
        path = os.path.join(folder, "tep" + suffix)
        size = 0
        with open(path, "wb") as stream:
            for chunk in chunks:
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise DomainError("Tệp quá lớn để kiểm tra (tối đa 256 MB).", rule="R29", field="file")
                digest.update(chunk)
                stream.write(chunk)
        if size == 0:
            raise DomainError("Tệp rỗng, không có gì để kiểm tra.", rule="R29", field="file")
        result = scan_file(path, ScanOptions())
    with transaction.atomic():
        check = GateCheck.objects.create(
            sha256=digest.hexdigest(),
            verdict=result.verdict.value,
            level=result.level.value if result.level else "",
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
    return GateOutcome(check=check, marks=result.marks, error=result.error)
