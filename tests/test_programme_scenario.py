"""The yearly protection programme, one year in a province (issue 4, "Done means").

The provincial police issue a plan implementing Directive 32/CT-TTg (P1); the Department of Education
implements it with its own plan and hands tasks to two schools (P1); the schools report on their tasks (P1);
a self-inspection of a school finds a gap that is remedied (P2); a loss is recorded (R40); at the end of
the year each school submits its annual report (R41, R42), the department's report aggregates its schools
(P5), the department's signed package is imported by the provincial police and aggregated into theirs
(P5), and a tampered package is refused (P5).

Every step goes through the same services the screens, the API and the commands call.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.audit.checkpoint import public_key_b64
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.documents.samples import text_pdf
from bmnn.org.models import Organisation, OrgKind, Person, Position
from bmnn.programme import selectors as programme
from bmnn.programme.choices import Answer, FindingStatus, TaskStatus
from bmnn.programme.models import Occurrence, Plan
from bmnn.programme.services import (
    finding_close,
    finding_record,
    inspection_answer,
    inspection_conclude,
    inspection_open,
    plan_create,
    plan_issue,
    progress_report,
)
from bmnn.registry.choices import IncidentKind
from bmnn.registry.services import outgoing_register
from bmnn.reports import services as reports
from bmnn.reports.models import ImportedReport, PeriodicReport
from bmnn.safeguards.services.incidents import incident_record
from tests.conftest import Cast, ensure_reference_data, make_person, outgoing_kwargs
from tests.helpers import at, jpeg_bytes
from tests.reports.conftest import TEXTS

YEAR = 2026


@dataclass
class Province:
    cast: Cast
    police: Organisation
    school2: Organisation
    police_officer: Person
    principal: Person
    principal2: Person
    admin: Person


@pytest.fixture
def province(cast: Cast, settings, tmp_path) -> Province:
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_reference_data()
    police = Organisation.objects.create(
        name="Công an tỉnh Thử Nghiệm",
        kind=OrgKind.POLICE,
        parent=cast.department.parent,
        symbol="CAT",
        keeps_register=True,
    )
    school2 = Organisation.objects.create(
        name="Trường THPT Nguyễn Trãi",
        kind=OrgKind.SCHOOL,
        parent=cast.department,
        symbol="THPT-NT",
        keeps_register=True,
    )
    return Province(
        cast=cast,
        police=police,
        school2=school2,
        police_officer=make_person(
            "congan", police, Position.STAFF, Level.TOI_MAT, designated=True, first="Long", last="Phan Văn"
        ),
        principal=make_person(
            "hieutruong",
            cast.school,
            Position.HEAD,
            Level.TOI_MAT,
            first="Quang",
            last="Trịnh Văn",
            title="Hiệu trưởng",
        ),
        principal2=make_person(
            "hieutruong2", school2, Position.HEAD, Level.TOI_MAT, first="Sơn", last="Lê Hồng", title="Hiệu trưởng"
        ),
        admin=Person.objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem"),
    )


def the_police_issue_a_plan_implementing_the_directive(p: Province) -> Plan:
    """P1: the provincial police's plan implements Directive 32/CT-TTg and gives the department a task."""
    plan = plan_create(
        actor=p.police_officer,
        unit=p.police,
        number=120,
        symbol="KH-CAT",
        place="Thử Nghiệm",
        issued_on=dt.date(YEAR, 1, 15),
        title="Thực hiện Chỉ thị số 32/CT-TTg về tăng cường công tác bảo vệ BMNN trong tình hình mới",
        basis="Luật Bảo vệ bí mật nhà nước số 117/2025/QH15\nChỉ thị số 32/CT-TTg ngày 21/10/2025",
        purposes="Nâng cao trách nhiệm của người đứng đầu trong công tác bảo vệ BMNN.",
        contents=["Quán triệt Chỉ thị 32/CT-TTg", "Tự kiểm tra công tác bảo vệ BMNN"],
        tasks=[
            dict(
                title="Triển khai tự kiểm tra công tác bảo vệ BMNN trong ngành",
                leads=[p.cast.department],
                due=dt.date(YEAR, 5, 31),
            )
        ],
    )
    return plan_issue(actor=p.police_officer, plan=plan)


def the_department_hands_tasks_to_its_two_schools(p: Province, police_plan: Plan) -> Plan:
    """P1: the department's plan implements the police's plan; the received task goes down to two schools."""
    c = p.cast
    received = police_plan.tasks.get().assignments.get(unit=c.department)
    plan = plan_create(
        actor=c.director,
        unit=c.department,
        number=15,
        symbol="KH-SGDĐT",
        place="Thử Nghiệm",
        issued_on=dt.date(YEAR, 2, 2),
        parent=police_plan,
        title="Công tác bảo vệ bí mật nhà nước năm 2026",
        basis="Kế hoạch số 120/KH-CAT của Công an tỉnh",
        purposes="Bảo đảm an toàn BMNN của ngành giáo dục.",
        contents=["Tự kiểm tra tại các trường"],
        tasks=[
            dict(
                title="Tự kiểm tra công tác bảo vệ BMNN tại trường",
                leads=[c.school, p.school2],
                due=dt.date(YEAR, 3, 31),
                source=received,
            )
        ],
    )
    return plan_issue(actor=c.director, plan=plan)


def task_of(unit: Organisation, plan: Plan) -> Occurrence:
    return Occurrence.objects.get(assignment__unit=unit, assignment__task__plan=plan)


def a_self_inspection_finds_a_gap_that_is_remedied(p: Province) -> None:
    """P2: the department inspects the first school; one point is not met; the finding is remedied."""
    c = p.cast
    with clock.frozen_at(at(YEAR, 3, 10)):
        inspection = inspection_open(
            actor=c.director,
            unit=c.school,
            inspecting_unit=c.department,
            team="Đặng Văn Tâm – Chánh Thanh tra Sở – Trưởng đoàn",
            started_on=clock.today(),
            decision_ref="Quyết định số 20/QĐ-SGDĐT",
        )
        gap = None
        for answer in inspection.answers.all():
            if "Nơi lưu giữ" in answer.text:
                gap = inspection_answer(
                    actor=c.clerk,
                    answer=answer,
                    result=Answer.NOT_MET,
                    note="Tủ tài liệu mật không có khóa",
                    files=[SimpleUploadedFile("anh-tu.jpg", jpeg_bytes())],
                )
            else:
                inspection_answer(actor=c.clerk, answer=answer, result=Answer.MET)
        finding = finding_record(
            actor=c.director,
            inspection=inspection,
            answer=gap,
            description="Tủ tài liệu mật không có khóa",
            remedy="Trang bị tủ sắt có khóa",
            owner=p.principal,
            due=dt.date(YEAR, 3, 25),
        )
        inspection_conclude(actor=c.director, inspection=inspection, conclusion="Một tồn tại phải khắc phục.")
    assert list(programme.open_findings([c.school.pk])) == [finding]
    with clock.frozen_at(at(YEAR, 3, 20)):
        finding_close(actor=p.principal, finding=finding, result_note="Đã trang bị tủ sắt có khóa ngày 19/3.")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and not programme.open_findings([c.school.pk]).exists()


def a_loss_is_recorded(p: Province) -> None:
    """R40: a copy of the exam logistics plan is lost in the exams division; the ad-hoc report is made."""
    c = p.cast
    with clock.frozen_at(at(YEAR, 5, 4)):
        carrier = outgoing_register(**outgoing_kwargs(c))
    with clock.frozen_at(at(YEAR, 5, 10)):
        incident = incident_record(
            actor=c.officer,
            unit=c.exams_division,
            kind=IncidentKind.LOSS,
            carriers=[carrier],
            found_at=clock.now() - dt.timedelta(hours=2),
            description="Thất lạc một bản phương án vận chuyển đề thi sau cuộc họp.",
            measures="Rà soát phòng họp, báo cáo Giám đốc Sở",
        )
    assert incident.adhoc_report.due_on == dt.date(YEAR, 5, 10)


def annual_report(unit: Organisation, head: Person, day: int) -> PeriodicReport:
    """R41: build, write sections a–d and submit inside the reporting window."""
    with clock.frozen_at(at(YEAR, 12, day)):
        report = reports.report_build(actor=head, unit=unit, year=YEAR)
        reports.report_edit(actor=head, report=report, **TEXTS)
        return reports.report_submit(actor=head, report=report)


def tampered(blob: bytes) -> bytes:
    """The same package with the department's incident count changed after signing."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = json.loads(parts["data.json"])
    body["figures"]["total"]["incidents"]["total"] = 0
    parts["data.json"] = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_year_of_the_programme_from_the_police_plan_to_the_provincial_report_P1_P2_R40_R41_R42_P5(province):
    """P1, P2, R40, R41, R42, P5: plans down the tree, reports and a signed package up it, with the figures."""
    p, c = province, province.cast
    with clock.frozen_at(at(YEAR, 1, 15)):
        police_plan = the_police_issue_a_plan_implementing_the_directive(p)
    with clock.frozen_at(at(YEAR, 2, 2)):
        department_plan = the_department_hands_tasks_to_its_two_schools(p, police_plan)
    assert department_plan.parent == police_plan
    assert department_plan.tasks.get().source.unit == c.department
    assert {o.assignment.unit for o in programme.open_tasks([c.school.pk, p.school2.pk])} == {c.school, p.school2}

    # P1: the schools report; the first completes on time with evidence, the second only reports progress.
    with clock.frozen_at(at(YEAR, 3, 20)):
        progress_report(
            actor=p.principal,
            occurrence=task_of(c.school, department_plan),
            complete=True,
            text="Đã tự kiểm tra theo danh mục; khắc phục xong tồn tại về tủ tài liệu.",
            files=[SimpleUploadedFile("bien-ban-tu-kiem-tra.pdf", text_pdf("bien ban"))],
        )
        progress_report(
            actor=p.principal2,
            occurrence=task_of(p.school2, department_plan),
            text="Đã thành lập tổ tự kiểm tra, đang rà soát sổ sách.",
        )
    assert task_of(c.school, department_plan).status == TaskStatus.DONE
    assert task_of(p.school2, department_plan).status == TaskStatus.IN_PROGRESS
    a_self_inspection_finds_a_gap_that_is_remedied(p)
    with clock.frozen_at(at(YEAR, 4, 20)):
        progress_report(
            actor=c.director,
            occurrence=task_of(c.department, police_plan),
            complete=True,
            text="Các trường đã tự kiểm tra; một trường còn đang thực hiện.",
        )
    a_loss_is_recorded(p)

    # R41, R42: the schools submit their annual reports.
    school = annual_report(c.school, p.principal, 15)
    school2 = annual_report(p.school2, p.principal2, 16)
    assert school.recipient == c.department and school2.recipient == c.department
    assert school.figures["total"]["tasks"] == {"total": 1, "done": 1, "done_on_time": 1, "open": 0, "overdue": 0}
    # The inspection counts for the department that carried it out (one count for every output, R41, P2);
    # its finding and the remedy are the school's.
    assert school.figures["total"]["inspections"] == {"inspections": 0, "findings": 1, "findings_closed": 1}
    assert school2.figures["total"]["tasks"] == {"total": 1, "done": 0, "done_on_time": 0, "open": 1, "overdue": 1}
    assert school2.figures["total"]["inspections"]["inspections"] == 0

    # P5: the department's report aggregates its own figures and both schools' submitted reports.
    department = annual_report(c.department, c.director, 17)
    figures = department.figures
    assert department.recipient == p.police
    assert sorted((s["unit"], s["source"]) for s in figures["subordinates"]) == sorted(
        [(c.school.name, "local"), (p.school2.name, "local")]
    )
    assert figures["missing"] == []
    assert figures["own"]["tasks"]["total"] == 1 and figures["own"]["tasks"]["done"] == 1
    assert figures["own"]["incidents"] == {"total": 1, "disclosure": 0, "loss": 1, "remedied": 0}
    assert figures["own"]["registry"]["registered_outgoing"][Level.MAT] == 1
    assert figures["total"]["tasks"] == {"total": 3, "done": 2, "done_on_time": 2, "open": 1, "overdue": 1}
    assert figures["total"]["inspections"] == {"inspections": 1, "findings": 1, "findings_closed": 1}
    assert figures["total"]["incidents"]["total"] == 1 and figures["total"]["incidents"]["loss"] == 1

    # P5: the department's signed package goes to the provincial police, another installation.
    with clock.frozen_at(at(YEAR, 12, 17, 15)):
        blob = reports.package_export(actor=c.clerk, report=department)
    reports.trusted_key_register(actor=p.admin, organisation=c.department, public_key=public_key_b64(), label="Sở GDĐT")
    events = AuditEvent.objects.count()
    with clock.frozen_at(at(YEAR, 12, 18)), pytest.raises(DomainError, match="Chữ ký số không hợp lệ") as refused:
        reports.package_import(actor=p.police_officer, recipient=p.police, blob=tampered(blob))
    assert refused.value.rule == "P5" and "Gói báo cáo bị từ chối, không lưu dữ liệu nào." in refused.value.message
    assert not ImportedReport.objects.exists() and AuditEvent.objects.count() == events
    with clock.frozen_at(at(YEAR, 12, 18)):
        imported = reports.package_import(actor=p.police_officer, recipient=p.police, blob=blob)
        provincial = reports.report_build(actor=p.police_officer, unit=p.police, year=YEAR)
    assert imported.organisation == c.department
    by_unit = {s["unit"]: s for s in provincial.figures["subordinates"]}
    assert by_unit[c.department.name]["source"] == "imported" and by_unit[c.department.name]["ref"] == imported.pk
    assert [m["unit"] for m in provincial.figures["missing"]] == [c.other_department.name]
    total = provincial.figures["total"]
    assert total["tasks"] == {"total": 3, "done": 2, "done_on_time": 2, "open": 1, "overdue": 1}
    assert total["inspections"] == {"inspections": 1, "findings": 1, "findings_closed": 1}
    assert total["incidents"]["total"] == 1 and total["incidents"]["loss"] == 1
    assert total["registry"]["registered_outgoing"][Level.MAT] == 1
    for section in ("tasks", "inspections", "incidents", "registry"):  # the police add nothing of their own here
        assert total[section] == figures["total"][section]
