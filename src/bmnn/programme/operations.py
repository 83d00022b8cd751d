"""The programme's operations: plans and their tasks (P1), self-inspections and their findings (P2).

Each is declared once; its screen, REST endpoint, command (``bmnn programme`` for plans and tasks,
``bmnn inspections`` for inspections and findings) and its offer on the subject's page come from here
(bmnn.core.operations). The web paths keep the Vietnamese screens' addresses (``/ke-hoach/<id>/ban-hanh/``);
the API paths keep ``/api/plans/<id>/issue/`` and the like.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils.translation import gettext_lazy as _

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
        _("Draw up a state-secret protection plan"),
        form=f.PlanForm,
        returns=PLAN,
        check=services.plan_create_check,
        submit=_("Save the draft"),
        done=_("The draft plan has been drawn up; next, assign tasks to the units."),
        web="ke-hoach/moi",
        api="plans",
        api_list=plan_api.plan_list,
        run=lambda actor, _s, data: services.plan_create(actor=actor, **data),
    ),
    Operation(
        "plan-edit",
        _("Edit the draft"),
        form=f.PlanEditForm,
        subject=PLAN,
        check=services.plan_update_check,
        submit=_("Save the draft"),
        done=_("The draft plan has been saved."),
        web="sua",
        api="edit",
        run=_plan_update,
    ),
    Operation(
        "plan-task-add",
        _("Assign a task to units"),
        form=f.TaskForm,
        subject=PLAN,
        returns=TASK,
        check=services.task_add_check,
        submit=_("Assign the task"),
        done=_("The task has been assigned."),
        web="giao-nhiem-vu",
        api="tasks",
        run=lambda actor, plan, data: services.task_add(actor=actor, plan=plan, **data),
    ),
    Operation(
        "plan-attach",
        _("Attach files"),
        form=f.AttachForm,
        subject=PLAN,
        returns=ATTACHMENTS,
        check=services.plan_attach_check,
        submit=_("Attach the files"),
        done=_("The files have been attached."),
        web="dinh-kem",
        api="attachments",
        run=lambda actor, plan, data: services.plan_attach(actor=actor, plan=plan, **data),
    ),
    Operation(
        "plan-issue",
        _("Issue the plan"),
        form=f.IssueForm,
        subject=PLAN,
        check=services.plan_issue_check,
        submit=_("Issue now"),
        done=lambda p: _("Plan {reference} has been issued; the units have received their tasks.").format(
            reference=p.reference
        ),
        web="ban-hanh",
        api="issue",
        run=lambda actor, plan, data: services.plan_issue(actor=actor, plan=plan, **data),
    ),
    Operation(
        "task-report",
        _("Report progress"),
        form=f.ReportForm,
        subject=OCCURRENCE,
        returns=EVENT,
        check=services.progress_report_check,
        submit=_("Send the report"),
        done=_("The progress report has been sent."),
        web="bao-cao",
        api="report",
        run=lambda actor, occ, data: services.progress_report(actor=actor, occurrence=occ, **data),
    ),
    Operation(
        "task-remind",
        _("Remind the unit to carry out the task"),
        form=f.RemindForm,
        subject=OCCURRENCE,
        returns=EVENT,
        check=services.progress_remind_check,
        submit=_("Send the reminder"),
        done=_("The unit has been reminded."),
        web="nhac",
        api="remind",
        run=lambda actor, occ, data: services.progress_remind(actor=actor, occurrence=occ, **data),
    ),
    Operation(
        "task-return",
        _("Send the report back for more work"),
        form=f.ReturnForm,
        subject=OCCURRENCE,
        returns=EVENT,
        check=services.progress_return_check,
        submit=_("Send the report back"),
        done=_("The report has been sent back to the unit for more work."),
        web="tra-lai",
        api="return",
        run=lambda actor, occ, data: services.progress_return(actor=actor, occurrence=occ, **data),
    ),
]


# ---- self-inspection (P2) ----


def _opened(inspection: Inspection) -> str:
    return _("The inspection has been opened with {count} items to assess.").format(count=inspection.answers.count())


def _answered(answer: InspectionAnswer) -> str:
    return _("The result of item {order} has been recorded.").format(order=answer.order)


def _recorded(finding: Finding) -> str:
    return _("The finding has been recorded with its remedial measures, assigned to {owner}, due {due}.").format(
        owner=finding.owner.get_full_name(), due=f"{finding.due:%d/%m/%Y}"
    )


INSPECTION_OPERATIONS = [
    Operation(
        "inspection-open",
        _("Open a self-inspection of state-secret protection"),
        form=fi.InspectionOpenForm,
        returns=INSPECTION,
        check=services.inspection_open_check,
        submit=_("Open the inspection"),
        done=_opened,
        web="tu-kiem-tra/moi",
        api="inspections",
        api_list=inspection_api.inspection_list,
        run=lambda actor, _s, data: services.inspection_open(actor=actor, **data),
    ),
    Operation(
        "inspection-answer",
        _("Record the result of an inspection item"),
        form=fi.AnswerForm,
        subject=ANSWER,
        check=services.inspection_answer_check,
        submit=_("Save the result"),
        done=_answered,
        web="ket-qua",
        api="record",
        offer=False,  # the inspection's page shows a form on each point instead
        run=lambda actor, answer, data: services.inspection_answer(actor=actor, answer=answer, **data),
    ),
    Operation(
        "inspection-finding",
        _("Record a finding"),
        form=fi.FindingForm,
        subject=INSPECTION,
        returns=RECORDED_FINDING,
        check=services.inspection_write_check,
        submit=_("Record the finding"),
        done=_recorded,
        web="ton-tai",
        api="findings",
        run=lambda actor, inspection, data: services.finding_record(actor=actor, inspection=inspection, **data),
    ),
    Operation(
        "inspection-conclude",
        _("Conclude the inspection"),
        form=fi.ConcludeForm,
        subject=INSPECTION,
        check=services.inspection_write_check,
        submit=_("Record the conclusion"),
        done=_("The inspection has been concluded; the findings are followed until they are remedied."),
        web="ket-luan",
        api="conclude",
        run=lambda actor, inspection, data: services.inspection_conclude(actor=actor, inspection=inspection, **data),
    ),
    Operation(
        "finding-close",
        _("Confirm the finding is remedied"),
        form=fi.FindingCloseForm,
        subject=FINDING,
        check=services.finding_close_check,
        submit=_("Confirm the remedy"),
        done=_("The remedy of the finding has been confirmed."),
        web="khac-phuc",
        api="close",
        run=lambda actor, finding, data: services.finding_close(actor=actor, finding=finding, **data),
    ),
]

OPERATIONS = [*PLAN_OPERATIONS, *INSPECTION_OPERATIONS]
