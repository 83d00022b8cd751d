"""A sweep: many computers' bmnn-scan results imported in one go, summed up per unit (P3, R29)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.registry.disclosure import HIDDEN_PATH
from bmnn.safeguards.choices import Connection, DeviceKind
from bmnn.safeguards.models import DeviceFinding, ScanImport, Sweep
from bmnn.safeguards.selectors import sweep_units
from bmnn.safeguards.services.devices import device_register
from bmnn.safeguards.services.sweeps import device_key, sweep_import
from tests.helpers import command

SECRET = {
    "path": "C:/Users/gv/de-thi.docx",
    "verdict": "secret",
    "level": "TOI_MAT",
    "marks": [{"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT", "location": "page 1"}],
    "error": None,
}
CLEAN = {"path": "C:/Users/gv/lich.docx", "verdict": "clean", "level": None, "marks": [], "error": None}
BROKEN = {"path": "C:/Users/gv/a.7z", "verdict": "error", "level": None, "marks": [], "error": "mã hóa"}


def jsonl(*rows) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows).encode()


@pytest.fixture
def school_pcs(cast):
    def pc(serial, connection=Connection.STANDALONE, unit=None):
        return device_register(
            actor=cast.clerk,
            unit=unit or cast.school,
            kind=DeviceKind.COMPUTER,
            name=f"Máy tính {serial}",
            serial=serial,
            connection=connection,
        )

    return {
        "lab": pc("PC-LAB-01"),
        "office": pc("PC-VP-02", Connection.INTERNET),
        "spare": pc("PC-KHO-03"),
        "department": pc("DL-7090-01", unit=cast.department),
    }


def test_a_sweep_imports_every_computer_and_sums_up_per_unit(cast, school_pcs):
    """P3: one file per computer, named by serial number; each unit's summary counts files and lists the
    unit's computers with no result; R29: an Internet computer holding a secret-marked file is singled out."""
    sweep = sweep_import(actor=cast.clerk, files=[
        ("sweep/PC-LAB-01.jsonl", jsonl(CLEAN, BROKEN)),
        ("sweep/pc-vp-02.jsonl", jsonl(SECRET, CLEAN)),
        ("DL-7090-01.jsonl", jsonl(CLEAN)),
    ])  # fmt: skip
    assert ScanImport.objects.count() == 3 and DeviceFinding.objects.count() == 1
    assert AuditEvent.objects.filter(action="safeguards.scan.imported").count() == 3
    assert AuditEvent.objects.filter(action="safeguards.sweep.imported").count() == 1
    assert set(sweep.scans.all()) == set(ScanImport.objects.all())
    by_unit = {summary.unit: summary for summary in sweep_units(cast.clerk, sweep)}
    school = by_unit[cast.school.name]
    assert (school.devices, school.lines, school.secret, school.clean, school.error) == (2, 4, 1, 2, 1)
    assert school.internet_with_secrets == [school_pcs["office"]]
    assert school.not_swept == [school_pcs["spare"]]
    assert [f.shown_path for f in school.findings] == ["C:/Users/gv/de-thi.docx"]
    department = by_unit[cast.department.name]
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


# --- The screens, the API and `bmnn safeguards device-sweep-import` ------------------------------------------

TOP = {
    "path": "D:/Mat/ke-hoach-phong-thu.docx",
    "verdict": "secret",
    "level": "TUYET_MAT",
    "marks": [{"kind": "level", "level": "TUYET_MAT", "text": "TUYỆT MẬT"}],
    "error": None,
}


def upload(name: str, *rows) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jsonl(*rows), content_type="application/x-ndjson")


def test_the_sweep_screen_imports_several_files_and_shows_the_summary_per_unit(client, cast, school_pcs):
    """P3, R29 on the web: several result files in one upload; the result page sums up each unit, names the
    Internet computer holding a marked file and the computer with no result; a marked file's path is shown
    only to a reader cleared for its level (S2), the head included."""
    client.force_login(cast.clerk)
    devices = client.get(reverse("safeguards:devices")).content.decode()
    assert reverse("ops:device-sweep-import") in devices
    answer = client.post(
        reverse("ops:device-sweep-import"),
        {
            "files": [
                upload("PC-LAB-01.jsonl", CLEAN, BROKEN),
                upload("PC-VP-02.jsonl", SECRET, TOP),
                upload("DL-7090-01.jsonl", CLEAN),
            ]
        },
    )
    sweep = Sweep.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("safeguards:sweep", args=[sweep.pk])
    page = client.get(answer.url).content.decode()
    assert "Kết quả đợt quét" in page and cast.school.name in page and cast.department.name in page
    assert "Máy tính kết nối Internet có tệp mang dấu mật" in page and "PC-VP-02" in page
    assert "Máy tính đang sử dụng chưa có kết quả quét" in page and "PC-KHO-03" in page
    assert "C:/Users/gv/de-thi.docx" in page  # TOI_MAT: the clerk is cleared for it
    assert TOP["path"] not in page and HIDDEN_PATH in page  # TUYET_MAT: beyond the clerk's clearance
    client.force_login(cast.director)
    assert TOP["path"] not in client.get(answer.url).content.decode()
    cast.director.clearance = Level.MAT
    cast.director.save(update_fields=["clearance"])
    head = client.get(answer.url).content.decode()
    assert "C:/Users/gv/de-thi.docx" not in head and "Tệp có dấu mật" in head
    assert "C:/Users/gv/de-thi.docx" not in client.get(reverse("safeguards:devices")).content.decode()
    client.force_login(cast.outsider)
    assert client.get(answer.url).status_code == 404


def test_a_malformed_file_on_the_screen_is_refused_in_vietnamese_and_nothing_is_stored(client, cast, school_pcs):
    """P3: one bad line in one file refuses the whole upload, naming the file and the line."""
    client.force_login(cast.clerk)
    refused = client.post(
        reverse("ops:device-sweep-import"),
        {"files": [upload("PC-LAB-01.jsonl", SECRET), upload("PC-VP-02.jsonl", CLEAN, "{hỏng")]},
    )
    text = refused.content.decode()
    assert refused.status_code == 400 and "Tệp PC-VP-02.jsonl: Dòng 2 không hợp lệ" in text and "(P3)" not in text
    assert not Sweep.objects.exists() and not ScanImport.objects.exists() and not DeviceFinding.objects.exists()
    unknown = client.post(
        reverse("ops:device-sweep-import"),
        {"files": [upload("PC-LAB-01.jsonl", CLEAN), upload("MAY-LA-99.jsonl", CLEAN)]},
    ).content.decode()
    assert "không có thiết bị đang sử dụng mang số sê-ri MAY-LA-99.jsonl" in unknown
    assert not ScanImport.objects.exists()


def test_the_sweep_api_answers_the_summary_and_refuses_what_the_screen_refuses(client, cast, school_pcs):
    """P3 through the API: 201 with the summary per unit (paths as the caller may see them, S2); a malformed
    file or an unknown device 400 with the Vietnamese message; a person who may not import, refused."""
    client.force_login(cast.clerk)
    made = client.post(
        "/api/sweeps/", {"files": [upload("PC-VP-02.jsonl", SECRET, TOP), upload("PC-LAB-01.jsonl", CLEAN)]}
    )
    assert made.status_code == 201, made.content
    school = {u["unit"]: u for u in made.json()["units"]}[cast.school.name]
    assert (school["devices"], school["secret"], school["clean"]) == (2, 2, 1)
    assert [d["serial"] for d in school["internet_with_secrets"]] == ["PC-VP-02"]
    assert [d["serial"] for d in school["not_swept"]] == ["PC-KHO-03"]
    assert sorted(f["path"] for f in school["findings"]) == sorted(["C:/Users/gv/de-thi.docx", HIDDEN_PATH])
    read = client.get(f"/api/sweeps/{made.json()['id']}/").json()
    assert TOP["path"] not in json.dumps(read, ensure_ascii=False)
    bad = client.post("/api/sweeps/", {"files": [upload("PC-LAB-01.jsonl", "[1, 2]")]})
    assert bad.status_code == 400 and "Dòng 1 không hợp lệ" in json.dumps(bad.json(), ensure_ascii=False)
    unknown = client.post("/api/sweeps/", {"files": [upload("KHONG-CO.jsonl", CLEAN)]})
    assert unknown.status_code == 400 and "KHONG-CO.jsonl" in json.dumps(unknown.json(), ensure_ascii=False)
    assert Sweep.objects.count() == 1 and ScanImport.objects.count() == 2
    client.force_login(cast.officer)
    assert client.post("/api/sweeps/", {"files": [upload("PC-LAB-01.jsonl", CLEAN)]}).status_code in (400, 403)
    assert client.get(f"/api/sweeps/{made.json()['id']}/").status_code == 404
    assert Sweep.objects.count() == 1


def test_the_sweep_command_imports_a_folder_and_prints_the_summary_per_unit(cast, school_pcs, tmp_path):
    """P3 from the command line: `files=@folder` (or a,b) imports every computer's file; the summary per unit
    names the Internet computer holding a marked file (R29); a malformed file or an unknown device is refused
    in Vietnamese and nothing is stored."""
    folder = tmp_path / "dot-quet"
    folder.mkdir()
    (folder / "PC-VP-02.jsonl").write_bytes(jsonl(SECRET, TOP))
    (folder / "DL-7090-01.jsonl").write_bytes(jsonl(CLEAN))
    bad = tmp_path / "PC-LAB-01.jsonl"
    bad.write_text("không phải json\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Tệp PC-LAB-01\.jsonl: Dòng 1 không hợp lệ"):
        command("safeguards", "vanthu", "device-sweep-import", f"files=@{folder},@{bad}")
    unknown = tmp_path / "MAY-LA.jsonl"
    unknown.write_bytes(jsonl(CLEAN))
    with pytest.raises(CommandError, match=r"mang số sê-ri MAY-LA\.jsonl"):
        command("safeguards", "vanthu", "device-sweep-import", f"files=@{folder}", f"files=@{unknown}")
    assert not Sweep.objects.exists() and not ScanImport.objects.exists()
    out = command("safeguards", "vanthu", "device-sweep-import", f"files=@{folder}")
    assert "Đã nhập kết quả quét của 2 máy tính thuộc 2 đơn vị" in out
    assert f"{cast.school.name}: 1 máy, 2 tệp, 2 có dấu mật" in out
    assert "Máy kết nối Internet có tệp mang dấu mật: PC-VP-02" in out and "Chưa có kết quả quét: " in out
    assert "C:/Users/gv/de-thi.docx" in out and TOP["path"] not in out and HIDDEN_PATH in out
    with pytest.raises(CommandError):
        command("safeguards", "chuyenvien", "device-sweep-import", f"files=@{folder}")
    assert Sweep.objects.count() == 1
