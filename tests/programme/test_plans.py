"""Plans: writing, handing tasks down, issuing, reporting progress, reminding and returning (P1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.documents.samples import text_pdf
from bmnn.programme import selectors
from bmnn.programme.choices import EventKind, PlanStatus, Recurrence, TaskStatus
from bmnn.programme.models import Occurrence, Plan, Task, TaskEvent
from bmnn.programme.services import (
    plan_attach,
    plan_create,
    plan_issue,
    progress_remind,
    progress_report,
    progress_return,
    task_add,
)
from tests.helpers import docx_bytes, operation_events

from .conftest import at


def state() -> tuple:
    """What a refused operation must leave unchanged."""
    return (
        list(Plan.objects.values_list("pk", "status", "number")),
        Task.objects.count(),
        list(Occurrence.objects.values_list("pk", "status", "completed_on")),
        TaskEvent.objects.count(),
        operation_events().count(),
    )


def test_a_department_plan_implements_the_police_plan_and_hands_tasks_to_two_schools_P1(world):
    """P1: header, basis, purposes, contents, tasks per unit (lead and coordinating), linked to the superior's."""
    police_plan = world.directive_plan()
    plan = world.department_plan(parent=police_plan)
    assert plan.status == PlanStatus.ISSUED and plan.reference == "15/KH-SGDĐT" and plan.parent == police_plan
    first, quarterly = plan.tasks.order_by("order")
    assert first.source.task.plan == police_plan and first.source.unit == world.cast.department
    roles = {(a.unit.name, a.get_role_display()) for a in first.assignments.all()}
    assert roles == {
        ("Trường THPT Chuyên", "Chủ trì"),
        ("Trường THPT Nguyễn Trãi", "Chủ trì"),
        ("Phòng Khảo thí và Quản lý chất lượng", "Phối hợp"),
    }
    # a one-off task: one occurrence per unit; a quarterly one: Q1..Q4 of the plan's year per school
    assert Occurrence.objects.filter(assignment__task=first).count() == 3
    periods = list(
        Occurrence.objects.filter(assignment__task=quarterly, assignment__unit=world.school2).values_list(
            "period", "due"
        )
    )
    assert periods == [
        ("Quý I/2026", dt.date(2026, 3, 31)),
        ("Quý II/2026", dt.date(2026, 6, 30)),
        ("Quý III/2026", dt.date(2026, 9, 30)),
        ("Quý IV/2026", dt.date(2026, 12, 31)),
    ]
    issued = AuditEvent.objects.get(action="programme.plan.issued", target_id=str(plan.pk))
    assert issued.basis == "P1" and issued.data["occurrences"] == 11
    assert AuditEvent.objects.filter(action="programme.plan.created").count() == 2


def test_monthly_tasks_are_due_at_the_end_of_each_remaining_month_P1(world):
    """P1: a recurrence generates one occurrence per period, from the plan's month to the end of its year."""
    c = world.cast
    plan = plan_create(
        actor=c.director,
        unit=c.department,
        symbol="KH-SGDĐT",
        place="Thử Nghiệm",
        issued_on=dt.date(2026, 10, 5),
        title="Kế hoạch quý IV",
        basis="Luật 117/2025/QH15",
        purposes="Theo dõi",
        contents=["Báo cáo tháng"],
    )
    task_add(actor=c.director, plan=plan, title="Báo cáo tháng", leads=[c.school], recurrence=Recurrence.MONTHLY)
    plan_issue(actor=c.director, plan=plan, number=30)
    assert list(Occurrence.objects.values_list("period", flat=True)) == [
        "Tháng 10/2026",
        "Tháng 11/2026",
        "Tháng 12/2026",
    ]


def test_only_the_units_head_or_secret_staff_write_its_plan_P1(world):
    """P1: a plain staff member, or another unit's head, cannot write the department's plan."""
    c = world.cast
    before = state()
    for stranger in (world.teacher, world.principal, c.outsider):
        with pytest.raises(PermissionDenied) as refused:
            world.department_plan(actor=stranger, issue=False)
        assert refused.value.rule == "P1"
    assert state() == before
    # the clerk is designated for secrets in the department's office: allowed
    assert world.department_plan(actor=c.clerk, issue=False).status == PlanStatus.DRAFT


def test_a_plan_needs_its_header_contents_and_task_timing_P1(world):
    """P1: no basis, no content, a task with neither due date nor recurrence, or no lead unit: refused."""
    c = world.cast
    before = state()
    with pytest.raises(DomainError, match="căn cứ"):
        world.department_plan(basis=" ", issue=False)
    with pytest.raises(DomainError, match="nội dung công tác"):
        world.department_plan(contents=[], issue=False)
    with pytest.raises(DomainError, match="thời hạn hoặc định kỳ"):
        world.department_plan(tasks=[dict(title="Tập huấn", leads=[c.school])], issue=False)
    with pytest.raises(DomainError, match="chủ trì"):
        world.department_plan(tasks=[dict(title="Tập huấn", leads=[], due=clock.today())], issue=False)
    assert state() == before
    draft = world.department_plan(tasks=[], issue=False)
    with pytest.raises(DomainError, match="chưa có nhiệm vụ"):
        plan_issue(actor=c.director, plan=draft)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_a_unit_hands_down_only_a_task_it_received_P1(world):
    """P1: the superior's task handed down must be assigned to the unit writing the plan, in the linked plan."""
    police_plan = world.directive_plan()
    others = police_plan.tasks.first().assignments.get()
    foreign = world.directive_plan(
        number=121, tasks=[dict(title="Rà soát danh mục", leads=[world.school2], due=clock.today())]
    )
    with pytest.raises(DomainError, match="chính đơn vị mình"):
        world.department_plan(
            parent=police_plan,
            tasks=[
                dict(
                    title="X",
                    leads=[world.cast.school],
                    due=clock.today(),
                    source=foreign.tasks.first().assignments.get(),
                )
            ],
            issue=False,
        )
    with pytest.raises(DomainError, match="kế hoạch cấp trên"):
        world.department_plan(
            parent=None,
            tasks=[dict(title="X", leads=[world.cast.school], due=clock.today(), source=others)],
            issue=False,
        )
    # a school cannot claim to implement a plan that neither comes from its superiors nor gives it a task
    with pytest.raises(DomainError, match="kế hoạch đã ban hành"):
        plan_create(
            actor=world.principal,
            unit=world.cast.school,
            symbol="KH-THPTC",
            place="X",
            issued_on=clock.today(),
            title="T",
            basis="B",
            purposes="P",
            contents=["C"],
            parent=police_plan,
        )


def test_an_issued_plan_is_not_edited_and_numbers_do_not_repeat_P1(world):
    """P1: once issued, no task is added; the same number and symbol cannot be issued twice on a day."""
    plan = world.department_plan()
    with pytest.raises(DomainError, match="đã ban hành"):
        task_add(actor=world.cast.director, plan=plan, title="Thêm", leads=[world.cast.school], due=clock.today())
    twin = world.department_plan(issue=False)
    with pytest.raises(DomainError, match="đã dùng"):
        plan_issue(actor=world.cast.director, plan=twin)
    twin.refresh_from_db()
    assert twin.status == PlanStatus.DRAFT and not Occurrence.objects.filter(assignment__task__plan=twin).exists()


def test_a_school_reports_progress_with_evidence_and_completes_its_task_P1(world, settings, tmp_path):
    """P1: the assigned unit's head or designated staff report with text and evidence files."""
    settings.MEDIA_ROOT = tmp_path
    plan = world.department_plan()
    mine = selectors.open_tasks([world.cast.school.pk]).filter(assignment__task__order=1).get()
    evidence = SimpleUploadedFile("bien-ban-tu-kiem-tra.pdf", text_pdf("minh chung"), content_type="application/pdf")
    event = progress_report(
        actor=world.school_clerk, occurrence=mine, text="Đã tự kiểm tra ngày 10/3.", complete=True, files=[evidence]
    )
    mine.refresh_from_db()
    assert mine.status == TaskStatus.DONE and mine.completed_on == clock.today()
    stored = event.evidence.get()
    assert stored.name == "bien-ban-tu-kiem-tra.pdf" and (tmp_path / stored.file.name).read_bytes().startswith(b"%PDF")
    audit = AuditEvent.objects.get(action="programme.task.reported")
    assert audit.basis == "P1" and audit.data["files"] == ["bien-ban-tu-kiem-tra.pdf"] and audit.data["complete"]
    with pytest.raises(DomainError, match="đã báo cáo hoàn thành"):
        progress_report(actor=world.principal, occurrence=mine, text="Thêm")
    assert plan.status == PlanStatus.ISSUED


def test_a_unit_cannot_report_on_another_units_task_P1(world):
    """P1: school 2's head, the department's director and a plain teacher cannot report on school 1's task."""
    world.department_plan()
    theirs = selectors.open_tasks([world.cast.school.pk]).first()
    before = state()
    for stranger in (world.principal2, world.cast.director, world.teacher):
        with pytest.raises(PermissionDenied) as refused:
            progress_report(actor=stranger, occurrence=theirs, text="Đã làm", complete=True)
        assert refused.value.rule == "P1"
    with pytest.raises(DomainError, match="nội dung"):
        progress_report(actor=world.principal, occurrence=theirs, text="  ")
    assert state() == before


def test_the_owner_reminds_and_returns_a_report_with_a_reason_P1(world):
    """P1: the plan's owner reminds (recorded, visible to the unit) and returns a report for more work."""
    c = world.cast
    world.department_plan()
    occ = selectors.open_tasks([c.school.pk]).filter(assignment__task__order=1).get()
    progress_remind(actor=c.clerk, occurrence=occ, text="Đề nghị nhà trường khẩn trương tự kiểm tra.")
    seen_by_school = selectors.occurrence_get_for_user(world.principal, occ.pk)
    assert [e.kind for e in seen_by_school.events.all()] == [EventKind.REMIND]
    progress_report(actor=world.principal, occurrence=occ, text="Đã kiểm tra", complete=True)
    with pytest.raises(DomainError, match="lý do"):
        progress_return(actor=c.director, occurrence=occ, reason="")
    with pytest.raises(PermissionDenied):
        progress_return(actor=world.principal2, occurrence=occ, reason="Thiếu biên bản")
    with pytest.raises(PermissionDenied):
        progress_remind(actor=world.principal, occurrence=occ, text="Tự nhắc")
    progress_return(actor=c.director, occurrence=occ, reason="Thiếu biên bản tự kiểm tra có chữ ký.")
    occ.refresh_from_db()
    assert occ.status == TaskStatus.RETURNED and occ.completed_on is None
    assert AuditEvent.objects.filter(action="programme.task.returned", basis="P1").count() == 1
    progress_report(actor=world.principal, occurrence=occ, text="Bổ sung biên bản", complete=True)
    occ.refresh_from_db()
    assert occ.status == TaskStatus.DONE


def test_the_matrix_flags_overdue_work_and_figures_count_it_P1(world):
    """P1: units × tasks with status and overdue flags; task_completion counts done, on time and overdue."""
    c = world.cast
    plan = world.department_plan()
    done = selectors.open_tasks([c.school.pk]).get(assignment__task__order=2, period="Quý I/2026")
    progress_report(actor=world.principal, occurrence=done, text="Báo cáo quý I", complete=True)
    with clock.frozen_at(at(2026, 4, 1)):  # Q1 ended; the one-off task is due today
        matrix = selectors.plan_matrix(plan)
        assert [r["unit"] for r in matrix["rows"]] == [c.exams_division, c.school, world.school2]
        school2_row = matrix["rows"][2]["cells"][1]["occurrences"]
        assert school2_row[0].period == "Quý I/2026" and school2_row[0].overdue
        assert not matrix["rows"][1]["cells"][1]["occurrences"][0].overdue
        assert [o.assignment.unit for o in selectors.overdue_tasks([c.school.pk, world.school2.pk])] == [world.school2]
        figures = selectors.task_completion(c.department.subtree_ids(), dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert figures == {"total": 2, "done": 1, "done_on_time": 1, "open": 1, "overdue": 1, "rate": 50.0}


def test_plans_and_tasks_are_seen_by_the_units_concerned_only_P1(world):
    """P1, P5: the school sees the plan that tasks it; another department sees nothing; drafts stay home."""
    c = world.cast
    plan = world.department_plan()
    draft = world.department_plan(number=16, issue=False)
    assert set(selectors.plans_visible_to(world.principal)) == {plan}
    assert set(selectors.plans_visible_to(c.director)) == {plan, draft}
    assert not selectors.plans_visible_to(c.outsider).exists()
    school_tasks = selectors.occurrences_visible_to(world.principal)
    assert {o.assignment.unit for o in school_tasks} == {c.school}
    assert selectors.occurrences_visible_to(c.director).count() == Occurrence.objects.count()


def test_files_attach_to_a_plan_P1(world, settings, tmp_path):
    """P1: a plan carries attachments kept under MEDIA_ROOT; an empty file is refused."""
    settings.MEDIA_ROOT = tmp_path
    plan = world.department_plan(issue=False)
    annex = docx_bytes("Phụ lục kế hoạch")
    saved = plan_attach(actor=world.cast.director, plan=plan, files=[SimpleUploadedFile("phu-luc.docx", annex)])
    assert [e.name for e in plan.attachments.all()] == ["phu-luc.docx"] and saved[0].file.size == len(annex)
    with pytest.raises(DomainError, match="rỗng"):
        plan_attach(actor=world.cast.director, plan=plan, files=[SimpleUploadedFile("rong.txt", b"")])
    with pytest.raises(PermissionDenied):
        plan_attach(actor=world.principal, plan=plan, files=[SimpleUploadedFile("x.txt", b"x")])
