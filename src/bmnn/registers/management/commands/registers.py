"""`bmnn registers --as USER ...`: print registers and forms, close volumes, list layouts, from the console.

    bmnn registers --as vanthu export --kind so-di --year 2026 --format pdf -o so-di-2026.pdf
        [--volume 1] [--from 2026-01-01] [--to 2026-06-30] [--unit <id>] [--level MAT]
    bmnn registers --as vanthu volume-close kind=so-di year=2026 [--apply]
    bmnn registers --as vanthu form --record 12 --form nhan-bi --format pdf -o nhan-bi.pdf
    bmnn registers --as vanthu commitment --person chuyenvienkhaothi --format pdf -o cam-ket.pdf
    bmnn registers --as vanthu layouts

The person is authenticated (BMNN_TOKEN or password), as for every command that acts for someone.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from bmnn.core.cli import OperationCommand
from bmnn.core.levels import Level
from bmnn.org.models import Organisation, Person
from bmnn.registry import selectors as registry

from ...downloads import SLUG_KIND, commitment_export, form_export, register_export
from ...models import RegisterLayout
from ...paperwork import FORMS
from ...selectors import Selection


class Command(OperationCommand):
    help = "In sổ đăng ký BMNN và biểu mẫu; khóa quyển sổ; xem các mẫu sổ."
    app = "registers"

    def add_reads(self, sub: Any) -> None:
        export = sub.add_parser("export", help="Xuất sổ ra PDF, DOCX hoặc XLSX")
        self._common(export)
        export.add_argument("--format", choices=["pdf", "docx", "xlsx"], default="pdf")
        export.add_argument("-o", "--output", required=True)
        export.add_argument("--volume", type=int)
        export.add_argument("--from", dest="date_from", type=dt.date.fromisoformat)
        export.add_argument("--to", dest="date_to", type=dt.date.fromisoformat)
        export.add_argument("--unit", type=int)
        export.add_argument(
            "--level",
            default="",
            choices=["", *Level.values],
            help="chỉ một độ mật: " + ", ".join(f"{value} ({label})" for value, label in Level.choices),
        )
        form = sub.add_parser("form", help="Xuất biểu mẫu của một BMNN")
        form.add_argument("--record", type=int, required=True)
        names = "; ".join(f"{slug} ({spec.title})" for slug, spec in sorted(FORMS.items()))
        form.add_argument("--form", required=True, choices=sorted(FORMS), metavar="MAU", help=f"biểu mẫu: {names}")
        form.add_argument("--party", default="")
        form.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        form.add_argument("-o", "--output", required=True)
        commitment = sub.add_parser("commitment", help="Xuất bản cam kết bảo vệ BMNN của một cán bộ")
        commitment.add_argument("--person", help="tên đăng nhập của người cam kết (mặc định: chính người thực hiện)")
        commitment.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        commitment.add_argument("-o", "--output", required=True)
        sub.add_parser("layouts", help="Liệt kê các mẫu sổ và cột")

    def _common(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=sorted(SLUG_KIND))
        parser.add_argument("--year", type=int, required=True)

    def _person(self, username: str) -> Person:
        person = Person.objects.filter(username=username).first()
        if person is None:
            raise CommandError(_("There is no user {username}.").format(username=username))
        return person

    def _export(self, actor: Person, o: dict[str, Any]) -> None:
        agency = actor.agency()
        if agency is None:
            raise CommandError(_("The user does not belong to any agency."))
        unit = Organisation.objects.filter(pk=o["unit"]).first() if o["unit"] else None
        sel = Selection(
            agency, SLUG_KIND[o["kind"]], o["year"], o["volume"], o["date_from"], o["date_to"], unit, o["level"]
        )
        export = register_export(actor=actor, selection=sel, fmt=o["format"])
        with export.file, Path(o["output"]).open("wb") as out:  # copied in blocks: a register can be large
            shutil.copyfileobj(export.file, out)
            size = out.tell()
        self.stdout.write(_("Wrote {path} ({size} bytes).").format(path=o["output"], size=size))

    def _form(self, actor: Person, o: dict[str, Any]) -> None:
        carrier = registry.carrier_get_for_user(actor, o["record"])
        export = form_export(actor=actor, carrier=carrier, form=o["form"], fmt=o["format"], party=o["party"])
        Path(o["output"]).write_bytes(export.content)
        self.stdout.write(_("Wrote {path} ({size} bytes).").format(path=o["output"], size=len(export.content)))

    def _commitment(self, actor: Person, o: dict[str, Any]) -> None:
        person = self._person(o["person"]) if o["person"] else actor
        export = commitment_export(actor=actor, person=person, fmt=o["format"])
        Path(o["output"]).write_bytes(export.content)
        self.stdout.write(_("Wrote {path} ({size} bytes).").format(path=o["output"], size=len(export.content)))

    def _layouts(self, actor: Person, o: dict[str, Any]) -> None:
        for layout in RegisterLayout.objects.prefetch_related("columns"):
            self.stdout.write(str(layout))
            for column in layout.columns.all():
                self.stdout.write(f"    ({column.order}) {column.heading} [{column.field}, {column.width}]")
