"""`bmnn gate --as USER FILE`: check a file before publication, as the screen and the API do.

Exit status 0 when the file may be published, 1 when it is refused (secret or unreadable).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bmnn.core.errors import DomainError
from bmnn.gate.services import file_check
from bmnn.org.models import Person


class Command(BaseCommand):
    help = "Kiểm tra một tệp trước khi đăng tải lên cổng thông tin (chỉ lưu kết luận và mã băm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", required=True, help="tên đăng nhập của người kiểm tra")
        parser.add_argument("file", help="tệp định đăng tải")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            actor = Person.objects.get(username=options["actor"], is_active=True)
        except Person.DoesNotExist:
            raise CommandError("Không tìm thấy người dùng đang hoạt động có tên đăng nhập này.") from None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            with path.open("rb") as stream:
                outcome = file_check(actor=actor, name=path.name, chunks=iter(lambda: stream.read(1 << 20), b""))
        except DomainError as exc:
            raise CommandError(f"{exc.message} ({exc.rule})") from exc
        check = outcome.check
        verdicts = {"secret": "KHÔNG ĐƯỢC ĐĂNG: có dấu mật", "clean": "ĐƯỢC ĐĂNG: không thấy dấu độ mật",
                    "error": "KHÔNG ĐƯỢC ĐĂNG: không đọc được tệp"}  # fmt: skip
        self.stdout.write(f"{verdicts[check.verdict]} {check.level}".rstrip())
        for mark in outcome.marks:
            self.stdout.write(f"  {mark.text} ({mark.where})")
        if outcome.error:
            self.stdout.write(f"  {outcome.error}")
        self.stdout.write(f"SHA-256: {check.sha256}")
        if not check.may_publish:
            sys.exit(1)
