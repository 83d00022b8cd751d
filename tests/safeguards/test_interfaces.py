"""The screens, the API and `bmnn safeguards` call the same services and show refusals in Vietnamese
(P3, P4, R29, R31, R38, R39, R40)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management.base import CommandError
from django.urls import reverse

from bmnn.core import clock
from bmnn.documents.samples import text_pdf
from bmnn.registry.choices import IncidentKind
from bmnn.registry.models import Incident
from bmnn.safeguards.choices import CommitmentKind, Connection, DeviceKind, InspectionResult
from bmnn.safeguards.models import Commitment, Device, DeviceFinding, Offboarding
from bmnn.safeguards.services.devices import device_inspect, device_register
from bmnn.safeguards.services.incidents import incident_record
from bmnn.safeguards.services.staff import offboarding_start
from tests.conftest import unsigned
from tests.helpers import command
from tests.safeguards.conftest import scan_file


def login(client, person):
    client.force_login(person)
    return client


def test_incident_screens_record_report_and_print(client, cast, plan):
    """R40: the officer records a loss on the screen; the director sees the ad-hoc report in his queue
    and prints it; an outsider gets "not found"."""
    login(client, cast.officer)
    page = client.get(reverse("ops:incident-record"))
    assert page.status_code == 200 and "Ghi nhận vụ lộ, mất bí mật nhà nước" in page.content.decode()
    moment = (clock.now() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    answer = client.post(
        reverse("ops:incident-record"),
        {
            "unit": cast.exams_division.pk,
            "kind": IncidentKind.DISCLOSURE,
            "carriers": [plan.pk],
            "found_at": moment,
            "description": "Phát hiện ảnh chụp tài liệu trên nhóm Zalo",
            "measures": "Yêu cầu gỡ",
            "found_by": cast.junior.pk,
        },
    )
    incident = Incident.objects.get()
    assert incident.found_by == cast.junior
    assert answer.status_code == 302 and answer.url == reverse("safeguards:incident", args=[incident.pk])
    login(client, cast.director)
    queue = client.get(reverse("safeguards:incidents")).content.decode()
    assert "Báo cáo đột xuất gửi đến bạn" in queue and "Lộ BMNN" in queue
    printed = client.get(reverse("safeguards:incident-report", args=[incident.pk])).content.decode()
    assert "BÁO CÁO ĐỘT XUẤT" in printed and "nhóm Zalo" in printed
    refused = client.post(
        reverse("ops:incident-close", args=[incident.pk]), {"note": "Xong"}, follow=True
    ).content.decode()
    assert "Chưa thông báo cho cơ quan xác định độ mật." in refused and "(R40)" not in refused
    login(client, cast.outsider)
    assert client.get(reverse("safeguards:incident", args=[incident.pk])).status_code == 404


def test_staff_screens_commitment_upload_and_offboarding_refusal(client, cast):
    """P4, R39: the clerk uploads a commitment scan; completing off-boarding without a leaving commitment
    is refused on the page with the reason."""
    unsigned(cast.officer)
    login(client, cast.clerk)
    listing = client.get(reverse("safeguards:staff")).content.decode()
    assert "Chưa ký cam kết" in listing and "Đỗ Thu Hà" in listing
    client.post(
        reverse("ops:commitment-add", args=[cast.officer.pk]),
        {"kind": CommitmentKind.APPOINTMENT, "signed_on": clock.today().isoformat(), "scan": scan_file()},
    )
    commitment = Commitment.objects.get(person=cast.officer)
    download = client.get(reverse("safeguards:commitment-file", args=[commitment.pk]))
    assert b"".join(download.streaming_content) == text_pdf("signed commitment")
    offboarding_start(actor=cast.director, person=cast.officer, reason="Chuyển công tác")
    page = client.get(reverse("safeguards:person", args=[cast.officer.pk])).content.decode()
    assert "Chưa có bản cam kết khi thôi làm công tác BMNN" in page
    refused = client.post(reverse("ops:offboarding-complete", args=[cast.officer.pk]), follow=True).content.decode()
    assert "Chưa thể hoàn thành" in refused and "(R39)" not in refused
    cast.officer.refresh_from_db()
    assert cast.officer.is_active


def test_device_screens_refuse_internet_secret_use_and_import_a_scan(client, cast):
    """R29, P3: the page refuses secret use of an Internet device in Vietnamese; a scan upload makes findings,
    a malformed one names its line."""
    laptop = device_register(
        actor=cast.clerk,
        unit=cast.department,
        kind=DeviceKind.COMPUTER,
        name="Máy xách tay",
        connection=Connection.INTERNET,
    )
    device_inspect(
        actor=cast.clerk,
        device=laptop,
        inspected_on=clock.today(),
        inspector="Công an tỉnh",
        result=InspectionResult.PASSED,
    )
    login(client, cast.clerk)
    refused = client.post(
        reverse("ops:device-secret-use", args=[laptop.pk]), {"used": "1"}, follow=True
    ).content.decode()
    assert "Thiết bị có kết nối Internet không được dùng" in refused and "(R29)" not in refused
    good = json.dumps({"path": "C:/a.docx", "verdict": "secret", "level": "MAT", "marks": [], "error": None})
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("ops:device-scan-import", args=[laptop.pk]), {"file": SimpleUploadedFile("k.jsonl", good.encode())}
    )
    assert DeviceFinding.objects.count() == 1
    bad = client.post(
        reverse("ops:device-scan-import", args=[laptop.pk]),
        {"file": SimpleUploadedFile("k.jsonl", (good + "\n{oops").encode())},
        follow=True,
    )
    assert "Dòng 2 không hợp lệ" in bad.content.decode() and DeviceFinding.objects.count() == 1
    listing = client.get(reverse("safeguards:devices")).content.decode()
    assert "C:/a.docx" in listing and "Máy xách tay" in listing


def test_api_incident_and_device(client, cast, plan, standalone_pc):
    """R40, R29 through the API: 201 on a recorded incident, 400 with the rule on a refusal."""
    login(client, cast.officer)
    made = client.post(
        "/api/incidents/",
        {
            "unit": cast.exams_division.pk,
            "kind": IncidentKind.LOSS,
            "carriers": [plan.pk],
            "found_at": clock.now().strftime("%Y-%m-%d %H:%M"),
            "description": "Mất tài liệu",
        },
    )
    assert made.status_code == 201, made.content
    assert made.json()["kind_label"] == "Mất BMNN"
    login(client, cast.clerk)
    refused = client.post(f"/api/devices/{standalone_pc.pk}/bmnn/", {"used": "1"})
    assert refused.status_code == 400 and refused.json()["rule"] == "P3"
    client.post(f"/api/devices/{standalone_pc.pk}/ket-noi/", {"connection": "INTERNET"})
    assert Device.objects.get(pk=standalone_pc.pk).connection == "INTERNET"
    client.post(
        f"/api/devices/{standalone_pc.pk}/kiem-tra/",
        {"inspected_on": clock.today().isoformat(), "inspector": "Công an tỉnh", "result": "PASSED"},
    )
    refused = client.post(f"/api/devices/{standalone_pc.pk}/bmnn/", {"used": "1"})
    assert refused.status_code == 400 and refused.json()["rule"] == "R29"
    login(client, cast.outsider)
    assert client.get(f"/api/devices/{standalone_pc.pk}/").status_code == 404


def test_cli_import_scan_and_offboard(cast, standalone_pc, tmp_path):
    """P3, R39 from the command line: the scan import (file=@path) is all-or-nothing; offboard-check is a dry run
    naming what blocks leaving, and completion refuses while something is held."""
    good = tmp_path / "ket-qua.jsonl"
    good.write_text(
        json.dumps(
            {
                "path": "E:/de-thi.docx",
                "verdict": "secret",
                "level": "TOI_MAT",
                "marks": [{"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT"}],
                "error": None,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out = command("safeguards", "vanthu", "device-scan-import", str(standalone_pc.pk), f"file=@{good}")
    assert "1 tệp có dấu mật" in out and DeviceFinding.objects.count() == 1
    bad = tmp_path / "hong.jsonl"
    bad.write_text('{"path": "a", "verdict": "clean"}\nkhông phải json\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Dòng 2 không hợp lệ"):
        command("safeguards", "vanthu", "device-scan-import", str(standalone_pc.pk), f"file=@{bad}")
    out = command("safeguards", "vanthu", "offboard-check", "chuyenvien")
    assert "Chưa có bản cam kết khi thôi" in out and "Chạy thử" in out
    assert not Offboarding.objects.exists()
    command("safeguards", "giamdoc", "offboarding-start", str(cast.officer.pk), "reason=Nghỉ hưu")
    with pytest.raises(CommandError, match=r"^Chưa thể hoàn thành: Chưa có bản cam kết khi thôi[^()]*$"):  # R39
        command("safeguards", "giamdoc", "offboarding-complete", str(cast.officer.pk))
    cast.officer.refresh_from_db()
    assert cast.officer.is_active
    out = command("safeguards", "vanthu", "devices", "--not-inspected")
    assert "Dell OptiPlex" in out
    assert incident_record  # the same service the screens use
