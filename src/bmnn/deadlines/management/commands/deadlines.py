"""`bmnn deadlines run`: safe to run any number of times a day (cron or the systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bmnn.core import channel, clock
from bmnn.deadlines.jobs import run


class Command(BaseCommand):
    help = (
        "Áp dụng thời hạn: giải mật khi hết thời hạn bảo vệ, đề xuất người đứng đầu xem xét giải mật khi mục "
        "danh mục bị bãi bỏ, nhắc việc, đánh dấu quá hạn. Chạy nhiều lần trong ngày vẫn an toàn."
    )
    # Run by cron many times a day: the system checks (`bmnn check`, at deployment) would cost it more than the
    # run itself when nothing is due (issue 17).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("run", help="chạy một lượt").add_argument(
            "--dry-run", action="store_true", help="chỉ đếm việc giải mật sẽ làm, không thay đổi gì"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Progress goes to stderr, the summary to stdout (what cron mails and scripts read).
        with channel.using(channel.Channel.SYSTEM):  # a system job: its events name the system, not the operator
            done = run(dry_run=options["dry_run"], progress=lambda line: self.stderr.write(line))
        self.stdout.write(f"Ngày {clock.today():%d/%m/%Y}{' (chạy thử)' if options['dry_run'] else ''}:")
        for key in sorted(done):
            self.stdout.write(f"  {key:32} {done[key]}")
