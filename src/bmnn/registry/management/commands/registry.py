"""`bmnn registry ...`: the registry operations for a clerk's scripts, acting as a named person.

Every subcommand calls the same selector or service as the web UI and the API, so the same
rules, refusals and audit events apply. ``--as`` names the acting person (the command runs on
the server, where the operator is trusted to say who they are; the audit log records it).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bmnn.org.cli import ActorCommand, person_named
from bmnn.org.models import Organisation, Person
from bmnn.registry import selectors, services
from bmnn.registry.models import Carrier


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {text} (dạng YYYY-MM-DD)") from None


class Command(ActorCommand):
    help = "Sổ quản lý BMNN: tra cứu, đăng ký đi, tiếp nhận đến, giao, ký nhận."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", required=True, help="tên đăng nhập của người thực hiện")
        sub = parser.add_subparsers(dest="action", required=True)
        search = sub.add_parser("search", help="tìm BMNN (không cần dấu)")
        search.add_argument("q", nargs="?", default="")
        search.add_argument("--level", default="")
        search.add_argument("--status", default="")
        search.add_argument("--year", type=int)
        search.add_argument("--json", action="store_true")
        for name in ("show", "history"):
            sub.add_parser(name).add_argument("id", type=int)
        out = sub.add_parser("outgoing", help="xác định độ mật và vào sổ BMNN đi")
        out.add_argument("--item", dest="items", type=int, action="append", required=True,
                         help="mã mục danh mục BMNN (lặp lại được)")
        out.add_argument("--type", dest="doc_type", required=True)
        out.add_argument("--symbol", required=True)
        out.add_argument("--abstract", default="")
        out.add_argument("--drafter", required=True)
        out.add_argument("--decided-by", dest="decision_maker", required=True)
        out.add_argument("--recipients", required=True)
        out.add_argument("--copies", dest="copies_issued", type=int, default=1)
        out.add_argument("--copy-permitted", action="store_true")
        out.add_argument("--custodian", required=True)
        out.add_argument("--storage", dest="storage_place", default="")
        inc = sub.add_parser("incoming", help="tiếp nhận BMNN đến")
        inc.add_argument("--sender", required=True)
        inc.add_argument("--number", dest="doc_number", required=True)
        inc.add_argument("--level", required=True, choices=["MAT", "TOI_MAT", "TUYET_MAT"])
        inc.add_argument("--type", dest="doc_type", default="")
        inc.add_argument("--abstract", default="")
        inc.add_argument("--date", dest="doc_date", type=_date)
        inc.add_argument("--named", dest="named_recipient", help="người có tên trên bì")
        inc.add_argument("--expected", dest="expected_count", type=int, default=1)
        inc.add_argument("--received", dest="received_count", type=int, default=1)
        inc.add_argument("--damaged", action="store_true", help="bao bì không nguyên vẹn")
        hand = sub.add_parser("handover", help="giao BMNN")
        hand.add_argument("id", type=int)
        hand.add_argument("--to", dest="to_person")
        hand.add_argument("--to-unit", dest="to_unit", type=int)
        hand.add_argument("--envelopes", dest="envelope_count", type=int, default=1)
        sub.add_parser("confirm", help="ký nhận một lượt giao").add_argument("handover_id", type=int)


    def _print(self, carrier: Carrier) -> None:
        self.stdout.write(f"[{carrier.pk}] {carrier.get_level_display():9} {carrier.register_label:16} "
                          f"{carrier.doc_number or '-':22} {carrier.doc_type} – {carrier.get_status_display()}")

    def _search(self, actor: Person, o: dict[str, Any]) -> None:
        rows = selectors.carrier_search(actor, q=o["q"], level=o["level"], status=o["status"], year=o["year"])
        if o["json"]:
            fields = ("id", "direction", "reg_year", "reg_number", "doc_number", "doc_date", "doc_type", "abstract",
                      "level", "status", "sender", "recipients", "protection_until")
            self.stdout.write(json.dumps(list(rows.values(*fields)), ensure_ascii=False, default=str))
            return
        for carrier in rows:
            self._print(carrier)
        self.stdout.write(f"{rows.count()} kết quả")

    def _show(self, actor: Person, o: dict[str, Any]) -> None:
        carrier = selectors.carrier_get_for_user(actor, o["id"])
        self._print(carrier)
        self.stdout.write(f"  Trích yếu: {carrier.abstract or '—'}\n  Người quản lý: {carrier.custodian or '—'}"
                          f"\n  Thời hạn bảo vệ đến: {carrier.protection_until or '—'}")

    def _history(self, actor: Person, o: dict[str, Any]) -> None:
        from bmnn.audit.vocabulary import label

        carrier = selectors.carrier_get_for_user(actor, o["id"])
        for e in selectors.carrier_history(carrier):
            self.stdout.write(f"#{e.seq} {e.occurred_at:%d/%m/%Y %H:%M} {e.actor_repr}: {label(e.action)} ({e.basis})")

    def _outgoing(self, actor: Person, o: dict[str, Any]) -> None:
        carrier = services.outgoing_register(
            actor=actor, item_ids=o["items"], doc_type=o["doc_type"], symbol=o["symbol"], abstract=o["abstract"],
            drafter=person_named(o["drafter"]), decision_maker=person_named(o["decision_maker"]),
            recipients=o["recipients"], copies_issued=o["copies_issued"], copy_permitted=o["copy_permitted"],
            custodian=person_named(o["custodian"]), storage_place=o["storage_place"])
        self.stdout.write(f"Đã vào sổ BMNN đi số {carrier.doc_number}")
        self._print(carrier)

    def _incoming(self, actor: Person, o: dict[str, Any]) -> None:
        named = person_named(o["named_recipient"]) if o["named_recipient"] else None
        carrier = services.incoming_receive(
            actor=actor, sender=o["sender"], doc_number=o["doc_number"], level=o["level"], doc_type=o["doc_type"],
            abstract=o["abstract"], doc_date=o["doc_date"], named_recipient=named,
            expected_count=o["expected_count"], received_count=o["received_count"], packaging_intact=not o["damaged"])
        self._print(carrier)

    def _handover(self, actor: Person, o: dict[str, Any]) -> None:
        carrier = selectors.carrier_get_for_user(actor, o["id"])
        unit = Organisation.objects.filter(pk=o["to_unit"]).first() if o["to_unit"] else None
        to_person = person_named(o["to_person"]) if o["to_person"] else None
        handover = services.handover_create(actor=actor, carrier=carrier, to_person=to_person, to_unit=unit,
                                            envelope_count=o["envelope_count"])
        self.stdout.write(f"Đã giao, số chuyển giao {handover.number}/{handover.year}, "
                          f"chờ {handover.recipient_label} ký nhận")

    def _confirm(self, actor: Person, o: dict[str, Any]) -> None:
        handover = selectors.handovers_awaiting(actor).filter(pk=o["handover_id"]).first()
        if handover is None:
            raise CommandError("Không tìm thấy lượt giao chờ bạn ký nhận.")
        services.handover_confirm(actor=actor, handover=handover)
        self.stdout.write(f"Đã ký nhận {handover.carrier}")
