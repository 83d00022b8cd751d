"""`bmnn logins`: on a development machine only, show the current TOTP code of a demo account.

Lifting a login lock is the declared operation `bmnn org --as quantri login-unlock username=vanthu`
(or `ip_address=192.168.1.20`), audited like every operation.

    BMNN_DEBUG=1 bmnn logins code giamdoc                  # development only: the current code
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_otp.oath import totp

from bmnn.org.access import confirmed_totp
from bmnn.org.models import Person


class Command(BaseCommand):
    help = "Trên máy phát triển: xem mã xác thực hai lớp của tài khoản mẫu."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        code = sub.add_parser("code", help="Chỉ trên máy phát triển (BMNN_DEBUG=1): mã TOTP hiện tại")
        code.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("Only on a development machine (BMNN_DEBUG=1); real users read the code in their authenticator app.")
            )
        person = Person.objects.filter(username=options["username"]).first()
        device = confirmed_totp(person) if person is not None else None
        if device is None:
            raise CommandError(_("The account does not exist or is not enrolled in two-factor authentication."))
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
