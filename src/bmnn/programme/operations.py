"""The programme's operations: plans and their tasks (P1), self-inspections and their findings (P2).

Each is declared once; its screen, REST endpoint, command (``bmnn programme`` for plans and tasks,
``bmnn inspections`` for inspections and findings) and its offer on the subject's page come from here
(bmnn.core.operations). The web paths keep the Vietnamese screens' addresses (``/ke-hoach/<id>/ban-hanh/``);
the API paths keep ``/api/plans/<id>/issue/`` and the like.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from bmnn.core.operations import Operation, Subject

from . import api as plan_api
from . import api_inspections as inspection_api
from . import forms as f
from . import inspection_forms as fi
from . import selectors, services
from .models import Finding, Inspection, InspectionAnswer, Plan
from .serializers import (
    AnswerSerializer,
    EvidenceSerializer,
    FindingSerializer,
    TaskSerializer,
    event_body,
    inspection_body,
    occurrence_body,
    plan_body,
)

# ---- the kinds of object the operations act on ----

PLAN = Subject(
    "plan", selectors.plan_get_for_user, page="programme:plan", api="plans", web="ke-hoach", present=plan_body
)
TASK = Subject(
    "plan-task-item",
    selectors.task_get_for_user,
    page="programme:plan",
    api="plan-task-items",
    web="ke-hoach/nhiem-vu",
    present=lambda t: TaskSerializer(t).data,
    page_pk=lambda t: t.plan_id,
)
ATTACHMENTS = Subject(
    "evidence",
    selectors.evidence_get_for_user,
    page="programme:evidence",
    api="evidence",
    web="minh-chung",
    present=lambda saved: EvidenceSerializer(saved, many=True).data,
)
OCCURRENCE = Subject(
    "plan-task",
    selectors.occurrence_get_for_user,
    page="programme:occurrence",
    api="plan-tasks",
    web="nhiem-vu-duoc-giao",
    present=occurrence_body,
)
EVENT = Subject(
    "plan-task-event",
    selectors.event_get_for_user,
    page="programme:occurrence",
    api="plan-task-events",
    web="nhiem-vu-duoc-giao/dien-bien",
    present=event_body,
    page_pk=lambda e: e.occurrence_id,
)
INSPECTION = Subject(
    "inspection",
    selectors.inspection_get_for_user,
    page="programme:inspection",
    api="inspections",
    web="tu-kiem-tra",
    present=inspection_body,
)
ANSWER = Subject(
    "inspection-answer",
    selectors.answer_get_for_user,
    page="programme:inspection",
    api="inspection-answers",
    web="tu-kiem-tra/noi-dung",
    present=lambda a: AnswerSerializer(a).data,
    page_pk=lambda a: a.inspection_id,
)
FINDING = Subject(
    "finding",
    selectors.finding_get_for_user,
    page="programme:finding",
    api="inspection-findings",
    web="ton-tai",
    present=lambda x: FindingSerializer(x).data,
)
# A finding just recorded: the API shows it, the screen goes back to its inspection to record the next one.
RECORDED_FINDING = dataclasses.replace(FINDING, page="programme:inspection", page_pk=lambda x: x.inspection_id)


# ---- plans (P1) ----


def _plan_update(actor: Any, plan: Plan, data: dict[str, Any]) -> Plan:
    data = dict(data)
    data.pop("unit", None)  # the issuing unit of a draft stays
    return services.plan_update(actor=actor, plan=plan, **data)


PLAN_OPERATIONS = [
    Operation(
        "plan-create",
        "Lập kế hoạch bảo vệ bí mật nhà nước",
        form=f.PlanForm,
        returns=PLAN,
        check=services.plan_create_check,
        submit="Lưu dự thảo",
        done="Đã lập dự thảo kế hoạch; tiếp theo giao nhiệm vụ cho các đơn vị.",
        web="ke-hoach/moi",
        api="plans",
        api_list=plan_api.plan_list,
        run=lambda actor, _s, data: services.plan_create(actor=actor, **data),
    ),
    Operation(
        "plan-edit",
        "Sửa dự thảo",
        form=f.PlanEditForm,
        subject=PLAN,
        check=services.plan_update_check,
        submit="Lưu dự thảo",
        done="Đã lưu dự thảo kế hoạch.",
        web="sua",
        api="edit",
        run=_plan_update,
    ),
    Operation(
        "plan-task-add",
        "Giao nhiệm vụ cho đơn vị",
        form=f.TaskForm,
        subject=PLAN,
        returns=TASK,
        check=services.task_add_check,
        submit="Giao nhiệm vụ",
        done="Đã giao nhiệm vụ.",
        web="giao-nhiem-vu",
        api="tasks",
        run=lambda actor, plan, data: services.task_add(actor=actor, plan=plan, **data),
    ),
    Operation(
        "plan-attach",
        "Đính kèm tệp",
        form=f.AttachForm,
        subject=PLAN,
        returns=ATTACHMENTS,
        check=services.plan_attach_check,
        submit="Đính kèm",
        done="Đã đính kèm tệp.",
        web="dinh-kem",
        api="attachments",
        run=lambda actor, plan, data: services.plan_attach(actor=actor, plan=plan, **data),
    ),
    Operation(
        "plan-issue",
        "Ban hành kế hoạch",
        form=f.IssueForm,
        subject=PLAN,
        check=services.plan_issue_check,
        submit="Ban hành",
        done=lambda p: f"Đã ban hành kế hoạch {p.reference}; các đơn vị đã nhận nhiệm vụ.",
        web="ban-hanh",
        api="issue",
        run=lambda actor, plan, data: services.plan_issue(actor=actor, plan=plan, **data),
    ),
    Operation(
        "task-report",
        "Báo cáo tiến độ",
        form=f.ReportForm,
        subject=OCCURRENCE,
        returns=EVENT,
        check=services.progress_report_check,
        submit="Gửi báo cáo",
        done="Đã gửi báo cáo tiến độ.",
        web="bao-cao",
        api="report",
        run=lambda actor, occ, data: services.progress_report(actor=actor, occurrence=occ, **data),
    ),
    Operation(
        "task-remind",
        "Nhắc đơn vị thực hiện",
        form=f.RemindForm,
        subject=OCCURRENCE,
        returns=EVENT,
        check=services.progress_remind_check,
        submit="Nhắc",
        done="Đã nhắc đơn vị thực hiện.",
        web="nhac",
        api="remind",
        run=lambda actor, occ, data: services.progress_remind(actor=actor, occurrence=occ, **data),
    ),
    Operation(
        "task-return",
        "Trả lại báo cáo để làm tiếp",
        form=f.ReturnForm,
        subject=OCCURRENCE,
        returns=EVENT,
        check=services.progress_return_check,
        submit="Trả lại",
        done="Đã trả lại báo cáo để đơn vị làm tiếp.",
        web="tra-lai",
        api="return",
        run=lambda actor, occ, data: services.progress_return(actor=actor, occurrence=occ, **data),
    ),
]


# ---- self-inspection (P2) ----


def _opened(inspection: Inspection) -> str:
    return f"Đã mở đợt kiểm tra với {inspection.answers.count()} nội dung cần đánh giá."


def _answered(answer: InspectionAnswer) -> str:
    return f"Đã ghi kết quả nội dung {answer.order}."


def _recorded(finding: Finding) -> str:
    return (
        f"Đã ghi tồn tại với biện pháp khắc phục, giao {finding.owner.get_full_name()}, "
        f"hạn khắc phục {finding.due:%d/%m/%Y}."
    )


INSPECTION_OPERATIONS = [
    Operation(
        "inspection-open",
        "Mở đợt tự kiểm tra công tác bảo vệ BMNN",
        form=fi.InspectionOpenForm,
        returns=INSPECTION,
        check=services.inspection_open_check,
        submit="Mở đợt kiểm tra",
        done=_opened,
        web="tu-kiem-tra/moi",
        api="inspections",
        api_list=inspection_api.inspection_list,
        run=lambda actor, _s, data: services.inspection_open(actor=actor, **data),
    ),
    Operation(
        "inspection-answer",
        "Ghi kết quả nội dung kiểm tra",
        form=fi.AnswerForm,
        subject=ANSWER,
        check=services.inspection_answer_check,
        submit="Lưu",
        done=_answered,
        web="ket-qua",
        api="record",
        offer=False,  # the inspection's page shows a form on each point instead
        run=lambda actor, answer, data: services.inspection_answer(actor=actor, answer=answer, **data),
    ),
    Operation(
        "inspection-finding",
        "Ghi tồn tại phát hiện",
        form=fi.FindingForm,
        subject=INSPECTION,
        returns=RECORDED_FINDING,
        check=services.inspection_write_check,
        submit="Ghi tồn tại",
        done=_recorded,
        web="ton-tai",
        api="findings",
        run=lambda actor, inspection, data: services.finding_record(actor=actor, inspection=inspection, **data),
    ),
    Operation(
        "inspection-conclude",
        "Kết luận kiểm tra",
        form=fi.ConcludeForm,
        subject=INSPECTION,
        check=services.inspection_write_check,
        submit="Kết luận",
        done="Đã kết luận đợt kiểm tra; các tồn tại được theo dõi đến khi khắc phục xong.",
        web="ket-luan",
        api="conclude",
        run=lambda actor, inspection, data: services.inspection_conclude(actor=actor, inspection=inspection, **data),
    ),
    Operation(
        "finding-close",
        "Xác nhận đã khắc phục",
        form=fi.FindingCloseForm,
        subject=FINDING,
        check=services.finding_close_check,
        submit="Xác nhận khắc phục xong",
        done="Đã xác nhận khắc phục xong tồn tại.",
        web="khac-phuc",
        api="close",
        run=lambda actor, finding, data: services.finding_close(actor=actor, finding=finding, **data),
    ),
]

OPERATIONS = [*PLAN_OPERATIONS, *INSPECTION_OPERATIONS]
