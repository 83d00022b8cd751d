"""`bmnn vault --as USER ...`: the vault's operations (upload, download a copy, erase, rotate the key) and a list.

The operations are the declared ones (vault.operations): same form, rules, refusals and audit events as
the screen and the API. ``list`` reads through the visibility policy. Examples::

    bmnn vault --as vanthu vault-upload 12 file=@/media/scan/cong-van.pdf
    bmnn vault --as quantri vault-rotate-key
"""

from __future__ import annotations

from typing import Any

from bmnn.core.cli import OperationCommand
from bmnn.vault import selectors


class Command(OperationCommand):
    help = "Kho tài liệu điện tử mật: tải tệp lên (mã hóa), tải bản sao, xóa khi tiêu hủy, đổi khóa."
    app = "vault"

    def add_reads(self, sub: Any) -> None:
        sub.add_parser("list", help="các tệp điện tử mật được xem").add_argument("--bmnn", type=int)

    def _list(self, actor: Any, o: dict[str, Any]) -> None:
        qs = selectors.files_visible_to(actor)
        if o.get("bmnn"):
            qs = qs.filter(carrier_id=o["bmnn"])
        for f in qs:
            state = "đã xóa" if f.erased else f"{f.size} byte"
            self.stdout.write(f"[{f.pk}] BMNN {f.carrier_id} {f.carrier.get_level_display():9} {f.name} ({state})")
