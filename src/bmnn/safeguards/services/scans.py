"""Import the output of `bmnn-scan --format jsonl` against a device; resolve what it found (P3)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.core.uploadscan import require_checked
from bmnn.org.models import Person

from ..choices import FindingStatus
from ..models import Device, DeviceFinding, ScanImport
from ..policies import require_manager
from .devices import _locked as locked_device
from .devices import device_managed_check

VERDICTS = ("secret", "clean", "error")
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class ParsedScan:
    """The lines of a scan result, checked; only what a finding keeps (never file contents)."""

    lines: int = 0
    secret: list[dict[str, Any]] = field(default_factory=list)
    clean: int = 0
    error: int = 0


def parse_jsonl(data: bytes) -> ParsedScan:
    """Check every line; the first bad one refuses the whole file with its line number."""
    if len(data) > MAX_BYTES:
        raise DomainError("Tệp kết quả quét quá lớn.", rule="P3", field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("Tệp kết quả quét không phải văn bản UTF-8.", rule="P3", field="file") from None
    parsed = ParsedScan()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        row = _row(number, line)
        parsed.lines += 1
        if row["verdict"] == "secret":
            parsed.secret.append(row)
        elif row["verdict"] == "clean":
            parsed.clean += 1
        else:
            parsed.error += 1
    if parsed.lines == 0:
        raise DomainError("Tệp kết quả quét không có dòng nào.", rule="P3", field="file")
    return parsed


def _row(number: int, line: str) -> dict[str, Any]:
    def bad(why: str) -> DomainError:
        return DomainError(f"Dòng {number} không hợp lệ: {why}. Không nhập dòng nào.", rule="P3", field="file")

    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        raise bad("không phải một đối tượng JSON") from None
    if not isinstance(row, dict):
        raise bad("không phải một đối tượng JSON")
    if not isinstance(row.get("path"), str) or not row["path"].strip():
        raise bad("thiếu đường dẫn tệp (path)")
    if row.get("verdict") not in VERDICTS:
        raise bad("kết luận (verdict) phải là secret, clean hoặc error")
    level = row.get("level")
    if level is not None and level not in Level.values:
        raise bad(f"độ mật (level) không hợp lệ: {level}")
    marks = row.get("marks", [])
    if not isinstance(marks, list) or not all(isinstance(m, dict) for m in marks):
        raise bad("danh sách dấu (marks) không hợp lệ")
    if row["verdict"] == "secret" and level is None:
        raise bad("tệp có dấu mật nhưng thiếu độ mật (level)")
    # Only the mark's kind, level, text and place are kept: the scanner never sends file contents.
    keep = [{k: str(m[k])[:200] for k in ("kind", "level", "text", "location") if m.get(k) is not None} for m in marks]
    return {"path": row["path"][:2000], "verdict": row["verdict"], "level": level or "", "marks": keep}


def scan_import_check(actor: Person, device: Device) -> None:
    """P3: a manager imports scan results of a device in service (R31: a disposed one takes no more)."""
    device_managed_check(actor, device, "nhập kết quả quét thiết bị", rule="P3")


def scan_import(*, actor: Person, device: Device, filename: str, data: bytes) -> ScanImport:
    """Turn each secret-marked file into a finding on the device's unit; all lines or none (P3).

    Like every upload, the file is first checked in a capped child process (issue 12); it lists marks, it
    holds no secret content, so only a file that could not be checked is refused.
    """
    require_checked(data, rule="P3", name="ket-qua-quet.txt")  # JSON lines: read as text
    with transaction.atomic():
        device = locked_device(device)
        scan_import_check(actor, device)
        parsed = parse_jsonl(data)
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
        raise DomainError("Phát hiện này đã được xử lý.", rule="P3")
    require_manager(actor, finding.unit, "xử lý phát hiện trên thiết bị", rule="P3")


def finding_resolve(*, actor: Person, finding: DeviceFinding, remedy: str) -> DeviceFinding:
    """Close a finding with what was done (moved to a standalone computer, deleted, declassified...) (P3)."""
    with transaction.atomic():
        finding = (
            DeviceFinding.objects.select_for_update(of=("self",)).select_related("unit", "device").get(pk=finding.pk)
        )
        finding_resolve_check(actor, finding)
        if not remedy.strip():
            raise DomainError("Phải ghi biện pháp xử lý.", rule="P3", field="remedy")
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
