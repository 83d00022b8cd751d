"""`bmnn safeguards --as USER ...`: incidents, staff and devices from a script.

The operations (incident-record, incident-close, device-inspect, device-scan-import file=@ket-qua.jsonl,
device-sweep-import files=@thu-muc-ket-qua (one file per computer, named by its serial number),
commitment-add scan=@cam-ket.pdf, offboarding-start, offboarding-complete...) are the declared ones
(safeguards.operations): same form, rules, refusals and audit events as the screen and the API.
``incidents``, ``devices``, ``not-signed`` and ``offboard-check`` read through the visibility policy.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from bmnn.core.cli import OperationCommand
from bmnn.core.operations import Operation
from bmnn.org.models import Person
from bmnn.safeguards import selectors as s
from bmnn.safeguards.policies import agency_scope


class Command(OperationCommand):
    help = "Sự cố lộ, mất, cán bộ làm công tác BMNN và thiết bị: tra cứu và thao tác."
    app = "safeguards"

    def add_reads(self, sub: Any) -> None:
        sub.add_parser("incidents", help="danh sách sự cố lộ, mất")
        devices = sub.add_parser("devices", help="sổ theo dõi thiết bị")
        devices.add_argument("--not-inspected", action="store_true", help="chỉ thiết bị chưa kiểm tra an ninh đạt")
        sub.add_parser("not-signed", help="cán bộ được phân công chưa ký cam kết")
        check = sub.add_parser("offboard-check", help="những gì còn chặn thủ tục thôi việc của một cán bộ")
        check.add_argument("username")

    def report(self, op: Operation, subject: Any, result: Any) -> None:
        super().report(op, subject, result)
        if op.slug == "device-sweep-import":
            self._sweep_summary(result)

    def _sweep_summary(self, sweep: Any) -> None:
        """Per unit: counts, computers singled out, findings as the actor may see them (S2: sweep_units)."""
        for u in sweep.shown_units:
            self.stdout.write(
                f"{u.unit}: {u.devices} máy, {u.lines} tệp, {u.secret} có dấu mật, {u.error} không kiểm tra được"
            )
            if u.internet_with_secrets:
                names = ", ".join(d.serial or d.name for d in u.internet_with_secrets)
                self.stdout.write(f"  Máy kết nối Internet có tệp mang dấu mật: {names}")
            if u.not_swept:
                self.stdout.write(f"  Chưa có kết quả quét: {', '.join(d.serial or d.name for d in u.not_swept)}")
            for x in u.findings:
                self.stdout.write(f"  [{x.get_level_display() or 'không rõ độ mật'}] {x.device.serial} {x.shown_path}")

    def _incidents(self, actor: Person, o: dict[str, Any]) -> None:
        for i in s.incidents_visible_to(actor):
            state = "đã kết thúc" if i.closed else "đang xử lý"
            self.stdout.write(
                f"[{i.pk}] {i.found_at:%d/%m/%Y} {i.get_kind_display()} – {i.unit or i.carrier.agency} – {state}"
            )

    def _devices(self, actor: Person, o: dict[str, Any]) -> None:
        rows = s.devices_not_inspected(agency_scope(actor)) if o["not_inspected"] else s.devices_visible_to(actor)
        for d in rows:
            secret = "dùng cho BMNN" if d.used_for_secrets else "không dùng cho BMNN"
            self.stdout.write(
                f"[{d.pk}] {d} – {d.unit} – {d.get_connection_display()} – {secret} – {d.get_status_display()}"
            )

    def _not_signed(self, actor: Person, o: dict[str, Any]) -> None:
        for p in s.people_without_commitment(agency_scope(actor)):
            self.stdout.write(f"{p.username} – {p.get_full_name()} – {p.organisation}")

    def _offboard_check(self, actor: Person, o: dict[str, Any]) -> None:
        """A dry run of off-boarding: what still blocks it, and the commands that carry it out."""
        person = s.staff_visible_to(actor).filter(username=o["username"]).first()
        if person is None:
            raise CommandError(
                _('There is no staff member "{username}" within your scope.').format(username=o["username"])
            )
        blockers = s.offboarding_blockers(person, actor)  # S2: records named as the actor may see them
        for b in blockers:
            self.stdout.write(f"- {b}")
        self.stdout.write("Chưa thể hoàn thành thủ tục." if blockers else "Có thể hoàn thành thủ tục.")
        start = "" if s.open_offboarding(person) else f'offboarding-start {person.pk} reason="...", rồi '
        self.stdout.write(f"Chạy thử: chưa thay đổi gì. Để thực hiện: {start}offboarding-complete {person.pk}.")
