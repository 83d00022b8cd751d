"""`bmnn counters rebuild`: recompute the agencies' record counters from the records (issue 17).

The triggers keep the counters in every writing transaction; a rebuild is the repair after a restore of
part of the database, a bulk load, or when `bmnn counters check` finds a difference. Audited as the system.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bmnn.registry.services.counters import actual_counts, counters_rebuild, stored_counts


class Command(BaseCommand):
    help = "Bộ đếm số BMNN của các cơ quan (dùng cho bảng theo dõi và thống kê): kiểm tra hoặc tính lại."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="tính lại toàn bộ bộ đếm từ sổ (ghi nhật ký: Hệ thống)")
        sub.add_parser("check", help="so bộ đếm với số thực tế, không thay đổi gì")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rebuild":
            done = counters_rebuild()
            self.stdout.write(f"Đã tính lại {done.counters} bộ đếm; {done.corrected} bộ đếm được sửa.")
            return
        stored, actual = stored_counts(), actual_counts()
        wrong = sum(1 for key in stored.keys() | actual.keys() if stored.get(key) != actual.get(key))
        if wrong:
            raise CommandError(
                _("{count} counter(s) do not match the actual numbers: run `bmnn counters rebuild`.").format(
                    count=wrong
                )
            )
        self.stdout.write(f"{len(actual)} bộ đếm khớp số thực tế.")
