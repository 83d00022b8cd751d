"""`bmnn exchange --as USER ...`: send, import, recall packages between installations, and a list (R27, R28, R46).

The operations are the declared ones (exchange.operations): same form, rules, refusals and audit events as the
screen and the API. Examples::

    bmnn exchange --as vanthu exchange-send 12 peer=3 -o /media/usb/goi.zip
    bmnn exchange --as vanthu exchange-import package=@/media/usb/goi.zip
    bmnn exchange --as vanthu exchange-package-file 7 -o /media/usb/goi-bao-loi.zip
"""

from __future__ import annotations

from typing import Any

from bmnn.core.cli import OperationCommand
from bmnn.exchange import selectors


class Command(OperationCommand):
    help = "Gửi, nhận, thu hồi tài liệu điện tử mật giữa các hệ thống (gói ký số, mã hóa)."
    app = "exchange"
    reads = {"list": "các gói đã gửi, nhận của cơ quan"}

    def _list(self, actor: Any, _options: dict[str, Any]) -> None:
        for p in selectors.packages_visible_to(actor)[:500]:
            self.stdout.write(
                f"[{p.pk}] {p.created_at:%d/%m/%Y %H:%M} {p.get_direction_display():7} "
                f"{p.get_kind_display():22} {p.number or '—'} – {p.peer or '—'}: "
                f"{p.get_status_display()}"
            )
