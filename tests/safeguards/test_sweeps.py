"""A sweep: many computers' bmnn-scan results imported in one go, summed up per unit (P3, R29)."""

from __future__ import annotations

import json

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.safeguards.choices import Connection, DeviceKind
from bmnn.safeguards.models import DeviceFinding, ScanImport
from bmnn.safeguards.services.devices import device_register
from bmnn.safeguards.services.sweeps import device_key, sweep_import

SECRET = {"path": "C:/Users/gv/de-thi.docx", "verdict": "secret", "level": "TOI_MAT",
          "marks": [{"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT", "location": "page 1"}], "error": None}
CLEAN = {"path": "C:/Users/gv/lich.docx", "verdict": "clean", "level": None, "marks": [], "error": None}
BROKEN = {"path": "C:/Users/gv/a.7z", "verdict": "error", "level": None, "marks": [], "error": "mã hóa"}


def jsonl(*rows) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows).encode()


@pytest.fixture
def school_pcs(cast):
    def pc(serial, connection=Connection.STANDALONE, unit=None):
        return device_register(actor=cast.clerk, unit=unit or cast.school, kind=DeviceKind.COMPUTER,
                               name=f"Máy tính {serial}", serial=serial, connection=connection)

    return {"lab": pc("PC-LAB-01"), "office": pc("PC-VP-02", Connection.INTERNET), "spare": pc("PC-KHO-03"),
            "department": pc("DL-7090-01", unit=cast.department)}


def test_a_sweep_imports_every_computer_and_sums_up_per_unit(cast, school_pcs):
    """P3: one file per computer, named by serial number; each unit's summary counts files and lists the
    unit's computers with no result; R29: an Internet computer holding a secret-marked file is singled out."""
    result = sweep_import(actor=cast.clerk, files=[
        ("sweep/PC-LAB-01.jsonl", jsonl(CLEAN, BROKEN)),
        ("sweep/pc-vp-02.jsonl", jsonl(SECRET, CLEAN)),
        ("DL-7090-01.jsonl", jsonl(CLEAN)),
    ])  # fmt: skip
    assert ScanImport.objects.count() == 3 and DeviceFinding.objects.count() == 1
    assert AuditEvent.objects.filter(action="safeguards.scan.imported").count() == 3
    by_unit = {summary.unit: summary for summary in result.units}
    school = by_unit[cast.school]
    assert (school.devices, school.lines, school.secret, school.clean, school.error) == (2, 4, 1, 2, 1)
    assert school.internet_with_secrets == [school_pcs["office"]]
    assert school.not_swept == [school_pcs["spare"]]
    department = by_unit[cast.department]
    assert (department.devices, department.secret, department.not_swept) == (1, 0, [])


def test_a_file_named_after_no_device_refuses_the_whole_sweep(cast, school_pcs):
    """P3: unknown, repeated or ambiguous names are all listed and nothing is imported."""
    with pytest.raises(DomainError) as refused:
        sweep_import(actor=cast.clerk, files=[
            ("PC-LAB-01.jsonl", jsonl(CLEAN)), ("may-la.jsonl", jsonl(CLEAN)), ("pc-lab-01.json", jsonl(CLEAN)),
        ])  # fmt: skip
    assert "may-la.jsonl" in refused.value.message and "pc-lab-01.json" in refused.value.message
    assert not ScanImport.objects.exists()
    with pytest.raises(DomainError, match="Chưa có tệp"):
        sweep_import(actor=cast.clerk, files=[])


def test_a_malformed_line_in_any_file_refuses_the_whole_sweep(cast, school_pcs):
    with pytest.raises(DomainError, match="Dòng 2 không hợp lệ"):
        sweep_import(actor=cast.clerk, files=[
            ("PC-LAB-01.jsonl", jsonl(SECRET)), ("PC-VP-02.jsonl", jsonl(CLEAN, "{bad")),
        ])  # fmt: skip
    assert not ScanImport.objects.exists() and not DeviceFinding.objects.exists()
    assert not AuditEvent.objects.filter(action="safeguards.scan.imported").exists()


def test_a_device_the_actor_may_not_manage_refuses_the_whole_sweep(cast, school_pcs):
    with pytest.raises(PermissionDenied):
        sweep_import(actor=cast.officer, files=[("PC-LAB-01.jsonl", jsonl(CLEAN))])
    assert not ScanImport.objects.exists()


def test_device_key_is_the_serial_from_the_file_name():
    assert device_key("D:\\quet\\PC-LAB-01.jsonl") == "pc-lab-01"
    assert device_key("sweep/DL 7090.JSON") == "dl 7090"
