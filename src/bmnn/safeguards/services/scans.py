"""Import the output of `bmnn-scan --format jsonl` against a device; resolve what it found (P3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.core.uploadscan import ScanBusy, open_upload
from bmnn.org.models import Person

from ..choices import FindingStatus
from ..models import Device, DeviceFinding, ScanImport
from ..policies import require_manager
from .devices import _locked as locked_device
from .devices import device_managed_check

MAX_BYTES = 50 * 1024 * 1024


@dataclass
class ParsedScan:
    """The lines of a scan result, checked; only what a finding keeps (never file contents)."""

    lines: int = 0
    secret: list[dict[str, Any]] = field(default_factory=list)
    clean: int = 0
    error: int = 0


def parse_jsonl(data: bytes) -> ParsedScan:
    """Every line checked by the capped child (issue 12: the web process never parses an uploaded file); the
    first bad line refuses the whole file with its line number. What the child answers is checked for shape."""
    if len(data) > MAX_BYTES:
        raise DomainError(_("The scan result file is too large."), rule="P3", field="file")
    task = {"kind": "scan-results", "levels": list(Level.values)}
    try:
        answer = open_upload(data, "ket-qua-quet.txt", task)  # JSON lines: read as text
    except ScanBusy:
        raise
    except DomainError as exc:
        raise DomainError(exc.message, rule="P3", field="file") from None
    parsed = ParsedScan()
    try:
        parsed.lines, parsed.clean, parsed.error = (int(answer[k]) for k in ("lines", "clean", "error"))
        parsed.secret = [_row(row) for row in answer["secret"]]
    except (KeyError, TypeError, ValueError):
        raise DomainError(
            _("The checker answered in the wrong format; no line was imported."), rule="P3", field="file"
        ) from None
    if parsed.lines != len(parsed.secret) + parsed.clean + parsed.error or parsed.lines < 1:
        raise DomainError(_("The checker answered in the wrong format; no line was imported."), rule="P3", field="file")
    return parsed


def _row(row: Any) -> dict[str, Any]:
    """A secret line as the child answered it, its shape checked again (it becomes a finding)."""
    if not isinstance(row, dict) or not isinstance(row.get("path"), str) or not isinstance(row.get("marks"), list):
        raise ValueError
    if row.get("verdict") != "secret" or row.get("level") not in Level.values:
        raise ValueError
    marks = [
        {k: str(m[k])[:200] for k in ("kind", "level", "text", "location") if m.get(k) is not None}
        for m in row["marks"]
        if isinstance(m, dict)
    ]
    return {"path": row["path"][:2000], "verdict": "secret", "level": row["level"], "marks": marks}


def scan_import_check(actor: Person, device: Device) -> None:
    """P3: a manager imports scan results of a device in service (R31: a disposed one takes no more)."""
    device_managed_check(actor, device, _("import device scan results"), rule="P3")


def scan_import(*, actor: Person, device: Device, filename: str, data: bytes) -> ScanImport:
    """Turn each secret-marked file into a finding on the device's unit; all lines or none (P3).

    Like every upload, the file is checked, and read, in a capped child process (issue 12); it lists marks, it
    holds no secret content, so only a file that could not be checked or read is refused.
    """
    with transaction.atomic():
        device = locked_device(device)
        scan_import_check(actor, device)
    parsed = parse_jsonl(data)  # outside the transaction: no row stays locked while the child works
    with transaction.atomic():
        device = locked_device(device)
        scan_import_check(actor, device)
        scan = ScanImport.objects.create(
            device=device,
            filename=(filename or "ket-qua-quet.jsonl")[:255],
            imported_by=actor,
            imported_at=clock.now(),
            lines=parsed.lines,
            secret_count=len(parsed.secret),
            clean_count=parsed.clean,
            error_count=parsed.error,
        )
        DeviceFinding.objects.bulk_create(
            [
                DeviceFinding(
                    scan=scan, device=device, unit=device.unit, path=row["path"], level=row["level"], marks=row["marks"]
                )
                for row in parsed.secret
            ]
        )
        record(
            actor,
            "safeguards.scan.imported",
            device,
            basis="P3",
            data={
                "scan_id": scan.pk,
                "filename": scan.filename,
                "lines": parsed.lines,
                "secret": len(parsed.secret),
                "clean": parsed.clean,
                "error": parsed.error,
                "internet_device": device.connection == "INTERNET",
            },
        )
    return scan


def finding_resolve_check(actor: Person, finding: DeviceFinding) -> None:
    """P3: a manager resolves a finding still open."""
    if finding.status != FindingStatus.OPEN:
        raise DomainError(_("This finding has already been handled."), rule="P3")
    require_manager(actor, finding.unit, _("handle findings on devices"), rule="P3")


def finding_resolve(*, actor: Person, finding: DeviceFinding, remedy: str) -> DeviceFinding:
    """Close a finding with what was done (moved to a standalone computer, deleted, declassified...) (P3)."""
    with transaction.atomic():
        finding = (
            DeviceFinding.objects.select_for_update(of=("self",)).select_related("unit", "device").get(pk=finding.pk)
        )
        finding_resolve_check(actor, finding)
        if not remedy.strip():
            raise DomainError(_("Enter the handling measure."), rule="P3", field="remedy")
        finding.status, finding.remedy = FindingStatus.RESOLVED, remedy.strip()
        finding.resolved_by, finding.resolved_at = actor, clock.now()
        finding.save(update_fields=["status", "remedy", "resolved_by", "resolved_at"])
        record(
            actor,
            "safeguards.finding.resolved",
            finding.device,
            basis="P3",
            data={"finding_id": finding.pk, "path": finding.path, "remedy": finding.remedy},
        )
    return finding
