"""Plans on the screens, the REST API and `bmnn programme`: the same services, refusals in Vietnamese (P1)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bmnn.core import clock
from bmnn.documents.samples import text_pdf
from bmnn.org.models import Person
from bmnn.programme.choices import FindingStatus, InspectionStatus, PlanStatus, Recurrence, TaskStatus
from bmnn.programme.models import Evidence, Inspection, Occurrence, Plan, Task
from tests.helpers import command

from .conftest import at
from .test_plans import state


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _plan_fields(world, **overrides):
    c = world.cast
    values = {
        "unit": c.department.pk,
        "symbol": "KH-SGDĐT",
        "place": "Thử Nghiệm",
        "issued_on": "2026-03-02",
        "title": "Công tác bảo vệ bí mật nhà nước năm 2026",
        "basis": "Luật Bảo vệ bí mật nhà nước số 117/2025/QH15\nChỉ thị số 32/CT-TTg ngày 21/10/2025",
        "purposes": "Bảo đảm an toàn tuyệt đối BMNN của ngành.",
        "contents": "Tuyên truyền, phổ biến Luật\nTự kiểm tra tại các trường",
        "recipients": "Như mục III;\nLưu: VT.",
    }
    values.update(overrides)
    return values


def _occurrence(plan, unit, period=""):
    return Occurrence.objects.get(
        assignment__task__plan=plan, assignment__unit=unit, assignment__task__order=2 if period else 1, period=period
    )


# ---- web --------------------------------------------------------------------------------------


def test_web_plan_written_edited_tasks_added_issued_and_matrix_shown_P1(client, world):
    """P1: the director writes a draft, edits it, hands a one-off and a quarterly task to the schools,
    attaches a file and issues it; the plan page then shows the units × tasks matrix."""
    c = world.cast
    client.force_login(c.director)
    assert "Lập kế hoạch" in client.get(reverse("programme:plans")).content.decode()
    made = client.post(reverse("ops:plan-create"), _plan_fields(world))
    plan = Plan.objects.get()
    assert made.status_code == 302 and made.url == reverse("programme:plan", args=[plan.pk])
    assert [x.text for x in plan.contents.all()] == ["Tuyên truyền, phổ biến Luật", "Tự kiểm tra tại các trường"]
    client.post(
        reverse("ops:plan-edit", args=[plan.pk]),
        _plan_fields(world, title="Công tác bảo vệ BMNN năm 2026 (sửa)", contents="Một nội dung"),
    )
    plan.refresh_from_db()
    assert plan.title.endswith("(sửa)") and plan.contents.count() == 1
    client.post(
        reverse("ops:plan-task-add", args=[plan.pk]),
        {
            "title": "Tự kiểm tra công tác bảo vệ BMNN tại trường",
            "leads": [c.school.pk, world.school2.pk],
            "coordinators": [c.exams_division.pk],
            "due": "2026-04-30",
            "recurrence": Recurrence.NONE,
        },
    )
    client.post(
        reverse("ops:plan-task-add", args=[plan.pk]),
        {"title": "Báo cáo quý", "leads": [c.school.pk], "recurrence": Recurrence.QUARTERLY},
    )
    refused = client.post(
        reverse("ops:plan-task-add", args=[plan.pk]),
        {"title": "Không có hạn", "leads": [c.school.pk], "recurrence": Recurrence.NONE},
        follow=True,
    )
    text = refused.content.decode()
    assert "phải có thời hạn hoặc định kỳ." in text and "(P1)" not in text and plan.tasks.count() == 2
    client.post(
        reverse("ops:plan-attach", args=[plan.pk]), {"files": [SimpleUploadedFile("phu-luc.pdf", text_pdf("phu luc"))]}
    )
    assert Evidence.objects.get(plan=plan).name == "phu-luc.pdf"
    issued = client.post(reverse("ops:plan-issue", args=[plan.pk]), {"number": "15"}, follow=True)
    page = issued.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.reference == "15/KH-SGDĐT"
    assert "Đã ban hành kế hoạch" in page and "đơn vị × nhiệm vụ" in page
    assert "Quý I/2026: chưa báo cáo" in page and "Trường THPT Nguyễn Trãi" in page
    download = client.get(reverse("programme:evidence", args=[Evidence.objects.get().pk]))
    assert b"".join(download.streaming_content) == text_pdf("phu luc")


def test_web_unit_reports_with_evidence_owner_returns_and_reminds_P1(client, world):
    """P1: the school's head reports with an evidence file on "Nhiệm vụ được giao"; the owner sees it done in the
    matrix, returns it for more work, and reminds the other school, whose overdue cell is flagged."""
    c = world.cast
    plan = world.department_plan()
    mine = _occurrence(plan, c.school)
    client.force_login(world.principal)
    listing = client.get(reverse("programme:tasks")).content.decode()
    assert "Tự kiểm tra công tác bảo vệ BMNN tại trường" in listing and "15/KH-SGDĐT" in listing
    client.post(
        reverse("ops:task-report", args=[mine.pk]),
        {
            "text": "Đã tự kiểm tra, lập biên bản.",
            "complete": "on",
            "files": [SimpleUploadedFile("bien-ban.pdf", text_pdf("bien ban"))],
        },
    )
    mine.refresh_from_db()
    assert mine.status == TaskStatus.DONE and Evidence.objects.get(event__occurrence=mine).name == "bien-ban.pdf"
    client.force_login(c.director)
    assert "Hạn 01/04/2026: hoàn thành" in client.get(reverse("programme:plan", args=[plan.pk])).content.decode()
    detail = client.get(reverse("programme:occurrence", args=[mine.pk])).content.decode()
    assert "bien-ban.pdf" in detail and "Trả lại báo cáo để làm tiếp" in detail
    client.post(reverse("ops:task-return", args=[mine.pk]), {"reason": "Thiếu biên bản ký"})
    mine.refresh_from_db()
    assert mine.status == TaskStatus.RETURNED
    other = _occurrence(plan, world.school2)
    client.post(reverse("ops:task-remind", args=[other.pk]), {"text": "Đề nghị báo cáo sớm"})
    assert other.events.get().kind == "REMIND"
    with clock.frozen_at(at(2026, 4, 2)):
        page = client.get(reverse("programme:plan", args=[plan.pk])).content.decode()
    assert "chưa báo cáo, quá hạn" in page and "bị trả lại, quá hạn" in page


def test_web_refusals_outsider_and_wrong_unit_change_nothing_P1(client, world):
    """P1: an outsider and the other school get "not found"; the department's clerk cannot report the school's
    task; a plain teacher has no unit to write a plan for."""
    c = world.cast
    plan = world.department_plan()
    mine = _occurrence(plan, c.school)
    client.force_login(c.outsider)
    assert client.get(reverse("programme:plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("programme:plan-print", args=[plan.pk, "pdf"])).status_code == 404
    before = state()
    client.force_login(world.principal2)  # the other school does not even see this school's task
    assert client.post(reverse("ops:task-report", args=[mine.pk]), {"text": "Báo cáo hộ"}).status_code == 404
    client.force_login(c.clerk)  # the department's clerk sees it, but it is the school's to report
    refused = client.post(
        reverse("ops:task-report", args=[mine.pk]), {"text": "Báo cáo hộ"}, follow=True
    ).content.decode()
    assert "Trường THPT Chuyên mới được báo cáo nhiệm vụ này." in refused and "(P1)" not in refused
    assert state() == before
    client.force_login(world.teacher)
    refused = client.post(reverse("ops:plan-create"), _plan_fields(world)).content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in refused or "Select a valid choice" in refused
    assert state() == before


def test_web_department_hands_down_the_police_task_P1(client, world):
    """P1: the department opens "Lập kế hoạch thực hiện" from the police's plan and hands its task to a school."""
    c = world.cast
    police_plan = world.directive_plan()
    client.force_login(c.director)
    page = client.get(reverse("programme:plan", args=[police_plan.pk])).content.decode()
    assert "Lập kế hoạch thực hiện (Sở Giáo dục và Đào tạo)" in page
    form = client.get(reverse("ops:plan-create"), {"parent": police_plan.pk, "unit": c.department.pk})
    assert f'<option value="{police_plan.pk}" selected>' in form.content.decode()
    client.post(reverse("ops:plan-create"), _plan_fields(world, parent=police_plan.pk))
    plan = Plan.objects.get(parent=police_plan)
    source = police_plan.tasks.get().assignments.get(unit=c.department)
    client.post(
        reverse("ops:plan-task-add", args=[plan.pk]),
        {
            "title": "Tự kiểm tra tại trường",
            "leads": [c.school.pk],
            "due": "2026-04-15",
            "recurrence": Recurrence.NONE,
            "source": source.pk,
        },
    )
    assert Task.objects.get(plan=plan).source == source
    assert "Thực hiện kế hoạch" in client.get(reverse("programme:plan", args=[plan.pk])).content.decode()


# ---- printing ---------------------------------------------------------------------------------


def test_plan_prints_as_an_administrative_document_docx_and_pdf_P1(client, world):
    """P1: the plan prints with its header, basis, the four sections and the task table, in DOCX and PDF."""
    from docx import Document
    from pypdf import PdfReader

    plan = world.department_plan(parent=world.directive_plan())
    client.force_login(world.cast.director)
    answer = client.get(reverse("programme:plan-print", args=[plan.pk, "docx"]))
    assert answer["Content-Disposition"] == 'attachment; filename="ke-hoach-15-KH-SGDDT-2026.docx"'
    doc = Document(io.BytesIO(answer.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(cell.text for t in doc.tables for row in t.rows for cell in row.cells)
    for expected in (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Số: 15/KH-SGDĐT",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. PHÂN CÔNG NHIỆM VỤ",
        "IV. TỔ CHỨC THỰC HIỆN, CHẾ ĐỘ BÁO CÁO",
        "Căn cứ Kế hoạch số 120/KH-CAT",
        "1. Tự kiểm tra tại các trường",
    ):
        assert expected in text + cells, expected
    assert "Trường THPT Nguyễn Trãi" in cells and "Hằng quý" in cells and "Đơn vị chủ trì" in cells
    pdf = client.get(reverse("programme:plan-print", args=[plan.pk, "pdf"])).content
    assert pdf.startswith(b"%PDF")
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "KẾ HOẠCH" in words and "15/KH-SGDĐT" in words and "PHÂN CÔNG NHIỆM VỤ" in words


def test_a_draft_prints_as_draft_without_number_P1(world):
    """P1: a draft prints "DỰ THẢO" and no number."""
    from bmnn.programme.printing import plan_document

    doc = plan_document(world.department_plan(issue=False, number=None))
    assert doc.circulation == "DỰ THẢO" and doc.number.strip() == "/KH-SGDĐT"


# ---- API --------------------------------------------------------------------------------------


def test_api_creates_adds_task_issues_reports_returns_and_reminds_P1(client, world):
    """P1: the REST API calls the same services; the matrix comes with the plan."""
    c = world.cast
    client.force_login(c.director)
    made = client.post(
        "/api/plans/",
        {**_plan_fields(world), "contents": ["Tuyên truyền", "Tự kiểm tra"]},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["contents"] == ["Tuyên truyền", "Tự kiểm tra"]
    pk = made.json()["id"]
    task = client.post(
        f"/api/plans/{pk}/tasks/",
        {"title": "Tự kiểm tra", "leads": [c.school.pk], "due": "2026-04-30", "recurrence": "NONE"},
        content_type="application/json",
    )
    assert task.status_code == 201 and task.json()["assignments"][0]["role"] == "LEAD"
    issued = client.post(f"/api/plans/{pk}/issue/", {"number": 16}, content_type="application/json").json()
    assert issued["status"] == "ISSUED" and issued["reference"] == "16/KH-SGDĐT"
    cell = issued["matrix"]["rows"][0]["cells"][0]["occurrences"][0]
    assert cell["status"] == "PENDING" and cell["overdue"] is False
    client.force_login(world.school_clerk)
    assert [o["id"] for o in client.get("/api/plan-tasks/").json()] == [cell["id"]]
    reported = client.post(
        f"/api/plan-tasks/{cell['id']}/report/",
        {"text": "Đã kiểm tra", "complete": "true", "files": [SimpleUploadedFile("bb.pdf", text_pdf("bb"))]},
    )
    assert reported.status_code == 201 and reported.json()["status"] == "DONE"
    assert reported.json()["event"]["evidence"][0]["name"] == "bb.pdf"
    client.force_login(c.director)
    returned = client.post(
        f"/api/plan-tasks/{cell['id']}/return/", {"reason": "Bổ sung số liệu"}, content_type="application/json"
    )
    assert returned.json()["status"] == "RETURNED"
    reminded = client.post(
        f"/api/plan-tasks/{cell['id']}/remind/", {"text": "Nộp trước 10/3"}, content_type="application/json"
    )
    assert reminded.status_code == 201 and reminded.json()["event"]["kind"] == "REMIND"
    assert client.get(f"/api/plans/{pk}/document.pdf").content.startswith(b"%PDF")


def test_api_refusals_in_vietnamese_change_nothing_P1(client, world):
    """P1: the department's clerk is refused the school's report with the rule; the other school and an outsider
    get 404; an issued plan takes no task."""
    c = world.cast
    plan = world.department_plan()
    mine = _occurrence(plan, c.school)
    before = state()
    client.force_login(world.principal2)
    assert (
        client.post(f"/api/plan-tasks/{mine.pk}/report/", {"text": "Hộ"}, content_type="application/json").status_code
        == 404
    )
    client.force_login(c.clerk)
    refused = client.post(f"/api/plan-tasks/{mine.pk}/report/", {"text": "Hộ"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["rule"] == "P1"
    assert "mới được báo cáo nhiệm vụ này" in refused.json()["detail"]
    client.force_login(c.outsider)
    assert client.get(f"/api/plans/{plan.pk}/").status_code == 404
    client.force_login(c.director)
    late = client.post(
        f"/api/plans/{plan.pk}/tasks/",
        {"title": "Thêm", "leads": [c.school.pk], "due": "2026-05-01", "recurrence": "NONE"},
        content_type="application/json",
    )
    assert late.status_code == 400 and late.json()["detail"] == "Kế hoạch đã ban hành, không sửa được."
    bad = client.post("/api/plans/", {**_plan_fields(world), "contents": []}, content_type="application/json")
    assert bad.status_code == 400
    assert state() == before


# ---- CLI --------------------------------------------------------------------------------------


def test_cli_lists_shows_matrix_issues_and_exports_P1(world, tmp_path):
    """P1: `bmnn programme` lists plans, shows the matrix with overdue flags, issues a draft, exports DOCX/PDF."""
    c = world.cast
    issued = world.department_plan()
    draft = world.department_plan(issue=False, number=None, title="Kế hoạch bổ sung")
    out = command("programme", "vanthu", "plans")
    assert "15/KH-SGDĐT" in out and "Kế hoạch bổ sung – Dự thảo" in out
    with clock.frozen_at(at(2026, 4, 2)):
        out = command("programme", "vanthu", "matrix", str(issued.pk))
    assert "Trường THPT Nguyễn Trãi" in out and "Quý I/2026: chưa báo cáo QUÁ HẠN" in out
    with pytest.raises(CommandError, match="Kế hoạch ban hành phải có số"):
        command("programme", "vanthu", "plan-issue", str(draft.pk))
    out = command("programme", "vanthu", "plan-issue", str(draft.pk), "number=16")
    assert "Đã ban hành kế hoạch 16/KH-SGDĐT" in out
    for fmt in ("docx", "pdf"):
        target = tmp_path / f"kh.{fmt}"
        command("programme", "vanthu", "export", str(issued.pk), "--format", fmt, "-o", str(target))
        assert target.read_bytes()[:2] in (b"PK", b"%P")
    out = command("programme", "hieutruong", "tasks")
    assert "Trường THPT Chuyên" in out and "Trường THPT Nguyễn Trãi" not in out
    assert c.department.plans.count() == 2


def test_cli_refuses_outsider_and_wrong_unit_P1(world):
    """P1: an outsider cannot see the plan; another school's head cannot issue the department's draft (not found)."""
    draft = world.department_plan(issue=False)
    before = state()
    with pytest.raises(CommandError, match="Không tìm thấy hồ sơ"):
        command("programme", "ngoai", "matrix", str(draft.pk))
    with pytest.raises(CommandError, match="Không tìm thấy hồ sơ"):
        command("programme", "hieutruong2", "plan-issue", str(draft.pk))
    assert state() == before


def test_demo_loads_the_departments_2026_plan_with_reports_P1(db):
    """P1, P2: `bmnn demo` writes the police's, the department's and a district's plans, the units' reports
    and an inspection of a school."""
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    with clock.frozen_at(at(2026, 11, 26)):
        call_command("demo", stdout=io.StringIO())
        plan = Plan.objects.get(symbol="KH-SGDĐT")
        assert plan.reference == "15/KH-SGDĐT" and plan.parent.symbol == "KH-CAT"
        assert Plan.objects.filter(parent=plan, status=PlanStatus.ISSUED).count() == 1
        done = Occurrence.objects.filter(assignment__task__plan=plan, status=TaskStatus.DONE).count()
        assert done >= 4 and Occurrence.objects.filter(assignment__task__plan=plan, due__lt=dt.date(2026, 11, 26))
        assert any(o.overdue for o in Occurrence.objects.filter(assignment__task__plan=plan))
        # P2: the department inspected a school; one finding remedied, one still open.
        inspection = Inspection.objects.get()
        assert inspection.status == InspectionStatus.CONCLUDED and inspection.plan == plan
        assert sorted(inspection.findings.values_list("status", flat=True)) == [
            FindingStatus.CLOSED,
            FindingStatus.OPEN,
        ]


def test_a_school_head_sees_the_departments_plan_with_links_only_to_what_he_may_open_P1_S2(client, db):
    """P1, S2: the matrix of the department's plan links the school's own reports; other units' reports and
    the police plan above are named without a link that would answer 404."""
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    with clock.frozen_at(at(2026, 11, 26)):
        call_command("demo", stdout=io.StringIO())
        plan = Plan.objects.get(symbol="KH-SGDĐT")
        client.force_login(Person.objects.get(username="hieutruong"))
        page = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
        links = set(re.findall(r'href="(/(?:nhiem-vu-duoc-giao|ke-hoach)/\d+/)"', page))
        assert any(link.startswith("/nhiem-vu-duoc-giao/") for link in links)
        assert f"/ke-hoach/{plan.parent_id}/" not in links and plan.parent.reference in page
        assert all(client.get(link).status_code == 200 for link in links)


def test_api_task_history_has_no_query_per_event_P1(client, world, settings, tmp_path, django_assert_max_num_queries):
    """P1: a task the school reported on, with evidence, and was reminded about 20 times shows its history
    through the API in a bounded number of queries (authors and evidence loaded with the events)."""
    from bmnn.programme.services import progress_remind, progress_report

    settings.MEDIA_ROOT = tmp_path
    world.department_plan()
    occurrence = Occurrence.objects.filter(assignment__unit=world.cast.school).order_by("due").first()
    evidence = SimpleUploadedFile("bien-ban.pdf", text_pdf("bien ban"))
    progress_report(actor=world.principal, occurrence=occurrence, text="Đã lập đoàn tự kiểm tra", files=[evidence])
    for n in range(20):
        progress_remind(actor=world.cast.director, occurrence=occurrence, text=f"Đề nghị báo cáo lần {n + 1}")
    client.force_login(world.principal)
    with django_assert_max_num_queries(12):
        events = client.get(f"/api/plan-tasks/{occurrence.pk}/").json()["events"]
    assert len(events) == 21 and all(e["author"] for e in events)
    assert [e["evidence"][0]["name"] for e in events if e["evidence"]] == ["bien-ban.pdf"]
