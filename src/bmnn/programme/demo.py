"""Demo data for `bmnn demo`: the police's plan implementing Directive 32, the department's 2026 plan
implementing it, a district office handing a task down to its school, the units' reports (P1), and the
department's inspection of a school with one finding remedied and one still open (P2).

Everything goes through the services at fixed moments, so the audit chain is real.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from bmnn.core import clock
from bmnn.documents.samples import text_pdf
from bmnn.org.models import Organisation, Person

from .choices import Answer, Recurrence
from .models import Occurrence, Plan
from .services import inspections, plans

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PLACE = "Hòa Bình Xanh"
LAW = "Luật Bảo vệ bí mật nhà nước số 117/2025/QH15"
DIRECTIVE = "Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ về tăng cường công tác bảo vệ bí mật nhà nước"


# Demo data (content, not messages): the titles of the demo's plans and tasks.
POLICE_PLAN_TITLE = "Thực hiện Chỉ thị số 32/CT-TTg về tăng cường công tác bảo vệ bí mật nhà nước trên địa bàn tỉnh"
POLICE_TASK_TITLE = "Tổ chức tự kiểm tra công tác bảo vệ bí mật nhà nước của ngành, lĩnh vực"
DEPARTMENT_PLAN_TITLE = "Công tác bảo vệ bí mật nhà nước năm 2026 của ngành Giáo dục và Đào tạo"
TASK_CONFERENCE = "Tổ chức hội nghị phổ biến Luật Bảo vệ bí mật nhà nước năm 2025"
TASK_RULES = "Rà soát, ban hành Nội quy bảo vệ bí mật nhà nước của Sở"
TASK_COMPUTERS = "Kiểm tra an ninh máy tính, thiết bị trước khi sử dụng"
TASK_EXAMS = "Bảo vệ bí mật nhà nước trong kỳ thi tốt nghiệp THPT năm 2026"
TASK_SELF_INSPECTION = "Tự kiểm tra công tác bảo vệ bí mật nhà nước tại đơn vị"
TASK_REPORT = "Báo cáo tình hình, kết quả công tác bảo vệ bí mật nhà nước"
DISTRICT_PLAN_TITLE = "Thực hiện công tác bảo vệ bí mật nhà nước năm 2026 tại các trường trực thuộc"
DISTRICT_TASK_TITLE = "Tự kiểm tra công tác bảo vệ bí mật nhà nước tại trường"


def _at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=TZ)


def load(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    police_plan = _police_plan(orgs, people)
    plan = _department_plan(orgs, people, police_plan)
    _district_plan(orgs, people, plan)
    _reports(orgs, people, plan)
    _inspection(orgs, people, plan)


def _police_plan(orgs: dict[str, Organisation], people: dict[str, Person]) -> Plan:
    officer = people["canbocongan"]
    with clock.frozen_at(_at(1, 8)):
        plan = plans.plan_create(
            actor=officer,
            unit=orgs["police"],
            number=35,
            symbol="KH-CAT",
            place=PLACE,
            issued_on=dt.date(2026, 1, 8),
            title=POLICE_PLAN_TITLE,
            basis=f"{LAW};\n{DIRECTIVE}",
            purposes="Quán triệt, triển khai đầy đủ Chỉ thị số 32/CT-TTg đến các sở, ngành, địa phương.\n"
            "Nâng cao trách nhiệm của người đứng đầu trong công tác bảo vệ bí mật nhà nước.",
            contents=[
                "Tuyên truyền, phổ biến Luật Bảo vệ bí mật nhà nước năm 2025 và các văn bản hướng dẫn",
                "Các sở, ngành tự kiểm tra công tác bảo vệ bí mật nhà nước; khắc phục tồn tại",
                "Báo cáo kết quả công tác bảo vệ bí mật nhà nước năm 2026 trước ngày 20/12/2026",
            ],
            recipients="Các sở, ban, ngành tỉnh;\nLưu: VT, ANCTNB.",
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            signer_name="Đại tá Trần Văn Sơn",
            tasks=[
                dict(
                    title=POLICE_TASK_TITLE,
                    leads=[orgs["dept"]],
                    due=dt.date(2026, 10, 31),
                )
            ],
        )
        return plans.plan_issue(actor=officer, plan=plan)


DEPARTMENT_CONTENTS = [
    "Tuyên truyền, phổ biến Luật Bảo vệ bí mật nhà nước năm 2025, Chỉ thị số 32/CT-TTg đến toàn thể cán bộ, "
    "công chức, viên chức, người lao động",
    "Phân công lãnh đạo, cán bộ làm công tác bảo vệ bí mật nhà nước; cán bộ ký cam kết bảo vệ bí mật nhà nước",
    "Rà soát, sửa đổi Nội quy bảo vệ bí mật nhà nước của cơ quan; quy chế văn thư, lưu trữ",
    "Kiểm tra an ninh máy tính, thiết bị (kể cả thiết bị được tặng, tài trợ) trước khi đưa vào sử dụng; "
    "bố trí máy tính không kết nối Internet để soạn thảo văn bản mật",
    "Bảo vệ bí mật nhà nước trong công tác đề thi, kỳ thi tốt nghiệp THPT và tuyển sinh năm 2026",
    "Tự kiểm tra công tác bảo vệ bí mật nhà nước tại các đơn vị; xử lý, khắc phục tồn tại",
    "Thực hiện chế độ báo cáo định kỳ, đột xuất",
]


def _department_plan(orgs: dict[str, Organisation], people: dict[str, Person], parent: Plan) -> Plan:
    clerk, director = people["vanthu"], people["giamdoc"]
    source = parent.tasks.get().assignments.get(unit=orgs["dept"])
    schools = [orgs["lqd"], orgs["nt"], orgs["bx"], orgs["ds"]]
    with clock.frozen_at(_at(1, 19)):
        plan = plans.plan_create(
            actor=clerk,
            unit=orgs["dept"],
            symbol="KH-SGDĐT",
            place=PLACE,
            issued_on=dt.date(2026, 1, 20),
            parent=parent,
            title=DEPARTMENT_PLAN_TITLE,
            basis=f"{LAW};\n{DIRECTIVE};\nKế hoạch số 35/KH-CAT ngày 08/01/2026 của Công an tỉnh",
            purposes="Tiếp tục nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức trong công tác "
            "bảo vệ bí mật nhà nước.\nBảo đảm tuyệt đối an toàn bí mật nhà nước của ngành, nhất là trong "
            "công tác đề thi; không để xảy ra lộ, mất bí mật nhà nước.",
            contents=DEPARTMENT_CONTENTS,
            reporting="Văn phòng Sở là đơn vị thường trực, theo dõi, đôn đốc việc thực hiện Kế hoạch.\n"
            "Các đơn vị báo cáo kết quả hằng quý trước ngày cuối quý; khi xảy ra lộ, mất bí mật nhà "
            "nước phải báo cáo ngay Giám đốc Sở và Công an tỉnh.",
            recipients="Công an tỉnh (để báo cáo);\nGiám đốc, các Phó Giám đốc Sở;\nCác phòng, đơn vị thuộc Sở;\n"
            "Các trường THPT, phòng GDĐT;\nLưu: VT, VP.",
            signer_title="GIÁM ĐỐC",
            signer_name=director.get_full_name(),
        )
        add: dict[str, Any] = dict(actor=clerk, plan=plan)
        plans.task_add(
            **add,
            title=TASK_CONFERENCE,
            leads=[orgs["office"]],
            coordinators=[orgs["personnel"]],
            due=dt.date(2026, 3, 31),
        )
        plans.task_add(
            **add,
            title=TASK_RULES,
            leads=[orgs["office"]],
            coordinators=[orgs["inspect"]],
            due=dt.date(2026, 4, 30),
        )
        plans.task_add(
            **add,
            title=TASK_COMPUTERS,
            leads=[orgs["office"]],
            coordinators=[orgs["exams"]],
            due=dt.date(2026, 2, 28),
        )
        plans.task_add(
            **add,
            title=TASK_EXAMS,
            leads=[orgs["exams"]],
            coordinators=[orgs["lqd"], orgs["nt"]],
            due=dt.date(2026, 6, 30),
        )
        plans.task_add(
            **add,
            title=TASK_SELF_INSPECTION,
            description="Theo danh mục tự kiểm tra mặc định; gửi biên bản về Văn phòng Sở.",
            leads=schools,
            coordinators=[orgs["inspect"]],
            due=dt.date(2026, 10, 15),
            source=source,
        )
        plans.task_add(
            **add,
            title=TASK_REPORT,
            leads=schools,
            recurrence=Recurrence.QUARTERLY,
        )
        plans.plan_attach(
            actor=clerk,
            plan=plan,
            files=[
                ContentFile(
                    text_pdf("Danh sách cán bộ được phân công làm công tác bảo vệ BMNN năm 2026"),
                    name="danh-sach-can-bo-bmnn-2026.pdf",
                )
            ],
        )
    with clock.frozen_at(_at(1, 20, 15)):
        return plans.plan_issue(actor=director, plan=plan, number=15)


def _district_plan(orgs: dict[str, Organisation], people: dict[str, Person], parent: Plan) -> None:
    """The district office hands its self-inspection task down to a lower secondary school."""
    head = people["truongphong"]
    source = parent.tasks.get(source__isnull=False).assignments.get(unit=orgs["bx"])
    with clock.frozen_at(_at(2, 3)):
        plan = plans.plan_create(
            actor=head,
            unit=orgs["bx"],
            number=4,
            symbol="KH-PGDĐT",
            place="Bình Xuyên",
            issued_on=dt.date(2026, 2, 3),
            parent=parent,
            title=DISTRICT_PLAN_TITLE,
            basis=f"{LAW};\nKế hoạch số 15/KH-SGDĐT ngày 20/01/2026 của Sở Giáo dục và Đào tạo",
            purposes="Triển khai Kế hoạch của Sở đến các trường trực thuộc.",
            contents=["Các trường tự kiểm tra công tác bảo vệ bí mật nhà nước và báo cáo kết quả"],
            signer_title="TRƯỞNG PHÒNG",
            signer_name=head.get_full_name(),
            tasks=[
                dict(
                    title=DISTRICT_TASK_TITLE,
                    leads=[orgs["thcs"]],
                    due=dt.date(2026, 9, 30),
                    source=source,
                )
            ],
        )
        plans.plan_issue(actor=head, plan=plan)


# (username, unit, task title start, period, (month, day), report, complete, evidence file name)
REPORTS = [
    (
        "vanthu",
        "office",
        "Kiểm tra an ninh",
        "",
        (2, 26),
        "Công an tỉnh đã kiểm tra 04 thiết bị (02 máy tính, 01 USB, "
        "01 máy photocopy được tài trợ); không phát hiện thiết bị, phần mềm thu tin.",
        True,
        "bien-ban-kiem-tra-thiet-bi.pdf",
    ),
    (
        "truongkhaothi",
        "exams",
        "Kiểm tra an ninh",
        "",
        (2, 25),
        "Đã bàn giao 02 máy tính Phòng Khảo thí để Công an tỉnh kiểm tra.",
        True,
        "",
    ),
    (
        "truongphongtccb",
        "personnel",
        "Tổ chức hội nghị",
        "",
        (3, 13),
        "Đã lập danh sách đại biểu, phối hợp mời báo cáo viên Công an tỉnh.",
        True,
        "",
    ),
    (
        "vanthu",
        "office",
        "Tổ chức hội nghị",
        "",
        (3, 16),
        "Đã tổ chức hội nghị ngày 15/3/2026 với 120 đại biểu; báo cáo viên Công an tỉnh.",
        True,
        "danh-sach-du-hoi-nghi.pdf",
    ),
    (
        "vanthutruong",
        "lqd",
        "Báo cáo tình hình",
        "Quý I/2026",
        (3, 30),
        "Quý I: 100% cán bộ ký cam kết; không xảy ra lộ, mất bí mật nhà nước.",
        True,
        "",
    ),
    (
        "vanthuphong",
        "bx",
        "Báo cáo tình hình",
        "Quý I/2026",
        (3, 30),
        "Quý I: đã phổ biến Luật đến 100% trường trực thuộc.",
        True,
        "",
    ),
    (
        "vanthutruong",
        "lqd",
        "Báo cáo tình hình",
        "Quý I/2026",
        (4, 3),
        "Bổ sung: tiếp nhận 06, phát hành 02 tài liệu Mật trong quý I.",
        True,
        "",
    ),
    (
        "thanhtra",
        "inspect",
        "Rà soát, ban hành Nội quy",
        "",
        (4, 20),
        "Đã góp ý dự thảo Nội quy bằng văn bản.",
        True,
        "",
    ),
    (
        "vanthu",
        "office",
        "Rà soát, ban hành Nội quy",
        "",
        (4, 24),
        "Quyết định số 210/QĐ-SGDĐT ngày 24/4/2026 ban hành Nội quy bảo vệ BMNN của Sở.",
        True,
        "",
    ),
    (
        "truongkhaothi",
        "exams",
        "Bảo vệ bí mật nhà nước trong kỳ thi",
        "",
        (5, 20),
        "Đã xây dựng phương án bảo vệ đề thi; đang tập huấn cán bộ coi thi.",
        False,
        "",
    ),
    (
        "vanthutruong",
        "lqd",
        "Bảo vệ bí mật nhà nước trong kỳ thi",
        "",
        (6, 28),
        "Điểm thi đặt tại trường bảo đảm an toàn tuyệt đối đề thi.",
        True,
        "",
    ),
    (
        "vanthutruong",
        "lqd",
        "Báo cáo tình hình",
        "Quý II/2026",
        (6, 29),
        "Quý II: kỳ thi tốt nghiệp an toàn, không xảy ra lộ, mất bí mật nhà nước.",
        True,
        "",
    ),
    ("vanthuphong", "bx", "Báo cáo tình hình", "Quý II/2026", (6, 30), "Quý II: không xảy ra lộ, mất BMNN.", True, ""),
    (
        "vanthuphong",
        "bx",
        "Báo cáo tình hình",
        "Quý III/2026",
        (9, 29),
        "Quý III: không xảy ra lộ, mất BMNN.",
        True,
        "",
    ),
    (
        "vanthutruong",
        "lqd",
        "Báo cáo tình hình",
        "Quý III/2026",
        (9, 30),
        "Quý III: rà soát, thống kê tài liệu mật; không xảy ra lộ, mất.",
        True,
        "",
    ),
    (
        "vanthutruong",
        "lqd",
        "Tự kiểm tra",
        "",
        (10, 9),
        "Đã tự kiểm tra ngày 08/10/2026 theo danh mục mặc định; 01 tồn tại đã khắc phục.",
        True,
        "",
    ),
    (
        "vanthuphong",
        "bx",
        "Tự kiểm tra",
        "",
        (10, 14),
        "Đã tự kiểm tra tại Phòng và chỉ đạo các trường trực thuộc tự kiểm tra.",
        True,
        "",
    ),
]


def _occurrence(plan: Plan, unit: Organisation, title_start: str, period: str = "") -> Occurrence:
    return Occurrence.objects.get(
        assignment__task__plan=plan,
        assignment__unit=unit,
        assignment__task__title__startswith=title_start,
        period=period,
    )


def _reports(orgs: dict[str, Organisation], people: dict[str, Person], plan: Plan) -> None:
    """The units' reports and the owner's return and reminder, in the order they happened."""
    clerk = people["vanthu"]
    q1 = _occurrence(plan, orgs["lqd"], "Báo cáo tình hình", "Quý I/2026")
    nt_q1 = _occurrence(plan, orgs["nt"], "Báo cáo tình hình", "Quý I/2026")
    steps: list[tuple[dt.datetime, Callable[[], object]]] = [
        (
            _at(4, 2, 8),
            partial(
                plans.progress_return,
                actor=clerk,
                occurrence=q1,
                reason="Đề nghị bổ sung số liệu tài liệu mật đã tiếp nhận, phát hành trong quý.",
            ),
        ),
        (
            _at(4, 2, 9),
            partial(
                plans.progress_remind,
                actor=clerk,
                occurrence=nt_q1,
                text="Đề nghị Trường THPT Nguyễn Trãi gửi báo cáo quý I trước ngày 05/4/2026.",
            ),
        ),
    ]
    for username, unit, title, period, (month, day), text, complete, name in REPORTS:
        files = [ContentFile(text_pdf(name), name=name)] if name else []
        steps.append(
            (
                _at(month, day, 16),
                partial(
                    plans.progress_report,
                    actor=people[username],
                    text=text,
                    occurrence=_occurrence(plan, orgs[unit], title, period),
                    complete=complete,
                    files=files,
                ),
            )
        )
    for moment, step in sorted(steps, key=lambda s: s[0]):
        with clock.frozen_at(moment):
            step()


def _inspection(orgs: dict[str, Organisation], people: dict[str, Person], plan: Plan) -> None:
    """The department inspects a school against the default checklist (P2): two shortcomings, one remedied."""
    inspector, principal, school_clerk = people["thanhtra"], people["hieutruong"], people["vanthutruong"]
    gaps = {
        11: (
            "Máy tính soạn thảo đề kiểm tra của tổ Toán vẫn kết nối Internet.",
            "Tách máy khỏi Internet, kiểm tra an ninh trước khi dùng lại.",
            school_clerk,
            dt.date(2026, 10, 15),
        ),
        7: (
            "Chưa có sổ quản lý sao, chụp tài liệu bí mật nhà nước riêng.",
            "Mở sổ theo mẫu, vào sổ lại các lần sao, chụp từ đầu năm.",
            principal,
            dt.date(2026, 12, 31),
        ),
    }
    with clock.frozen_at(_at(9, 22)):
        inspection = inspections.inspection_open(
            actor=inspector,
            unit=orgs["lqd"],
            inspecting_unit=orgs["dept"],
            plan=plan,
            team="Đặng Văn Tâm, Chánh Thanh tra Sở – Trưởng đoàn\nPhạm Thị Lan, Văn thư Sở – Thành viên",
            decision_ref="112/QĐ-SGDĐT",
            started_on=dt.date(2026, 9, 22),
        )
        findings = []
        for answer in inspection.answers.order_by("order"):
            gap = gaps.get(answer.order)
            inspections.inspection_answer(
                actor=inspector,
                answer=answer,
                result=Answer.NOT_MET if gap else Answer.MET,
                note=gap[0] if gap else "Đã kiểm tra hồ sơ, sổ sách.",
            )
            if gap:
                findings.append(
                    inspections.finding_record(
                        actor=inspector,
                        inspection=inspection,
                        answer=answer,
                        description=gap[0],
                        remedy=gap[1],
                        owner=gap[2],
                        due=gap[3],
                    )
                )
        inspections.inspection_conclude(
            actor=inspector,
            inspection=inspection,
            conclusion="Trường thực hiện cơ bản đầy đủ quy định; khắc phục 2 tồn tại.",
        )
    with clock.frozen_at(_at(10, 9, 15)):
        inspections.finding_close(
            actor=school_clerk,
            finding=findings[0],
            result_note="Đã tháo card mạng, Công an tỉnh kiểm tra an ninh ngày 08/10/2026.",
        )
