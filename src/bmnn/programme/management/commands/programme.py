"""`bmnn programme --as USER ...`: plans and their tasks from a script (P1).

    bmnn programme --as vanthu plans
    bmnn programme --as vanthu matrix 3
    bmnn programme --as giamdoc plan-issue 3 number=15
    bmnn programme --as vanthu export 3 --format pdf -o ke-hoach.pdf
    bmnn programme --as vanthutruong tasks
    bmnn programme --as hieutruong task-report 12 text="Đã tự kiểm tra" complete=1 files=@bien-ban.pdf

The operations (plan-create, plan-edit, plan-task-add, plan-attach, plan-issue, task-report, task-remind,
task-return) are the declared ones (programme.operations): the same form, rules, refusals and audit events
as the screen and the API. ``plans``, ``plan``, ``matrix``, ``export`` and ``tasks`` read through the
visibility policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from bmnn.core.cli import OperationCommand
from bmnn.core.operations import Operation
from bmnn.org.models import Person
from bmnn.programme import printing
from bmnn.programme import selectors as s

STATUS_MARK = {"DONE": "xong", "IN_PROGRESS": "đang làm", "PENDING": "chưa báo cáo", "RETURNED": "trả lại"}


class Command(OperationCommand):
    help = "Kế hoạch bảo vệ BMNN: lập, giao nhiệm vụ, ban hành, báo cáo tiến độ, nhắc, trả lại; xem, in."
    app = "programme"

    def operations(self) -> list[Operation]:
        return [op for op in super().operations() if op.slug.startswith(("plan-", "task-"))]

    def add_reads(self, sub: Any) -> None:
        sub.add_parser("plans", help="danh sách kế hoạch trong phạm vi của bạn")
        sub.add_parser("plan", help="nội dung một kế hoạch").add_argument("id", type=int)
        sub.add_parser("matrix", help="bảng đơn vị × nhiệm vụ: tình trạng, quá hạn").add_argument("id", type=int)
        export = sub.add_parser("export", help="in kế hoạch ra DOCX hoặc PDF")
        export.add_argument("id", type=int)
        export.add_argument("--format", choices=sorted(printing.FORMATS), default="pdf")
        export.add_argument("-o", "--output", help="tệp ghi ra; mặc định tên theo số, ký hiệu")
        sub.add_parser("tasks", help="nhiệm vụ đang mở của các đơn vị trong phạm vi của bạn")

    def _plans(self, actor: Person, o: dict[str, Any]) -> None:
        for p in s.plans_visible_to(actor):
            self.stdout.write(
                f"[{p.pk}] {p.reference} ngày {p.issued_on:%d/%m/%Y} – {p.issuing_unit} – {p.title} "
                f"– {p.get_status_display()}"
            )

    def _plan(self, actor: Person, o: dict[str, Any]) -> None:
        p = s.plan_get_for_user(actor, o["id"])
        self.stdout.write(
            f"Kế hoạch {p.reference} ngày {p.issued_on:%d/%m/%Y} của {p.issuing_unit} "
            f"({p.get_status_display()})\n{p.title}"
        )
        for line in p.basis_lines():
            self.stdout.write(f"  Căn cứ: {line}")
        for c in p.contents.all():
            self.stdout.write(f"  {c.order}. {c.text}")
        for t in p.tasks.prefetch_related("assignments__unit"):
            units = "; ".join(f"{a.unit} ({a.get_role_display().lower()})" for a in t.assignments.all())
            self.stdout.write(f"  Nhiệm vụ {t.order} [{t.pk}]: {t.title} – {t.timing} – {units}")

    def _matrix(self, actor: Person, o: dict[str, Any]) -> None:
        plan = s.plan_get_for_user(actor, o["id"])
        matrix = s.plan_matrix(plan)
        self.stdout.write(f"Kế hoạch {plan.reference}: {plan.title}")
        for t in matrix["tasks"]:
            self.stdout.write(f"  NV{t.order}: {t.title} ({t.timing})")
        for row in matrix["rows"]:
            self.stdout.write(str(row["unit"]))
            for cell in row["cells"]:
                if not cell["role"]:
                    continue
                marks = ", ".join(
                    f"[{occ.pk}] {occ.period or f'{occ.due:%d/%m/%Y}'}: {STATUS_MARK[occ.status]}"
                    f"{' QUÁ HẠN' if occ.overdue else ''}"
                    for occ in cell["occurrences"] or []
                )
                self.stdout.write(f"  NV{cell['task'].order} ({cell['role'].lower()}): {marks or '–'}")

    def _export(self, actor: Person, o: dict[str, Any]) -> None:
        plan = s.plan_get_for_user(actor, o["id"])
        data, _type = printing.render(plan, o["format"])
        path = Path(o["output"] or printing.filename(plan, o["format"]))
        path.write_bytes(data)
        self.stdout.write(_("Wrote {path} ({size} bytes).").format(path=path, size=len(data)))

    def _tasks(self, actor: Person, o: dict[str, Any]) -> None:
        for occ in s.tasks_for_unit_people(actor):
            late = " – QUÁ HẠN" if occ.overdue else ""
            self.stdout.write(
                f"[{occ.pk}] hạn {occ.due:%d/%m/%Y} – {occ.assignment.unit} – "
                f"{occ.assignment.task.title} {occ.period} – {occ.get_status_display()}{late}"
            )
