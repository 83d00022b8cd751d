"""The safeguards operations are declared once: each page offers exactly what its checks allow, and the
screen, the API and `bmnn safeguards` take the same input, files included (P3, P4, R29, R31, R38, R39, R40)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.urls import reverse

from bmnn.core import clock, operations
from bmnn.core.errors import DomainError
from bmnn.documents.samples import text_pdf
from bmnn.registry.choices import IncidentKind
from bmnn.registry.services import handover_confirm, handover_create, outgoing_register
from bmnn.safeguards.choices import CommitmentKind, Connection, DeviceKind, InspectionResult, SanitisationMethod
from bmnn.safeguards.models import Commitment, DeviceFinding, ScanImport, TrainingSession
from bmnn.safeguards.services.devices import device_inspect, device_register, device_set_secret_use
from bmnn.safeguards.services.incidents import incident_notify_agency, incident_record, remedy_add
from bmnn.safeguards.services.scans import scan_import
from bmnn.safeguards.services.staff import offboarding_start
from tests.conftest import outgoing_kwargs, unsigned
from tests.helpers import command
from tests.safeguards.conftest import scan_file


def _offers(client, page: str, *slugs_and_pks: tuple[str, int]) -> list[bool]:
    """For each (operation, id): whether the page links to (or posts to) that operation's screen."""
    answer = client.get(page)
    assert answer.status_code == 200
    html = answer.content.decode()
    return [f'"{reverse(f"ops:{slug}", args=[pk])}"' in html for slug, pk in slugs_and_pks]


def _loss(cast, plan):
    return incident_record(
        actor=cast.officer,
        unit=cast.exams_division,
        kind=IncidentKind.LOSS,
        carriers=[plan],
        description="Mất cặp tài liệu",
        found_at=clock.now() - dt.timedelta(hours=1),
    )


def test_every_safeguards_operation_has_a_screen_an_endpoint_and_a_check():
    """R40, P3, P4, R38, R39: every operation that changes safeguards data is declared, with the check
    its service calls, and has a route on the web and in the API."""
    declared = {op.slug: op for op in operations.of_app("safeguards")}
    assert set(declared) == {
        "incident-record",
        "incident-notify-agency",
        "incident-remedy-add",
        "incident-remedy-done",
        "incident-close",
        "staff-designate",
        "staff-undesignate",
        "commitment-add",
        "training-record",
        "offboarding-start",
        "offboarding-complete",
        "device-register",
        "device-inspect",
        "device-secret-use",
        "device-connection",
        "device-sanitise",
        "device-reassign",
        "device-dispose",
        "device-scan-import",
        "device-sweep-import",
        "finding-resolve",
    }
    assert all(op.check is not None for op in declared.values())
    for slug, op in declared.items():
        args = [] if op.subject is None else [1]
        assert reverse(f"ops:{slug}", args=args) and reverse(f"api:{slug}", args=args)
    assert reverse("ops:incident-close", args=[7]) == "/su-co/7/ket-thuc/"
    assert reverse("api:device-secret-use", args=[7]) == "/api/devices/7/bmnn/"
    assert reverse("api:offboarding-complete", args=[7]) == "/api/staff/7/offboarding/complete/"


def test_r40_the_incident_page_offers_close_only_once_notified_and_remedied(client, cast, plan):
    """R40: managers are offered the notice and remedies; closing is offered only after the notice and every
    remedy is done; the finder, not a manager, is offered nothing but reporting their own remedy done."""
    incident = _loss(cast, plan)
    page = reverse("safeguards:incident", args=[incident.pk])
    client.force_login(cast.director)
    assert _offers(
        client,
        page,
        ("incident-notify-agency", incident.pk),
        ("incident-remedy-add", incident.pk),
        ("incident-close", incident.pk),
    ) == [True, True, False]
    incident_notify_agency(actor=cast.clerk, incident=incident, notice="Công văn số 51/SGDĐT-VP")
    remedy = remedy_add(
        actor=cast.director, incident=incident, action="Truy tìm", owner=cast.officer, due_on=clock.today()
    )
    assert _offers(
        client,
        page,
        ("incident-notify-agency", incident.pk),
        ("incident-close", incident.pk),
        ("incident-remedy-done", remedy.pk),
    ) == [False, False, True]
    client.force_login(cast.officer)
    assert _offers(client, page, ("incident-remedy-add", incident.pk), ("incident-remedy-done", remedy.pk)) == [
        False,
        True,
    ]
    answer = client.post(reverse("ops:incident-remedy-done", args=[remedy.pk]), {"result": "Đã tìm thấy"})
    assert answer.status_code == 302 and answer.url == page
    remedy.refresh_from_db()
    assert remedy.done_at is not None
    client.force_login(cast.director)
    assert _offers(client, page, ("incident-close", incident.pk)) == [True]
    client.force_login(cast.outsider)
    assert client.post(reverse("ops:incident-close", args=[incident.pk]), {"note": "Xong"}).status_code == 404
    incident.refresh_from_db()
    assert not incident.closed


def test_r39_the_person_page_offers_completion_only_when_nothing_blocks(client, cast):
    """R39: with an off-boarding open, completion is offered once every record is handed over and the
    leaving commitment is filed; then it locks the account. Another start is not offered meanwhile."""
    plan = outgoing_register(**outgoing_kwargs(cast, custodian=cast.officer))
    offboarding_start(actor=cast.director, person=cast.officer, reason="Chuyển công tác")
    page = reverse("safeguards:person", args=[cast.officer.pk])
    client.force_login(cast.director)
    pk = cast.officer.pk
    assert _offers(client, page, ("offboarding-start", pk), ("offboarding-complete", pk), ("commitment-add", pk)) == [
        False,
        False,
        True,
    ]
    handover_confirm(
        actor=cast.exams_head, handover=handover_create(actor=cast.officer, carrier=plan, to_person=cast.exams_head)
    )
    client.post(
        reverse("ops:commitment-add", args=[pk]),
        {
            "kind": CommitmentKind.LEAVING,
            "signed_on": clock.today().isoformat(),
            "note": "",
            "scan": scan_file("cam-ket-thoi-viec.pdf"),
        },
    )
    assert Commitment.objects.filter(person=cast.officer, kind=CommitmentKind.LEAVING).exists()
    assert _offers(client, page, ("offboarding-complete", pk)) == [True]
    answer = client.post(reverse("ops:offboarding-complete", args=[pk]), follow=True)
    assert "tài khoản của cán bộ đã bị khóa" in answer.content.decode()
    cast.officer.refresh_from_db()
    assert not cast.officer.is_active


def test_r31_the_device_page_offers_reuse_only_after_a_wipe(client, cast, standalone_pc):
    """R31, P3: while a device handles secrets it is offered neither a wipe, a move nor disposal; once it stops,
    the wipe is offered, and after the wipe the move and disposal; a reader is offered nothing."""
    device_inspect(
        actor=cast.clerk,
        device=standalone_pc,
        inspected_on=clock.today(),
        inspector="Công an tỉnh",
        result=InspectionResult.PASSED,
    )
    device_set_secret_use(actor=cast.clerk, device=standalone_pc, used=True)
    page, pk = reverse("safeguards:device", args=[standalone_pc.pk]), standalone_pc.pk
    wipe_move_dispose = (("device-sanitise", pk), ("device-reassign", pk), ("device-dispose", pk))
    client.force_login(cast.clerk)
    assert _offers(client, page, *wipe_move_dispose) == [False, False, False]
    client.post(reverse("ops:device-secret-use", args=[pk]), {"used": "0"})
    assert _offers(client, page, *wipe_move_dispose) == [True, False, False]
    answer = client.post(
        reverse("ops:device-sanitise", args=[pk]),
        {"method": SanitisationMethod.WIPE, "done_on": clock.today().isoformat(), "performed_by": "Văn thư"},
    )
    assert answer.status_code == 302
    assert _offers(client, page, *wipe_move_dispose) == [True, True, True]
    client.force_login(cast.exams_head)
    assert _offers(client, page, ("device-inspect", pk), ("device-scan-import", pk)) == [False, False]


def test_p4_p3_file_uploads_through_the_api_and_the_command_line(client, cast, standalone_pc, tmp_path):
    """P4, P3: a commitment scan and a scan result arrive as multipart on the API and as field=@path on the
    command line; a refused file stores nothing and says why."""
    unsigned(cast.officer, cast.junior)
    client.force_login(cast.clerk)
    made = client.post(
        f"/api/staff/{cast.officer.pk}/commitments/",
        {"kind": CommitmentKind.APPOINTMENT, "signed_on": clock.today().isoformat(), "scan": scan_file()},
    )
    assert made.status_code == 201, made.content
    assert made.json()["kind"] == CommitmentKind.APPOINTMENT
    with Commitment.objects.get(pk=made.json()["id"]).scan.open("rb") as stored:
        assert stored.read() == text_pdf("signed commitment")
    refused = client.post(
        f"/api/staff/{cast.officer.pk}/commitments/",
        {"kind": CommitmentKind.APPOINTMENT, "signed_on": clock.today().isoformat(), "scan": scan_file("x.exe")},
    )
    assert refused.status_code == 400 and refused.json()["rule"] == "P4"
    assert Commitment.objects.filter(person=cast.officer).count() == 1
    line = json.dumps({"path": "D:/de-thi.docx", "verdict": "secret", "level": "MAT", "marks": []})
    imported = client.post(
        f"/api/devices/{standalone_pc.pk}/scans/", {"file": SimpleUploadedFile("ket-qua.jsonl", line.encode())}
    )
    assert imported.status_code == 201 and imported.json()["secret_count"] == 1
    finding = DeviceFinding.objects.get()
    resolved = client.post(f"/api/findings/{finding.pk}/resolve/", {"remedy": "Đã chuyển sang máy độc lập"})
    assert resolved.status_code == 200 and resolved.json()["status"] == "RESOLVED"

    signed = tmp_path / "cam-ket-chuyenvien.pdf"
    signed.write_bytes(text_pdf("from the command line"))
    out = command(
        "safeguards",
        "vanthu",
        "commitment-add",
        str(cast.junior.pk),
        f"kind={CommitmentKind.APPOINTMENT}",
        f"signed_on={clock.today().isoformat()}",
        f"scan=@{signed}",
    )
    assert "Đã lưu bản cam kết" in out
    with Commitment.objects.get(person=cast.junior).scan.open("rb") as stored:
        assert stored.read() == text_pdf("from the command line")
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        command("safeguards", "vanthu", "device-scan-import", str(standalone_pc.pk), f"file=@{tmp_path / 'khong-co'}")
    assert ScanImport.objects.count() == 1


def test_p4_training_is_recorded_on_the_screen_and_through_the_api(client, cast):
    """P4: the clerk records a session on the screen and lands on its page with the attendees; the API
    answers 201 with the number attending; an officer is not offered the screen and is refused."""
    client.force_login(cast.clerk)
    assert reverse("ops:training-record") in client.get(reverse("safeguards:staff")).content.decode()
    answer = client.post(
        reverse("ops:training-record"),
        {
            "unit": cast.department.pk,
            "title": "Phổ biến Luật Bảo vệ BMNN",
            "held_on": clock.today().isoformat(),
            "attendees": [cast.officer.pk, cast.junior.pk],
        },
    )
    session = TrainingSession.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("safeguards:training", args=[session.pk])
    shown = client.get(answer.url).content.decode()
    assert "Phổ biến Luật Bảo vệ BMNN" in shown and "Đỗ Thu Hà" in shown
    made = client.post(
        "/api/trainings/",
        {
            "unit": cast.department.pk,
            "title": "Tập huấn lần 2",
            "held_on": clock.today().isoformat(),
            "attendees": [cast.officer.pk],
        },
    )
    assert made.status_code == 201 and made.json()["attendees"] == 1
    client.force_login(cast.officer)
    assert reverse("ops:training-record") not in client.get(reverse("safeguards:staff")).content.decode()
    refused = client.post(
        "/api/trainings/",
        {"unit": cast.department.pk, "title": "X", "held_on": clock.today().isoformat(), "attendees": [cast.junior.pk]},
    )
    assert refused.status_code == 403 and refused.json()["rule"] == "P4"
    assert TrainingSession.objects.count() == 2


def test_p3_device_registered_through_the_api_and_inspected_from_the_command_line(client, cast):
    """P3, R29: a device registered through the API answers 201 and needs inspection; the command inspects it;
    secret use of an Internet device is refused from the command line as on the screen."""
    client.force_login(cast.clerk)
    made = client.post(
        "/api/devices/",
        {
            "unit": cast.department.pk,
            "kind": DeviceKind.COMPUTER,
            "name": "Máy xách tay Lenovo",
            "connection": Connection.INTERNET,
            "origin": "PURCHASED",
        },
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    out = command(
        "safeguards",
        "vanthu",
        "device-inspect",
        str(pk),
        f"inspected_on={clock.today().isoformat()}",
        "inspector=Công an tỉnh",
        "result=PASSED",
    )
    assert "Đã ghi kết quả kiểm tra an ninh" in out
    with pytest.raises(CommandError, match=r"^Thiết bị có kết nối Internet không được dùng[^()]*$"):  # R29
        command("safeguards", "vanthu", "device-secret-use", str(pk), "used=1")
    with pytest.raises(CommandError, match=r"^Chỉ lãnh đạo hoặc văn thư của cơ quan mới được đăng ký thiết bị.$"):  # P3
        command(
            "safeguards",
            "chuyenvien",
            "device-register",
            f"unit={cast.department.pk}",
            "kind=COMPUTER",
            "name=Máy riêng",
            "connection=STANDALONE",
            "origin=PURCHASED",
        )


def test_p3_a_disposed_device_takes_no_scan_on_any_surface(client, cast, standalone_pc):
    """R31, P3: once disposed, the device page offers nothing and the scan import is refused."""
    device = device_register(
        actor=cast.clerk,
        unit=cast.department,
        kind=DeviceKind.REMOVABLE,
        name="USB 16GB",
        connection=Connection.STANDALONE,
    )
    client.force_login(cast.clerk)
    client.post(reverse("ops:device-dispose", args=[device.pk]), {"note": "Hủy theo biên bản số 3"})
    page = client.get(reverse("safeguards:device", args=[device.pk])).content.decode()
    assert reverse("ops:device-scan-import", args=[device.pk]) not in page
    line = json.dumps({"path": "E:/a.docx", "verdict": "clean", "marks": []})
    refused = client.post(f"/api/devices/{device.pk}/scans/", {"file": SimpleUploadedFile("k.jsonl", line.encode())})
    assert refused.status_code == 400 and refused.json()["rule"] == "R31"
    with pytest.raises(DomainError, match="thanh lý"):
        scan_import(actor=cast.clerk, device=device, filename="k.jsonl", data=line.encode())
    assert not ScanImport.objects.exists()
