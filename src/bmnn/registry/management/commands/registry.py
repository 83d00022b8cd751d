"""`bmnn registry --as USER ...`: the registry's operations and searches for a clerk's scripts.

The operations (outgoing-register, incoming-receive, incoming-sign-off, handover-create,
handover-confirm) are the declared ones (registry.operations): same form, rules, refusals and audit
events as the screen and the API. ``search``, ``show`` and ``history`` read through the visibility policy.
"""

from __future__ import annotations

import json
from typing import Any

from bmnn.audit.vocabulary import label
from bmnn.core.cli import OperationCommand
from bmnn.registry import selectors
from bmnn.registry.models import Carrier


class Command(OperationCommand):
    help = "Sổ quản lý BMNN: tra cứu, đăng ký đi, tiếp nhận đến, giao, ký nhận."
    app = "registry"

    def add_reads(self, sub: Any) -> None:
        search = sub.add_parser("search", help="tìm BMNN (không cần dấu)")
        search.add_argument("q", nargs="?", default="")
        search.add_argument("--level", default="")
        search.add_argument("--status", default="")
        search.add_argument("--year", type=int)
        search.add_argument("--json", action="store_true")
        sub.add_parser("show", help="xem một BMNN").add_argument("id", type=int)
        sub.add_parser("history", help="lịch sử của một BMNN").add_argument("id", type=int)

    def _print(self, carrier: Carrier) -> None:
        self.stdout.write(
            f"[{carrier.pk}] {carrier.get_level_display():9} {carrier.register_label:16} "
            f"{carrier.doc_number or '-':22} {carrier.doc_type} – {carrier.get_status_display()}"
        )

    def _search(self, actor: Any, o: dict[str, Any]) -> None:
        rows = selectors.carrier_search(actor, q=o["q"], level=o["level"], status=o["status"], year=o["year"])
        if o["json"]:
            fields = (
                "id",
                "direction",
                "reg_year",
                "reg_number",
                "doc_number",
                "doc_date",
                "doc_type",
                "abstract",
                "level",
                "status",
                "sender",
                "recipients",
                "protection_until",
            )
            self.stdout.write(json.dumps(list(rows.values(*fields)), ensure_ascii=False, default=str))
            return
        for carrier in rows:
            self._print(carrier)
        self.stdout.write(f"{rows.count()} kết quả")

    def _show(self, actor: Any, o: dict[str, Any]) -> None:
        carrier = selectors.carrier_get_for_user(actor, o["id"])
        self._print(carrier)
        self.stdout.write(
            f"  Trích yếu: {carrier.abstract or '—'}\n  Người quản lý: {carrier.custodian or '—'}"
            f"\n  Thời hạn bảo vệ đến: {carrier.protection_until or '—'}"
        )

    def _history(self, actor: Any, o: dict[str, Any]) -> None:
        carrier = selectors.carrier_get_for_user(actor, o["id"])
        for e in selectors.carrier_history(carrier):
            self.stdout.write(
                f"#{e.seq} {e.occurred_at:%d/%m/%Y %H:%M} {e.actor_repr}"
                f"{f' [{e.get_channel_display()}]' if e.channel else ''}: {label(e.action)} ({e.basis})"
            )
