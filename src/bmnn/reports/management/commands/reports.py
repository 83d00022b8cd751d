"""`bmnn reports --as USER ...`: build, edit, submit, print, export and import periodic reports (R41, P5).

The same services act as in the web UI and the API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bmnn.core.errors import DomainError
from bmnn.org.models import Organisation, Person

from .. import _report_cli as cli


class Command(BaseCommand):
    help = ("Báo cáo định kỳ: build, text, submit, show, print, export-package, import-package, overdue, "
            "trust-key, public-key.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", help="tên đăng nhập của người thực hiện")
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="lập hoặc tính lại dự thảo báo cáo của đơn vị")
        build.add_argument("--year", type=int, required=True)
        text = sub.add_parser("text", help="ghi nội dung các mục a–d")
        text.add_argument("report", type=int)
        for name in ("situation", "results", "incidents_text", "proposals"):
            text.add_argument(f"--{name.replace('_', '-')}", dest=name)
        submit = sub.add_parser("submit", help="ký và gửi báo cáo lên cấp trên")
        submit.add_argument("report", type=int)
        show = sub.add_parser("show", help="xem số liệu báo cáo")
        show.add_argument("report", type=int)
        printing = sub.add_parser("print", help="in báo cáo ra tệp PDF hoặc DOCX")
        printing.add_argument("report", type=int)
        printing.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        printing.add_argument("--output", "-o", required=True)
        export = sub.add_parser("export-package", help="xuất gói báo cáo ký số")
        export.add_argument("report", type=int)
        export.add_argument("file")
        imp = sub.add_parser("import-package", help="kiểm tra chữ ký và nhập gói báo cáo của cấp dưới")
        imp.add_argument("file")
        sub.add_parser("overdue", help="đơn vị cấp dưới quá hạn chưa gửi báo cáo")
        trust = sub.add_parser("trust-key", help="(quản trị) đăng ký khóa công khai của đơn vị")
        trust.add_argument("unit", help="ký hiệu đơn vị, ví dụ SGDĐT")
        trust.add_argument("public_key")
        trust.add_argument("--label", default="")
        sub.add_parser("public-key", help="in khóa công khai của hệ thống này để đơn vị cấp trên đăng ký")

    def handle(self, *args: Any, **o: Any) -> None:
        if o["action"] == "public-key":
            from bmnn.audit.checkpoint import SigningKeyUnavailable, public_key_b64

            try:
                self.stdout.write(public_key_b64())
            except SigningKeyUnavailable as exc:
                raise CommandError(str(exc)) from exc
            return
        actor = Person.objects.filter(username=o["actor"] or "", is_active=True).first()
        if actor is None:
            raise CommandError("Cần --as với tên đăng nhập của một cán bộ đang hoạt động.")
        try:
            self.stdout.write(self._run(actor, o))
        except DomainError as exc:
            raise CommandError(str(exc)) from None

    def _run(self, actor: Person, o: dict[str, Any]) -> str:
        action = o["action"]
        if action == "build":
            return cli.build(actor, o["year"])
        if action == "text":
            return cli.text(actor, o["report"], {k: o[k] for k in cli.TEXTS if o.get(k) is not None})
        if action == "submit":
            return cli.submit(actor, o["report"])
        if action == "show":
            return cli.show(actor, o["report"])
        if action == "print":
            Path(o["output"]).write_bytes(cli.printed(actor, o["report"], o["format"]))
            return f"Đã in báo cáo ra {o['output']}"
        if action == "export-package":
            Path(o["file"]).write_bytes(cli.package(actor, o["report"]))
            return f"Đã xuất gói báo cáo ký số ra {o['file']}"
        if action == "import-package":
            return cli.import_package(actor, Path(o["file"]).read_bytes())
        if action == "overdue":
            return cli.overdue(actor)
        unit = Organisation.objects.filter(symbol=o["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị có ký hiệu \"{o['unit']}\".")
        return cli.trust(actor, unit, o["public_key"], o["label"])
