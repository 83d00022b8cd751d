"""`bmnn reports --as USER ...`: build, write, sign and send, export and import periodic reports (R41, P5).

The operations are the declared ones (reports.operations): same forms, rules and audit events as the screens
and the API. ``show``, ``print`` and ``overdue`` read; ``public-key`` prints this installation's key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from bmnn.audit.checkpoint import SigningKeyUnavailable, public_key_b64
from bmnn.core.cli import OperationCommand
from bmnn.core.operations import Operation

from ... import selectors
from ...figures import registry_table, section_tables
from ...printing import report_docx, report_pdf


class Command(OperationCommand):
    help = "Báo cáo định kỳ: lập, ghi nội dung, ký gửi, in, xuất và nhập gói ký số."
    app = "reports"

    def add_reads(self, sub: Any) -> None:
        sub.add_parser("show", help="xem số liệu báo cáo").add_argument("report", type=int)
        printing = sub.add_parser("print", help="in báo cáo ra tệp PDF hoặc DOCX")
        printing.add_argument("report", type=int)
        printing.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        printing.add_argument("--output", "-o", required=True)
        sub.add_parser("overdue", help="đơn vị cấp dưới quá hạn chưa gửi báo cáo")
        sub.add_parser("public-key", help="in khóa công khai của hệ thống này để đơn vị cấp trên đăng ký")

    def report(self, op: Operation, subject: Any, result: Any) -> None:
        if op.slug == "report-build":
            missing = ", ".join(m["unit"] for m in result.figures["missing"]) or "không"
            self.stdout.write(
                f"Báo cáo số {result.pk}: {result} – kỳ {result.window_start:%d/%m/%Y}–"
                f"{result.window_end:%d/%m/%Y}, hạn {result.due:%d/%m/%Y}; đơn vị cấp dưới chưa gửi: "
                f"{missing}"
            )
            return
        super().report(op, subject, result)

    def _show(self, actor: Any, o: dict[str, Any]) -> None:
        report = selectors.report_get_for_user(actor, o["report"])
        total = report.figures.get("total", {})
        lines = [f"{report} – {report.get_status_display()}"]
        lines += [
            f"  {r['label']}: {' / '.join(str(v) for v in r['values'])} (cộng {r['total']})"
            for r in registry_table(total)
        ]
        for section in section_tables(total):
            lines += [f"  {section['title']}: " + "; ".join(f"{label} {n}" for label, n in section["rows"])]
        for part in report.figures.get("subordinates", []):
            lines.append(f"  + {part['unit']} ({'gói ký số' if part['source'] == 'imported' else 'trên hệ thống'})")
        lines += [f"  ! {m['unit']}: chưa gửi" for m in report.figures.get("missing", [])]
        self.stdout.write("\n".join(lines))

    def _print(self, actor: Any, o: dict[str, Any]) -> None:
        report = selectors.report_get_for_user(actor, o["report"])
        Path(o["output"]).write_bytes(report_pdf(report) if o["format"] == "pdf" else report_docx(report))
        self.stdout.write(f"Đã in báo cáo ra {o['output']}")

    def _overdue(self, actor: Any, o: dict[str, Any]) -> None:
        rows: list[Any] = selectors.overdue_reports_for(actor)
        self.stdout.write(
            "\n".join(f"{r['unit']}: quá hạn {r['due']:%d/%m/%Y}" for r in rows) or "Không có đơn vị quá hạn."
        )

    def _public_key(self, actor: Any, o: dict[str, Any]) -> None:
        try:
            self.stdout.write(public_key_b64())
        except SigningKeyUnavailable as exc:
            raise CommandError(str(exc)) from exc
