"""`bmnn logins`: lift a login lock (audited), and, on a development machine only, show a TOTP code.

    bmnn logins unlock --as quantri --user vanthu          # the account
    bmnn logins unlock --as quantri --ip 192.168.1.20      # the address
    BMNN_DEBUG=1 bmnn logins code giamdoc                  # development only: the current code
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from bmnn.core.errors import DomainError
from bmnn.org.access import confirmed_totp, login_unlock
from bmnn.org.cli import person_named


class Command(BaseCommand):
    help = "Mở khóa đăng nhập (ghi nhật ký); trên máy phát triển: xem mã xác thực hai lớp của tài khoản mẫu."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        unlock = sub.add_parser("unlock", help="Mở khóa tài khoản hoặc địa chỉ máy bị khóa do nhập sai mật khẩu")
        unlock.add_argument("--as", dest="actor", required=True, help="tên đăng nhập của quản trị hệ thống")
        unlock.add_argument("--user", default="", help="tên đăng nhập bị khóa")
        unlock.add_argument("--ip", default="", help="địa chỉ máy bị khóa")
        code = sub.add_parser("code", help="Chỉ trên máy phát triển (BMNN_DEBUG=1): mã TOTP hiện tại")
        code.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "unlock":
            try:
                cleared = login_unlock(actor=person_named(options["actor"]), username=options["user"],
                                       ip_address=options["ip"])
            except DomainError as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(f"Đã mở khóa; xóa {cleared} bản ghi đăng nhập sai.")
            return
        if not settings.DEBUG:
            raise CommandError("Chỉ dùng trên máy phát triển (BMNN_DEBUG=1); người dùng thật đọc mã trên "
                               "ứng dụng xác thực của mình.")
        device = confirmed_totp(person_named(options["username"]))
        if device is None:
            raise CommandError("Tài khoản chưa đăng ký xác thực hai lớp.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
