"""`bmnn gate --as USER gate-check file=@FILE`: check a file before publication, as the screen and the API do.

Exit status 0 when the file may be published, 1 when it is refused (secret or unreadable).
"""

from __future__ import annotations

import sys
from typing import Any

from bmnn.core.cli import OperationCommand
from bmnn.core.operations import Operation

VERDICTS = {"secret": "KHÔNG ĐƯỢC ĐĂNG: có dấu mật", "clean": "ĐƯỢC ĐĂNG: không thấy dấu độ mật",
            "error": "KHÔNG ĐƯỢC ĐĂNG: không đọc được tệp"}  # fmt: skip


class Command(OperationCommand):
    help = "Kiểm tra một tệp trước khi đăng tải lên cổng thông tin (chỉ lưu kết luận và mã băm)."
    app = "gate"

    def report(self, op: Operation, subject: Any, result: Any) -> None:
        check = result.check
        self.stdout.write(f"{VERDICTS[check.verdict]} {check.level}".rstrip())
        for mark in result.marks:
            self.stdout.write(f"  {mark.text} ({mark.where})")
        if result.error:
            self.stdout.write(f"  {result.error}")
        self.stdout.write(f"SHA-256: {check.sha256}")
        if not check.may_publish:
            sys.exit(1)
