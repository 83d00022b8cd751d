"""Self-inspection through the screens, the API and `bmnn inspections`: the same services, refusals in
Vietnamese, the checklist edited as data in the admin, and the head's dashboard (P2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.documents.samples import text_pdf
from bmnn.org.models import Person
from bmnn.programme.choices import Answer, FindingStatus, InspectionStatus
from bmnn.programme.models import ChecklistItem, ChecklistTemplate, Finding, Inspection
from bmnn.programme.services import finding_record, inspection_answer
from tests.helpers import command, jpeg_bytes

from .conftest import at
from .test_inspections import TEAM, open_department_inspection


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(client, person):
    client.force_login(person)
    return client


def opened(world, **overrides):
    """The department's inspection of the school (P2)."""
    return open_department_inspection(world, **{"unit": world.cast.school, **overrides})


def answer_all(inspection, actor, not_met_order=None):
    for a in inspection.answers.all():
        if a.order == not_met_order:
            inspection_answer(actor=actor, answer=a, result=Answer.NOT_MET, note="Tủ tài liệu không có khóa")
        else:
            inspection_answer(actor=actor, answer=a, result=Answer.MET)


def test_screens_open_answer_record_conclude_and_close_P2(client, world):
    """P2 on the screens: the department opens an inspection of a school with a named team; each point shows
    its legal basis; an answer carries evidence; a finding gets remedy, owner and due date; the inspection
    concludes; the principal closes the finding with its result."""
    c = world.cast
    login(client, c.director)
    form = client.get(reverse("ops:inspection-open")).content.decode()
    assert "Mở đợt tự kiểm tra" in form and "Danh mục tự kiểm tra công tác bảo vệ BMNN (mặc định)" in form
    template = ChecklistTemplate.objects.get(is_default=True)
    made = client.post(
        reverse("ops:inspection-open"),
        {
            "unit": c.school.pk,
            "inspecting_unit": c.department.pk,
            "template": template.pk,
            "team": TEAM,
            "started_on": "2026-03-02",
            "decision_ref": "Quyết định số 20/QĐ-SGDĐT",
        },
    )
    inspection = Inspection.objects.get()
    assert made.status_code == 302 and made.url == reverse("programme:inspection", args=[inspection.pk])
    page = client.get(made.url).content.decode()
    first = template.items.first()
    assert "Đặng Văn Tâm – Chánh Thanh tra – Trưởng đoàn" in page and first.legal_basis in page
    assert f"Đã đánh giá 0/{template.items.count()} nội dung" in page

    answers = list(inspection.answers.all())
    storage = next(a for a in answers if "Nơi lưu giữ" in a.text)
    refused = client.post(
        reverse("ops:inspection-answer", args=[storage.pk]), {"result": Answer.NOT_MET, "note": ""}, follow=True
    ).content.decode()
    assert "Nội dung chưa đạt phải ghi rõ tồn tại." in refused and "(P2)" not in refused
    client.post(
        reverse("ops:inspection-answer", args=[storage.pk]),
        {
            "result": Answer.NOT_MET,
            "note": "Tủ tài liệu mật không có khóa",
            "files": [
                SimpleUploadedFile("anh-tu.jpg", jpeg_bytes()),
                SimpleUploadedFile("bien-ban.pdf", text_pdf("Hồ sơ")),
            ],
        },
    )
    storage.refresh_from_db()
    assert storage.result == Answer.NOT_MET and [e.name for e in storage.evidence.all()] == [
        "anh-tu.jpg",
        "bien-ban.pdf",
    ]
    evidence = storage.evidence.first()
    download = client.get(reverse("programme:evidence", args=[evidence.pk]))
    # Reading the stream to its end lets the test client close the file.
    assert download.status_code == 200 and b"".join(download.streaming_content) == jpeg_bytes()
    for a in answers:
        if a.pk != storage.pk:
            client.post(reverse("ops:inspection-answer", args=[a.pk]), {"result": Answer.MET})
    refused = client.post(
        reverse("ops:inspection-conclude", args=[inspection.pk]), {"conclusion": "Cơ bản tốt"}, follow=True
    ).content.decode()
    assert "chưa có tồn tại và biện pháp khắc phục: 6." in refused and "(P2)" not in refused

    missing_owner = client.post(
        reverse("ops:inspection-finding", args=[inspection.pk]),
        {"answer": storage.pk, "description": "Tủ không khóa", "remedy": "Trang bị tủ sắt", "due": "2026-03-20"},
        follow=True,
    ).content.decode()
    assert "Người chịu trách nhiệm" in missing_owner and not Finding.objects.exists()
    client.post(
        reverse("ops:inspection-finding", args=[inspection.pk]),
        {
            "answer": storage.pk,
            "description": "Tủ tài liệu mật không có khóa",
            "remedy": "Trang bị tủ sắt có khóa",
            "owner": world.principal.pk,
            "due": "2026-03-20",
        },
    )
    finding = Finding.objects.get()
    assert finding.owner == world.principal and finding.answer == storage
    client.post(
        reverse("ops:inspection-conclude", args=[inspection.pk]),
        {"conclusion": "Cơ bản thực hiện tốt; một tồn tại phải khắc phục."},
    )
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CONCLUDED
    assert "Ghi tồn tại phát hiện" not in client.get(inspection.get_absolute_url()).content.decode()

    login(client, world.principal)
    listed = client.get(reverse("programme:inspections")).content.decode()
    assert "Trường THPT Chuyên" in listed and "1 chưa khắc phục" in listed
    with clock.frozen_at(at(2026, 3, 25)):
        overdue = client.get(reverse("programme:findings")).content.decode()
        assert "1 tồn tại đã quá hạn khắc phục." in overdue and "quá hạn" in overdue
        empty = client.post(
            reverse("ops:finding-close", args=[finding.pk]), {"result_note": " "}, follow=True
        ).content.decode()
        assert "Kết quả khắc phục" in empty
        client.post(
            reverse("ops:finding-close", args=[finding.pk]), {"result_note": "Đã trang bị tủ sắt có khóa ngày 24/3."}
        )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and finding.closed_by == world.principal
    closed = client.get(reverse("programme:findings") + "?loc=da-khac-phuc").content.decode()
    assert "Tủ tài liệu mật không có khóa" in closed and "Đã khắc phục" in closed


def test_screens_refuse_strangers_and_hide_forms_from_readers_P2(client, world):
    """P2: a school cannot open an inspection of its superior; another department sees nothing (not found);
    a teacher of the school sees the inspection of the school but no forms, and may not answer."""
    c = world.cast
    inspection = opened(world)
    login(client, world.principal)
    page = client.post(
        reverse("ops:inspection-open"),
        {
            "unit": c.department.pk,
            "inspecting_unit": c.school.pk,
            "template": ChecklistTemplate.objects.get(is_default=True).pk,
            "team": TEAM,
            "started_on": "2026-03-02",
        },
    )
    assert page.status_code == 400 and "Hãy chọn một lựa chọn hợp lệ" in page.content.decode()
    assert Inspection.objects.count() == 1
    login(client, c.outsider)
    assert client.get(inspection.get_absolute_url()).status_code == 404
    assert inspection.unit.name not in client.get(reverse("programme:inspections")).content.decode()
    login(client, world.teacher)
    shown = client.get(inspection.get_absolute_url()).content.decode()
    assert "Kết luận kiểm tra" not in shown and "Chưa đánh giá" in shown
    answer = inspection.answers.first()
    refused = client.post(
        reverse("ops:inspection-answer", args=[answer.pk]), {"result": Answer.MET}, follow=True
    ).content.decode()
    assert "Chỉ đơn vị kiểm tra mới được ghi kết quả kiểm tra." in refused and "(P2)" not in refused
    answer.refresh_from_db()
    assert answer.result == ""


def test_api_runs_the_same_inspection_P2(client, world):
    """P2 over the API: list the checklist, open, answer with a file, record a finding, conclude, list open
    and overdue findings, close; refusals are 400/403 with the rule, strangers get 404."""
    c = world.cast
    assert client.get("/api/inspections/").status_code == 401
    login(client, c.director)
    checklists = client.get("/api/checklists/").json()
    assert checklists[0]["is_default"] and all(i["legal_basis"] for i in checklists[0]["items"])
    made = client.post(
        "/api/inspections/",
        {
            "unit": c.school.pk,
            "inspecting_unit": c.department.pk,
            "template": checklists[0]["id"],
            "team": TEAM,
            "started_on": "2026-03-02",
        },
    )
    assert made.status_code == 201
    body = made.json()
    pk, answers = body["id"], body["answers"]
    assert body["team"][0].startswith("Đặng Văn Tâm") and answers[0]["legal_basis"]
    bad = client.post(f"/api/inspection-answers/{answers[0]['id']}/record/", {"result": "NOT_MET"})
    assert bad.status_code == 400 and bad.json()["rule"] == "P2"
    ok = client.post(
        f"/api/inspection-answers/{answers[0]['id']}/record/",
        {
            "result": "NOT_MET",
            "note": "Chưa xác định độ mật đúng danh mục",
            "files": SimpleUploadedFile("ho-so.pdf", text_pdf("Biên bản")),
        },
    )
    assert ok.status_code == 200 and ok.json()["evidence"] == ["ho-so.pdf"]
    for a in answers[1:]:
        client.post(f"/api/inspection-answers/{a['id']}/record/", {"result": "MET"})
    assert client.post(f"/api/inspections/{pk}/conclude/", {"conclusion": "Tốt"}).status_code == 400
    finding = client.post(
        f"/api/inspections/{pk}/findings/",
        {
            "answer": answers[0]["id"],
            "description": "Xác định độ mật sai",
            "remedy": "Rà soát, xác định lại",
            "owner": world.school_clerk.pk,
            "due": "2026-03-10",
        },
    )
    assert finding.status_code == 201 and finding.json()["item"] == 1
    concluded = client.post(f"/api/inspections/{pk}/conclude/", {"conclusion": "Một tồn tại."}).json()
    assert concluded["status"] == "CONCLUDED" and len(concluded["findings"]) == 1
    fid = finding.json()["id"]
    with clock.frozen_at(at(2026, 3, 11)):
        overdue = client.get("/api/inspection-findings/?overdue=1").json()
        assert [(f["id"], f["overdue"]) for f in overdue] == [(fid, True)]
    login(client, c.outsider)
    assert client.get(f"/api/inspection-findings/{fid}/").status_code == 404
    assert client.get("/api/inspections/").json() == []
    login(client, world.teacher)
    refused = client.post(f"/api/inspection-findings/{fid}/close/", {"result_note": "Xong"})
    assert refused.status_code == 403 and refused.json()["rule"] == "P2"
    login(client, world.school_clerk)
    closed = client.post(f"/api/inspection-findings/{fid}/close/", {"result_note": "Đã xác định lại độ mật."})
    assert closed.status_code == 200 and closed.json()["status"] == "CLOSED"
    assert client.get("/api/inspection-findings/?status=OPEN").json() == []


def run(username, *args):
    """`bmnn inspections --as <username> ...`, authenticated by that person's API token."""
    return command("inspections", username, *args)


def test_command_runs_the_same_inspection_P2(world, tmp_path):
    """P2 from `bmnn inspections`: the school inspects itself, answers with an evidence file, records a finding,
    concludes, lists it as overdue later, and closes it; refusals are Vietnamese CommandErrors."""
    c = world.cast
    assert "Căn cứ: " in run("hieutruong", "checklist")
    out = run(
        "hieutruong",
        "inspection-open",
        f"unit={c.school.pk}",
        f"inspecting_unit={c.school.pk}",
        "team=Trịnh Văn Quang – Hiệu trưởng – Trưởng đoàn",
        "decision_ref=Quyết định số 3/QĐ-THPTC",
    )
    inspection = Inspection.objects.get()
    assert "Đã mở đợt kiểm tra" in out and f"(số hiệu {inspection.pk})" in out
    assert inspection.started_on == dt.date(2026, 3, 2)
    with pytest.raises(CommandError, match="unit: Hãy chọn một lựa chọn hợp lệ"):
        run("hieutruong", "inspection-open", f"unit={c.department.pk}", f"inspecting_unit={c.school.pk}", "team=A")
    evidence = tmp_path / "so-theo-doi.jpg"
    evidence.write_bytes(b"\xff\xd8 anh so")
    total = inspection.answers.count()
    point = {a.order: str(a.pk) for a in inspection.answers.all()}
    for order in range(1, total + 1):
        if order == 3:
            run(
                "vanthutruong",
                "inspection-answer",
                point[3],
                "result=NOT_MET",
                "note=Sổ chuyển giao thiếu chữ ký nhận",
                f"files=@{evidence}",
            )
        else:
            run("vanthutruong", "inspection-answer", point[order], "result=MET")
    assert inspection.answers.get(order=3).evidence.get().name == "so-theo-doi.jpg"
    with pytest.raises(CommandError, match="chưa có tồn tại"):
        run("hieutruong", "inspection-conclude", str(inspection.pk), "conclusion=Tốt")
    with pytest.raises(CommandError, match="owner"):
        run(
            "hieutruong",
            "inspection-finding",
            str(inspection.pk),
            f"answer={point[3]}",
            "description=Thiếu chữ ký",
            "remedy=Bổ sung",
            "owner=ngoai",
            "due=2026-03-09",
        )
    out = run(
        "hieutruong",
        "inspection-finding",
        str(inspection.pk),
        f"answer={point[3]}",
        "description=Sổ chuyển giao thiếu chữ ký nhận",
        "remedy=Bổ sung chữ ký nhận",
        "owner=vanthutruong",
        "due=2026-03-09",
    )
    assert "hạn khắc phục 09/03/2026" in out
    assert "Đã kết luận" in run("hieutruong", "inspection-conclude", str(inspection.pk), "conclusion=Một tồn tại.")
    finding = Finding.objects.get()
    with clock.frozen_at(at(2026, 3, 10)):
        assert "QUÁ HẠN" in run("hieutruong", "findings", "--overdue")
        assert "Đã xác nhận khắc phục xong" in run(
            "vanthutruong", "finding-close", str(finding.pk), "result_note=Đã bổ sung chữ ký nhận."
        )
    assert run("hieutruong", "findings") == "Không có tồn tại nào.\n"
    assert "Đã khắc phục 10/03/2026" in run("hieutruong", "show", str(inspection.pk))
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run("ngoai", "show", str(inspection.pk))


def test_the_checklist_is_edited_as_data_in_the_admin_and_audited_P2(client, world):
    """P2: an administrator adds a point with its legal basis; the change is an audit event; new inspections
    carry it, the one opened before keeps its own points."""
    before = opened(world)
    admin = Person.objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem")
    login(client, admin)
    template = ChecklistTemplate.objects.get(is_default=True)
    items = list(template.items.all())
    url = reverse("admin:programme_checklisttemplate_change", args=[template.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": template.name,
        "description": template.description,
        "is_default": "on",
        "active": "on",
        "items-TOTAL_FORMS": len(items) + 1,
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for n, item in enumerate(items):
        data.update(
            {
                f"items-{n}-id": item.pk,
                f"items-{n}-template": template.pk,
                f"items-{n}-order": item.order,
                f"items-{n}-group": item.group,
                f"items-{n}-text": item.text,
                f"items-{n}-legal_basis": item.legal_basis,
            }
        )
    n = len(items)
    data.update(
        {
            f"items-{n}-template": template.pk,
            f"items-{n}-order": 99,
            f"items-{n}-group": "7. Con dấu mật",
            f"items-{n}-text": "Quản lý con dấu dùng cho công tác bảo mật",
            f"items-{n}-legal_basis": "Thông tư số 24/2020/TT-BCA [O]",
        }
    )
    answer = client.post(url, data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert ChecklistItem.objects.filter(template=template, order=99).exists()
    assert AuditEvent.objects.filter(action="programme.checklist.changed", basis="P2").exists()
    after = opened(world, started_on=clock.today() + dt.timedelta(days=1))
    assert after.answers.count() == before.answers.count() + 1
    assert before.answers.filter(order=99).count() == 0


def test_the_head_dashboard_shows_open_tasks_and_open_and_overdue_findings_P1_P2(client, world):
    """P1, P2 on the unit head's dashboard: the school's open tasks from the department's plan, and its open
    finding, flagged overdue once its due date has passed."""
    c = world.cast
    world.department_plan()
    inspection = opened(world)
    answer_all(inspection, c.director)
    finding = finding_record(
        actor=c.director,
        inspection=inspection,
        description="Máy tính soạn thảo nối mạng",
        remedy="Ngắt kết nối Internet",
        owner=world.principal,
        due=dt.date(2026, 3, 20),
    )
    login(client, world.principal)
    with clock.frozen_at(at(2026, 3, 10)):
        page = client.get(reverse("reports:dashboard")).content.decode()
        assert "Tự kiểm tra công tác bảo vệ BMNN tại trường" in page
        assert finding.get_absolute_url() in page and "Máy tính soạn thảo nối mạng" in page
        assert '<div class="muted">Tồn tại chưa khắc phục</div><div class="big">1</div>' in page
    with clock.frozen_at(at(2026, 3, 21)):
        page = client.get(reverse("reports:dashboard")).content.decode()
    overdue_section = page.split('id="qua-han"')[1].split('id="nhiem-vu"')[0]
    assert "Máy tính soạn thảo nối mạng" in overdue_section and "quá hạn" in overdue_section
