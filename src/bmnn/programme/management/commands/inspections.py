"""`bmnn inspections --as USER ...`: self-inspection from a script (P2).

    bmnn inspections --as hieutruong checklist
    bmnn inspections --as hieutruong inspection-open unit=4 inspecting_unit=4 team="Trịnh Văn Quang – Trưởng đoàn"
    bmnn inspections --as hieutruong show 7
    bmnn inspections --as vanthutruong inspection-answer 131 result=NOT_MET note="Thiếu chữ ký" files=@anh.jpg
    bmnn inspections --as hieutruong inspection-finding 7 answer=131 description=... remedy=... owner=vanthutruong
        due=2026-03-09
    bmnn inspections --as hieutruong inspection-conclude 7 conclusion="Một tồn tại."
    bmnn inspections --as vanthutruong finding-close 3 result_note="Đã bổ sung chữ ký nhận."

The operations are the declared ones (programme.operations): the same form, rules, refusals and audit
events as the screen and the API. ``checklist``, ``list``, ``show`` and ``findings`` read through the
visibility policy; ``show`` gives the number of each point to answer.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from bmnn.core import clock
from bmnn.core.cli import OperationCommand
from bmnn.core.operations import Operation
from bmnn.org.models import Person
from bmnn.programme import selectors as s
from bmnn.programme.choices import FindingStatus
from bmnn.programme.models import ChecklistTemplate, Finding


def finding_line(f: Finding) -> str:
    flag = " – QUÁ HẠN" if f.overdue else ""
    state = f.get_status_display() + (f" {f.closed_on:%d/%m/%Y}" if f.closed_on else "")
    return (
        f"[{f.pk}] {f.inspection.unit} – {f.description} – khắc phục: {f.remedy} – "
        f"{f.owner.get_full_name()} – hạn {f.due:%d/%m/%Y}{flag} – {state}"
    )


class Command(OperationCommand):
    help = "Tự kiểm tra công tác bảo vệ BMNN: mở đợt, đánh giá từng nội dung, ghi tồn tại, kết luận, khắc phục."
    app = "programme"

    def operations(self) -> list[Operation]:
        return [op for op in super().operations() if op.slug.startswith(("inspection-", "finding-"))]

    def add_reads(self, sub: Any) -> None:
        checklist = sub.add_parser("checklist", help="nội dung danh mục kiểm tra và căn cứ pháp lý")
        checklist.add_argument("--template", type=int, help="số hiệu danh mục (mặc định: danh mục mặc định)")
        sub.add_parser("list", help="các đợt kiểm tra bạn được xem")
        sub.add_parser("show", help="xem đợt kiểm tra, từng nội dung và tồn tại").add_argument("id", type=int)
        findings = sub.add_parser("findings", help="tồn tại đang khắc phục (đánh dấu quá hạn)")
        findings.add_argument("--overdue", action="store_true", help="chỉ tồn tại quá hạn")
        findings.add_argument("--all", action="store_true", help="cả tồn tại đã khắc phục")

    def _checklist(self, actor: Person, o: dict[str, Any]) -> None:
        template = (
            ChecklistTemplate.objects.filter(pk=o["template"], active=True).first()
            if o["template"]
            else s.default_template()
        )
        if template is None:
            raise CommandError(_("There is no inspection checklist in use."))
        lines, group = [f"[{template.pk}] {template.name}"], ""
        for item in template.items.all():
            if item.group != group:
                group = item.group
                lines.append(group)
            lines.append(f"  {item.order}. {item.text}\n     Căn cứ: {item.legal_basis}")
        self.stdout.write("\n".join(lines))

    def _list(self, actor: Person, o: dict[str, Any]) -> None:
        rows = [
            f"[{i.pk}] {i.started_on:%d/%m/%Y} {i.unit} – kiểm tra bởi {i.inspecting_unit} – {i.get_status_display()}"
            for i in s.inspections_visible_to(actor)
        ]
        self.stdout.write("\n".join(rows) or "Chưa có đợt kiểm tra nào.")

    def _show(self, actor: Person, o: dict[str, Any]) -> None:
        i = s.inspection_get_for_user(actor, o["id"])
        lines = [
            f"{i} – {i.get_status_display()}",
            f"Đơn vị kiểm tra: {i.inspecting_unit}",
            "Đoàn kiểm tra: " + "; ".join(i.team_lines()),
        ]
        for a in i.answers.all():
            lines.append(
                f"  {a.order}. [{a.pk}] [{a.get_result_display() or 'chưa đánh giá'}] {a.text[:90]}"
                + (f" – {a.note}" if a.note else "")
            )
        for f in i.findings.select_related("owner"):
            lines.append(finding_line(f))
        if i.conclusion:
            lines.append(f"Kết luận: {i.conclusion}")
        self.stdout.write("\n".join(lines))

    def _findings(self, actor: Person, o: dict[str, Any]) -> None:
        rows = s.findings_visible_to(actor)
        if not o["all"]:
            rows = rows.filter(status=FindingStatus.OPEN)
        if o["overdue"]:
            rows = rows.filter(status=FindingStatus.OPEN, due__lt=clock.today())
        self.stdout.write("\n".join(finding_line(f) for f in rows) or "Không có tồn tại nào.")
