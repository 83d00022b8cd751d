"""The programme's operations: one function each, called by screens, API and the command alike."""

from .inspections import finding_close, finding_record, inspection_answer, inspection_conclude, inspection_open
from .plans import (
    plan_attach,
    plan_create,
    plan_issue,
    plan_update,
    progress_remind,
    progress_report,
    progress_return,
    task_add,
)

__all__ = [
    "finding_close", "finding_record", "inspection_answer", "inspection_conclude", "inspection_open",
    "plan_attach", "plan_create", "plan_issue", "plan_update", "progress_remind", "progress_report",
    "progress_return", "task_add",
]
