"""`bmnn registers`: print registers and forms, close volumes, list layouts, from the console.

    bmnn registers export --user vanthu --kind so-di --year 2026 --format pdf -o so-di-2026.pdf
        [--volume 1] [--from 2026-01-01] [--to 2026-06-30] [--unit <id>] [--level MAT]
    bmnn registers close-volume --user vanthu --kind so-di --year 2026 [--apply]
    bmnn registers form --user vanthu --record 12 --form nhan-bi --format pdf -o nhan-bi.pdf
    bmnn registers commitment --user vanthu --person chuyenvienkhaothi --format pdf -o cam-ket.pdf
    bmnn registers layouts
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bmnn.core.errors import DomainError
from bmnn.org.models import Organisation, Person
from bmnn.registry import selectors as registry

from ...models import RegisterLayout
from ...selectors import Selection, volumes
from ...services import commitment_export, form_export, register_export, volume_close
from ...views import SLUG_KIND


class Command(BaseCommand):
    help = "In sổ đăng ký BMNN và biểu mẫu; khóa quyển sổ; xem các mẫu sổ."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Xuất sổ ra PDF, DOCX hoặc XLSX")
        self._common(export)
        export.add_argument("--format", choices=["pdf", "docx", "xlsx"], default="pdf")
        export.add_argument("-o", "--output", required=True)
        export.add_argument("--volume", type=int)
        export.add_argument("--from", dest="date_from", type=dt.date.fromisoformat)
        export.add_argument("--to", dest="date_to", type=dt.date.fromisoformat)
        export.add_argument("--unit", type=int)
        export.add_argument("--level", default="")
        close = sub.add_parser("close-volume", help="Khóa quyển đang mở (chạy thử nếu không có --apply)")
        self._common(close)
        close.add_argument("--apply", action="store_true")
        form = sub.add_parser("form", help="Xuất biểu mẫu của một BMNN")
        form.add_argument("--user", required=True)
        form.add_argument("--record", type=int, required=True)
        form.add_argument("--form", required=True)
        form.add_argument("--party", default="")
        form.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        form.add_argument("-o", "--output", required=True)
        commitment = sub.add_parser("commitment", help="Xuất bản cam kết bảo vệ BMNN của một cán bộ")
        commitment.add_argument("--user", required=True)
        commitment.add_argument("--person", help="tên đăng nhập của người cam kết (mặc định: chính --user)")
        commitment.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        commitment.add_argument("-o", "--output", required=True)
        sub.add_parser("layouts", help="Liệt kê các mẫu sổ và cột")

    def _common(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="tên đăng nhập của văn thư hoặc người đứng đầu")
        parser.add_argument("--kind", required=True, choices=sorted(SLUG_KIND))
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            getattr(self, "_" + o["action"].replace("-", "_"))(o)
        except DomainError as exc:
            raise CommandError(f"{exc.message} ({exc.rule})" if exc.rule else exc.message) from exc

    def _person(self, username: str) -> Person:
        person = Person.objects.filter(username=username).first()
        if person is None:
            raise CommandError(f"Không có người dùng {username}.")
        return person

    def _export(self, o: dict[str, Any]) -> None:
        actor = self._person(o["user"])
        agency = actor.agency()
        if agency is None:
            raise CommandError("Người dùng không thuộc cơ quan nào.")
        unit = Organisation.objects.filter(pk=o["unit"]).first() if o["unit"] else None
        sel = Selection(agency, SLUG_KIND[o["kind"]], o["year"], o["volume"], o["date_from"], o["date_to"], unit,
                        o["level"])
        export = register_export(actor=actor, selection=sel, fmt=o["format"])
        Path(o["output"]).write_bytes(export.content)
        self.stdout.write(f"Đã ghi {o['output']} ({len(export.content)} byte).")

    def _close_volume(self, o: dict[str, Any]) -> None:
        actor = self._person(o["user"])
        agency = actor.agency()
        if agency is None:
            raise CommandError("Người dùng không thuộc cơ quan nào.")
        kind = SLUG_KIND[o["kind"]]
        current = volumes(agency, kind, o["year"])[-1]
        if not o["apply"]:
            self.stdout.write(f"Chạy thử: sẽ khóa quyển số {current.number} từ số {current.first_number} đến số "
                              f"{current.last_number}. Thêm --apply để khóa.")
            return
        volume = volume_close(actor=actor, agency=agency, kind=kind, year=o["year"])
        self.stdout.write(f"Đã khóa quyển số {volume.number} (số {volume.first_number}–{volume.last_number}).")

    def _form(self, o: dict[str, Any]) -> None:
        actor = self._person(o["user"])
        carrier = registry.carrier_get_for_user(actor, o["record"])
        export = form_export(actor=actor, carrier=carrier, form=o["form"], fmt=o["format"], party=o["party"])
        Path(o["output"]).write_bytes(export.content)
        self.stdout.write(f"Đã ghi {o['output']} ({len(export.content)} byte).")

    def _commitment(self, o: dict[str, Any]) -> None:
        actor = self._person(o["user"])
        person = self._person(o["person"]) if o["person"] else actor
        export = commitment_export(actor=actor, person=person, fmt=o["format"])
        Path(o["output"]).write_bytes(export.content)
        self.stdout.write(f"Đã ghi {o['output']} ({len(export.content)} byte).")

    def _layouts(self, o: dict[str, Any]) -> None:
        for layout in RegisterLayout.objects.prefetch_related("columns"):
            self.stdout.write(str(layout))
            for column in layout.columns.all():
                self.stdout.write(f"    ({column.order}) {column.heading} [{column.field}, {column.width}]")
