"""The programme's operations: one function each, with the check of who may start it on what (its ``*_check``).

Called through the declarations in ``bmnn.programme.operations``; jobs and the demo call them directly.
"""

from .inspections import (
    finding_close,
    finding_close_check,
    finding_record,
    inspection_answer,
    inspection_answer_check,
    inspection_conclude,
    inspection_open,
    inspection_open_check,
    inspection_write_check,
)
from .plans import (
    plan_attach,
    plan_attach_check,
    plan_create,
    plan_create_check,
    plan_issue,
    plan_issue_check,
    plan_update,
    plan_update_check,
    progress_remind,
    progress_remind_check,
    progress_report,
    progress_report_check,
    progress_return,
    progress_return_check,
    task_add,
    task_add_check,
)

__all__ = [
    "finding_close",
    "finding_close_check",
    "finding_record",
    "inspection_answer",
    "inspection_answer_check",
    "inspection_conclude",
    "inspection_open",
    "inspection_open_check",
    "inspection_write_check",
    "plan_attach",
    "plan_attach_check",
    "plan_create",
    "plan_create_check",
    "plan_issue",
    "plan_issue_check",
    "plan_update",
    "plan_update_check",
    "progress_remind",
    "progress_remind_check",
    "progress_report",
    "progress_report_check",
    "progress_return",
    "progress_return_check",
    "task_add",
    "task_add_check",
]
