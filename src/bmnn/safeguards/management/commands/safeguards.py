"""`bmnn safeguards --as USER ...`: incidents, devices, scan import and off-boarding from a script.

The same forms validate the input and the same services act as in the web UI and the API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bmnn.org.cli import ActorCommand, pairs, valid
from bmnn.org.models import Person
from bmnn.safeguards import selectors as s
from bmnn.safeguards.operations import DEVICE_OPS, INCIDENT_OPS, make_form
from bmnn.safeguards.policies import agency_scope
from bmnn.safeguards.services import scans, staff


class Command(ActorCommand):
    help = ("Sự cố, cán bộ và thiết bị: incidents, incident, devices, device, import-scan, "
            "not-signed, offboard-check, offboard.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", required=True, help="tên đăng nhập của người thực hiện")
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("incidents", help="danh sách sự cố lộ, mất")
        incident = sub.add_parser("incident", help="thao tác trên sự cố: " + ", ".join(INCIDENT_OPS))
        incident.add_argument("id", type=int)
        incident.add_argument("op", choices=list(INCIDENT_OPS))
        incident.add_argument("fields", nargs="*", help="ten=gia_tri, ví dụ notice=\"Công văn số 5\"")
        devices = sub.add_parser("devices", help="sổ theo dõi thiết bị")
        devices.add_argument("--not-inspected", action="store_true", help="chỉ thiết bị chưa kiểm tra an ninh đạt")
        device = sub.add_parser("device", help="thao tác trên thiết bị: " + ", ".join(DEVICE_OPS))
        device.add_argument("id", type=int)
        device.add_argument("op", choices=list(DEVICE_OPS))
        device.add_argument("fields", nargs="*", help="ten=gia_tri, ví dụ result=PASSED inspector=\"Công an tỉnh\"")
        scan = sub.add_parser("import-scan", help="nhập kết quả bmnn-scan --format jsonl cho một thiết bị")
        scan.add_argument("--device", type=int, required=True)
        scan.add_argument("file", help="tệp .jsonl, hoặc - để đọc từ đầu vào chuẩn")
        sub.add_parser("not-signed", help="cán bộ được phân công chưa ký cam kết")
        check = sub.add_parser("offboard-check", help="những gì còn chặn thủ tục thôi việc của một cán bộ")
        check.add_argument("username")
        offboard = sub.add_parser("offboard", help="hoàn thành thủ tục thôi việc (cần --apply), khóa tài khoản")
        offboard.add_argument("username")
        offboard.add_argument("--reason", default="", help="mở thủ tục với lý do này nếu chưa mở")
        offboard.add_argument("--apply", action="store_true", help="thực hiện thật; không có thì chỉ kiểm tra")

    def _incidents(self, actor: Person, o: dict[str, Any]) -> None:
        for i in s.incidents_visible_to(actor):
            state = "đã kết thúc" if i.closed else "đang xử lý"
            self.stdout.write(f"[{i.pk}] {i.found_at:%d/%m/%Y} {i.get_kind_display()} – {i.unit or i.carrier.agency} "
                              f"– {state}")

    def _incident(self, actor: Person, o: dict[str, Any]) -> None:
        incident = s.incident_get_for_user(actor, o["id"])
        form_class, service, done = INCIDENT_OPS[o["op"]]
        fields = pairs(o["fields"], "result=PASSED")
        service(actor=actor, incident=incident, **valid(make_form(form_class, actor, fields)))
        self.stdout.write(done)

    def _devices(self, actor: Person, o: dict[str, Any]) -> None:
        rows = s.devices_not_inspected(agency_scope(actor)) if o["not_inspected"] else s.devices_visible_to(actor)
        for d in rows:
            secret = "dùng cho BMNN" if d.used_for_secrets else "không dùng cho BMNN"
            self.stdout.write(f"[{d.pk}] {d} – {d.unit} – {d.get_connection_display()} – {secret} – "
                              f"{d.get_status_display()}")

    def _device(self, actor: Person, o: dict[str, Any]) -> None:
        device = s.device_get_for_user(actor, o["id"])
        form_class, service, done = DEVICE_OPS[o["op"]]
        service(actor=actor, device=device, **valid(make_form(form_class, actor, pairs(o["fields"], "result=PASSED"))))
        self.stdout.write(done)

    def _import_scan(self, actor: Person, o: dict[str, Any]) -> None:
        device = s.device_get_for_user(actor, o["device"])
        if o["file"] == "-":
            import sys

            data, name = sys.stdin.buffer.read(), "stdin.jsonl"
        else:
            path = Path(o["file"])
            if not path.is_file():
                raise CommandError(f"Không có tệp {path}.")
            data, name = path.read_bytes(), path.name
        made = scans.scan_import(actor=actor, device=device, filename=name, data=data)
        self.stdout.write(f"Đã nhập {made.lines} dòng: {made.secret_count} tệp có dấu mật (thành phát hiện), "
                          f"{made.clean_count} tệp không có, {made.error_count} tệp không đọc được.")

    def _not_signed(self, actor: Person, o: dict[str, Any]) -> None:
        for p in s.people_without_commitment(agency_scope(actor)):
            self.stdout.write(f"{p.username} – {p.get_full_name()} – {p.organisation}")

    def _person(self, actor: Person, username: str) -> Person:
        person = s.staff_visible_to(actor).filter(username=username).first()
        if person is None:
            raise CommandError(f"Không có cán bộ \"{username}\" trong phạm vi của bạn.")
        return person

    def _offboard_check(self, actor: Person, o: dict[str, Any]) -> None:
        blockers = s.offboarding_blockers(self._person(actor, o["username"]))
        for b in blockers:
            self.stdout.write(f"- {b}")
        self.stdout.write("Chưa thể hoàn thành (R39)." if blockers else "Có thể hoàn thành thủ tục.")

    def _offboard(self, actor: Person, o: dict[str, Any]) -> None:
        person = self._person(actor, o["username"])
        case = person.offboardings.filter(status="OPEN").first()
        if not o["apply"]:
            self._offboard_check(actor, o)
            self.stdout.write("Chạy thử: thêm --apply để thực hiện.")
            return
        if case is None:
            case = staff.offboarding_start(actor=actor, person=person, reason=o["reason"])
        staff.offboarding_complete(actor=actor, case=case)
        self.stdout.write(f"Đã hoàn thành thủ tục thôi làm công tác BMNN; tài khoản {person.username} đã bị khóa.")
