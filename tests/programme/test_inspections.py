"""Self-inspection: the default checklist, answers with evidence, findings with remedies, closing (P2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.programme import selectors
from bmnn.programme.choices import Answer, FindingStatus, InspectionStatus
from bmnn.programme.models import ChecklistTemplate, Finding, Inspection, InspectionAnswer
from bmnn.programme.services import (
    finding_close,
    finding_record,
    inspection_answer,
    inspection_conclude,
    inspection_open,
)
from tests.helpers import jpeg_bytes

from .conftest import at

TEAM = "Đặng Văn Tâm – Chánh Thanh tra – Trưởng đoàn\nLê Thị Chi – Văn thư – Thành viên"


def open_department_inspection(world, **overrides):
    c = world.cast
    values = dict(
        actor=c.director,
        unit=c.department,
        inspecting_unit=c.department,
        team=TEAM,
        started_on=clock.today(),
        decision_ref="Quyết định số 20/QĐ-SGDĐT",
    )
    values.update(overrides)
    return inspection_open(**values)


def test_the_default_checklist_holds_the_focal_points_of_P2_with_their_legal_basis(world):
    """P2: determining levels; registers; statistics and storage; copying, destruction, dissemination and
    provision; computers and devices; recording devices in meetings, each item with its legal basis."""
    template = ChecklistTemplate.objects.get(is_default=True)
    groups = list(dict.fromkeys(template.items.values_list("group", flat=True)))
    assert [g.split(". ", 1)[1] for g in groups] == [
        "Xác định bí mật nhà nước và độ mật",
        "Sổ theo dõi, sổ chuyển giao BMNN",
        "Thống kê, lưu giữ, bảo quản BMNN",
        "Sao, chụp, tiêu hủy, phổ biến, cung cấp BMNN",
        "Máy tính, thiết bị dùng soạn thảo, lưu giữ, truyền đưa BMNN",
        "Thiết bị ghi âm, ghi hình trong hội nghị có nội dung BMNN",
    ]
    assert all(item.legal_basis.strip() for item in template.items.all())


def test_a_department_inspects_itself_finds_a_gap_and_remedies_it_P2(world, settings, tmp_path):
    """P2: a named team answers every point; a point not met gets a finding with remedy, owner and due date;
    the inspection concludes; the finding closes with its result."""
    settings.MEDIA_ROOT = tmp_path
    c = world.cast
    inspection = open_department_inspection(world)
    answers = list(inspection.answers.all())
    assert len(answers) == ChecklistTemplate.objects.get(is_default=True).items.count()
    assert inspection.team_lines()[0].startswith("Đặng Văn Tâm")
    storage = next(a for a in answers if "Nơi lưu giữ" in a.text)
    for answer in answers:
        if answer is storage:
            inspection_answer(
                actor=c.clerk,
                answer=answer,
                result=Answer.NOT_MET,
                note="Tủ tài liệu mật phòng Khảo thí không có khóa.",
                files=[SimpleUploadedFile("anh-tu.jpg", jpeg_bytes())],
            )
        else:
            inspection_answer(actor=c.clerk, answer=answer, result=Answer.MET)
    with pytest.raises(DomainError, match="chưa có tồn tại") as refused:
        inspection_conclude(actor=c.director, inspection=inspection, conclusion="Cơ bản thực hiện tốt.")
    assert refused.value.rule == "P2"
    finding = finding_record(
        actor=c.director,
        inspection=inspection,
        answer=storage,
        description="Tủ tài liệu mật không có khóa",
        remedy="Trang bị tủ sắt có khóa",
        owner=c.exams_head,
        due=clock.today() + dt.timedelta(days=14),
    )
    inspection_conclude(actor=c.director, inspection=inspection, conclusion="Cơ bản thực hiện tốt; một tồn tại.")
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CONCLUDED and storage.evidence.get().name == "anh-tu.jpg"
    assert list(selectors.open_findings(c.department.subtree_ids())) == [finding]
    with clock.frozen_at(at(2026, 3, 20)):
        assert list(selectors.overdue_findings([c.department.pk])) == [finding]
        finding_close(actor=c.exams_head, finding=finding, result_note="Đã trang bị tủ sắt có khóa ngày 19/3.")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and finding.closed_on == dt.date(2026, 3, 20)
    assert not selectors.open_findings([c.department.pk]).exists()
    actions = list(AuditEvent.objects.filter(action__startswith="programme.").values_list("action", "basis"))
    assert ("programme.inspection.opened", "P2") in actions and ("programme.finding.closed", "P2") in actions
    assert [a for a, _ in actions].count("programme.inspection.answered") == len(answers)
    assert list(selectors.inspections_in([c.department.pk], dt.date(2026, 1, 1), dt.date(2026, 12, 31))) == [inspection]


def test_a_finding_cannot_close_without_its_result_P2(world):
    """P2: closing needs a result note; a stranger cannot close it; nothing changes on refusal."""
    c = world.cast
    inspection = open_department_inspection(world)
    finding = finding_record(
        actor=c.director,
        inspection=inspection,
        description="Sổ chuyển giao thiếu chữ ký",
        remedy="Bổ sung ký nhận",
        owner=c.clerk,
        due=clock.today(),
    )
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="kết quả khắc phục") as refused:
        finding_close(actor=c.clerk, finding=finding, result_note="   ")
    assert refused.value.rule == "P2"
    with pytest.raises(PermissionDenied):
        finding_close(actor=world.principal2, finding=finding, result_note="Đã xong")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN and AuditEvent.objects.count() == events
    finding_close(actor=c.clerk, finding=finding, result_note="Đã bổ sung chữ ký")
    with pytest.raises(DomainError, match="đã được khắc phục"):
        finding_close(actor=c.clerk, finding=finding, result_note="Lần nữa")


def test_a_finding_needs_a_remedy_an_owner_of_the_unit_and_a_due_date_P2(world):
    """P2: each finding gets a remedy, an owner (of the inspected unit) and a due date."""
    c = world.cast
    inspection = open_department_inspection(world)
    base = dict(
        actor=c.director,
        inspection=inspection,
        description="Máy tính soạn thảo có kết nối Internet",
        remedy="Ngắt kết nối Internet",
        owner=c.officer,
        due=clock.today() + dt.timedelta(days=7),
    )
    for missing, message in (
        ({"remedy": ""}, "biện pháp khắc phục"),
        ({"owner": None}, "người chịu trách nhiệm"),
        ({"due": None}, "hạn khắc phục"),
        ({"owner": c.outsider}, "đơn vị được kiểm tra"),
    ):
        with pytest.raises(DomainError, match=message):
            finding_record(**{**base, **missing})
    assert not Finding.objects.exists()


def test_a_not_met_answer_needs_a_note_and_only_the_inspecting_unit_answers_P2(world):
    """P2: "not met" without saying what is wrong is refused; a school cannot answer the department's checklist."""
    c = world.cast
    inspection = open_department_inspection(world)
    answer = inspection.answers.first()
    with pytest.raises(DomainError, match="ghi rõ tồn tại"):
        inspection_answer(actor=c.director, answer=answer, result=Answer.NOT_MET)
    with pytest.raises(PermissionDenied):
        inspection_answer(actor=world.principal, answer=answer, result=Answer.MET)
    answer.refresh_from_db()
    assert answer.result == ""


def test_a_superior_inspects_a_school_but_not_the_other_way_round_P2(world):
    """P2: an inspection is by the unit itself or by its superior, never by a subordinate or a stranger."""
    c = world.cast
    by_superior = open_department_inspection(world, unit=c.school)
    assert by_superior.inspecting_unit == c.department and by_superior.unit == c.school
    by_itself = open_department_inspection(world, actor=world.principal, unit=c.school, inspecting_unit=c.school)
    assert by_itself.answers.count() > 0
    with pytest.raises(DomainError, match="cấp trên") as refused:
        open_department_inspection(world, actor=world.principal, unit=c.department, inspecting_unit=c.school)
    assert refused.value.rule == "P2"
    with pytest.raises(PermissionDenied):
        open_department_inspection(world, actor=world.principal, unit=c.school)
    with pytest.raises(DomainError, match="đoàn kiểm tra"):
        open_department_inspection(world, team="  ")
    assert Inspection.objects.count() == 2
    # the school sees inspections of itself; another department sees none
    assert set(selectors.inspections_visible_to(world.principal)) == {by_superior, by_itself}
    assert not selectors.inspections_visible_to(c.outsider).exists()


def test_answers_keep_the_text_of_their_day_when_the_template_is_edited_P2(world):
    """P2: the checklist is editable; past inspections keep the wording and basis they were answered on."""
    inspection = open_department_inspection(world)
    item = ChecklistTemplate.objects.get(is_default=True).items.first()
    original = item.text
    item.text = "Nội dung đã sửa"
    item.save()
    assert InspectionAnswer.objects.get(inspection=inspection, order=item.order).text == original
