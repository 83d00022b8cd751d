"""`bmnn audit verify|checkpoint`: check the hash chain and export signed heads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bmnn.audit.chain import record, verify
from bmnn.audit.checkpoint import check_against, make_checkpoint


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn của nhật ký (verify) hoặc xuất điểm kiểm tra có chữ ký (checkpoint)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        v = sub.add_parser("verify", help="kiểm tra chuỗi băm")
        v.add_argument("--checkpoint", type=Path, help="đối chiếu với một điểm kiểm tra đã ký")
        c = sub.add_parser("checkpoint", help="ký đầu chuỗi hiện tại")
        c.add_argument("-o", "--output", type=Path, help="ghi ra tệp (mặc định: in ra màn hình)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self._verify(options.get("checkpoint"))
        else:
            self._checkpoint(options.get("output"))

    def _verify(self, checkpoint_file: Path | None) -> None:
        result = verify()
        if not result.ok:
            raise CommandError(f"NHẬT KÝ BỊ SỬA ĐỔI: sự kiện #{result.bad_seq}: {result.problem}")
        if checkpoint_file is not None:
            problem = check_against(json.loads(checkpoint_file.read_text(encoding="utf-8")))
            if problem:
                raise CommandError(f"NHẬT KÝ KHÔNG KHỚP ĐIỂM KIỂM TRA: {problem}")
        self.stdout.write(f"Nhật ký toàn vẹn: {result.checked} sự kiện, "
                          f"đầu chuỗi #{result.head_seq} {result.head_hash}")

    def _checkpoint(self, output: Path | None) -> None:
        try:
            with transaction.atomic():
                checkpoint = make_checkpoint()
                record(None, "audit.checkpoint.signed", basis="S5",
                       data={"seq": checkpoint["seq"], "hash": checkpoint["hash"]})
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        text = json.dumps(checkpoint, ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Đã ghi điểm kiểm tra #{checkpoint['seq']} vào {output}")
        else:
            self.stdout.write(text)
