"""Importing `bmnn-scan --format jsonl` output against a device: findings, all-or-nothing refusal (P3, R29)."""

from __future__ import annotations

import json

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.safeguards import selectors
from bmnn.safeguards.choices import FindingStatus
from bmnn.safeguards.models import DeviceFinding, ScanImport
from bmnn.safeguards.services.scans import finding_resolve, scan_import

SECRET = {
    "path": "/home/vanthu/Tài liệu/de-thi-hsg.docx",
    "verdict": "secret",
    "level": "TOI_MAT",
    "marks": [{"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT", "location": "page 1"}],
    "error": None,
}
CLEAN = {
    "path": "/home/vanthu/Tài liệu/lich-cong-tac.docx",
    "verdict": "clean",
    "level": None,
    "marks": [],
    "error": None,
}
BROKEN = {"path": "/home/vanthu/hong.zip", "verdict": "error", "level": None, "marks": [], "error": "archive truncated"}


def jsonl(*rows) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows).encode()


def test_each_secret_marked_file_becomes_a_finding_on_the_devices_unit(cast, standalone_pc):
    """P3: secret lines become open findings with path, level and marks (never contents); clean and error
    lines are counted; the import is audited."""
    scan = scan_import(
        actor=cast.clerk,
        device=standalone_pc,
        filename="ket-qua.jsonl",
        data=jsonl(SECRET, CLEAN, BROKEN, {**SECRET, "path": "D:/luu/b.pdf", "level": "MAT"}),
    )
    assert (scan.lines, scan.secret_count, scan.clean_count, scan.error_count) == (4, 2, 1, 1)
    findings = list(DeviceFinding.objects.order_by("pk"))
    assert [f.path for f in findings] == [SECRET["path"], "D:/luu/b.pdf"]
    assert findings[0].level == "TOI_MAT" and findings[0].unit == cast.department
    assert findings[0].marks == [{"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT", "location": "page 1"}]
    assert set(selectors.open_device_findings(cast.department.subtree_ids())) == set(findings)
    event = AuditEvent.objects.get(action="safeguards.scan.imported")
    assert event.data["secret"] == 2 and event.basis == "P3"


@pytest.mark.parametrize(
    ("bad_line", "why"),
    [
        ("{not json", "không phải một đối tượng JSON"),
        (json.dumps({"verdict": "secret", "level": "MAT"}), "thiếu đường dẫn"),
        (json.dumps({"path": "/a", "verdict": "maybe"}), "verdict"),
        (json.dumps({"path": "/a", "verdict": "secret", "level": "SECRET", "marks": []}), "độ mật"),
        (json.dumps({"path": "/a", "verdict": "secret", "level": None, "marks": []}), "thiếu độ mật"),
        (json.dumps([1, 2]), "không phải một đối tượng JSON"),
    ],
)
def test_a_malformed_line_refuses_the_whole_file_with_its_number(cast, standalone_pc, bad_line, why):
    """P3: the first malformed line is named by number in Vietnamese and nothing at all is imported."""
    with pytest.raises(DomainError) as refused:
        scan_import(actor=cast.clerk, device=standalone_pc, filename="x.jsonl", data=jsonl(SECRET, CLEAN, bad_line))
    assert refused.value.message.startswith("Dòng 3 không hợp lệ") and why in refused.value.message
    assert not ScanImport.objects.exists() and not DeviceFinding.objects.exists()
    assert not AuditEvent.objects.filter(action="safeguards.scan.imported").exists()


def test_empty_or_foreign_files_are_refused(cast, standalone_pc):
    """P3: an empty file or a file that is not UTF-8 text imports nothing."""
    with pytest.raises(DomainError, match="không có dòng nào"):
        scan_import(actor=cast.clerk, device=standalone_pc, filename="x.jsonl", data=b"\n\n")
    with pytest.raises(DomainError, match="UTF-8"):
        scan_import(actor=cast.clerk, device=standalone_pc, filename="x.jsonl", data=b"\xff\xfe\x00bad")
    with pytest.raises(PermissionDenied):
        scan_import(actor=cast.officer, device=standalone_pc, filename="x.jsonl", data=jsonl(SECRET))


def test_a_finding_is_resolved_with_a_remedy_note(cast, standalone_pc):
    """P3: a finding closes with what was done; a second resolution is refused."""
    scan_import(actor=cast.clerk, device=standalone_pc, filename="k.jsonl", data=jsonl(SECRET))
    finding = DeviceFinding.objects.get()
    with pytest.raises(DomainError, match="biện pháp xử lý"):
        finding_resolve(actor=cast.clerk, finding=finding, remedy="")
    finding_resolve(
        actor=cast.director,
        finding=finding,
        remedy="Chuyển tệp sang máy tính độc lập, xóa khỏi máy này; đã đăng ký vào sổ",
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED and finding.resolved_by == cast.director
    assert not selectors.open_device_findings(cast.department.subtree_ids()).exists()
    with pytest.raises(DomainError, match="đã được xử lý"):
        finding_resolve(actor=cast.director, finding=finding, remedy="Lần hai")


def test_r31_a_disposed_device_takes_no_scan_import(cast, standalone_pc):
    """R31, P3: once a device is disposed of, a scan result is refused against it and nothing is stored."""
    from bmnn.safeguards.services.devices import device_dispose

    device_dispose(actor=cast.clerk, device=standalone_pc, note="Thanh lý theo Quyết định số 5/QĐ-SGDĐT")
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="Thiết bị đã thanh lý, tiêu hủy") as refused:
        scan_import(actor=cast.clerk, device=standalone_pc, filename="x.jsonl", data=jsonl(SECRET))
    assert refused.value.rule == "R31"
    assert not ScanImport.objects.exists() and not DeviceFinding.objects.exists()
    assert AuditEvent.objects.count() == events
