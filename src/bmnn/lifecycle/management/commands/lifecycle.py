"""`bmnn lifecycle --as USER ...`: councils, destruction, recall, notices and meetings from a script.

The same forms validate the input and the same services act as in the web UI and the API
(lifecycle.operations.ACTIONS). Requests (copy, take-out, provision, extension, re-grade) go
through `bmnn requests`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.datastructures import MultiValueDict

from bmnn.lifecycle.forms import CouncilSetUpForm, MeetingPlanForm, PendingClassificationForm
from bmnn.lifecycle.operations import ACTIONS
from bmnn.lifecycle.selectors import (
    councils_visible_to,
    meetings_visible_to,
    pending_notices,
    recalls_visible_to,
    subject_get_for_user,
)
from bmnn.lifecycle.services.classification import classification_pending
from bmnn.lifecycle.services.councils import council_set_up
from bmnn.lifecycle.services.meetings import meeting_plan
from bmnn.org.cli import ActorCommand, valid
from bmnn.org.models import Person

MULTIPLE = {"carriers", "members", "items", "attendees"}


def _data(values: list[str]) -> MultiValueDict[str, str]:
    """key=value pairs; the list fields (carriers, members) take comma-separated ids."""
    if any("=" not in v for v in values):
        raise CommandError("Tham số phải có dạng ten=gia_tri, ví dụ members=3,4.")
    data: MultiValueDict[str, str] = MultiValueDict()
    for key, value in (v.split("=", 1) for v in values):
        data.setlist(key, value.split(",") if key in MULTIPLE else [value])
    return data


class Command(ActorCommand):
    help = ("Hội đồng, tiêu hủy, thu hồi, thông báo, thông tin chờ xác định độ mật, cuộc họp có nội dung BMNN: "
            "council-new, meeting-new, do, pending-classification, councils, recalls, notices, meetings.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", required=True, help="tên đăng nhập của người thực hiện")
        sub = parser.add_subparsers(dest="action", required=True)
        new = sub.add_parser("council-new", help="vào sổ quyết định thành lập hội đồng")
        new.add_argument("fields", nargs="*", help="purpose=DESTROY carriers=1,2 setup_decision_ref=... "
                                                   "setup_date=2026-06-30 chair=3 members=4,5")
        meeting = sub.add_parser("meeting-new", help="lập kế hoạch cuộc họp có nội dung BMNN (R35)")
        meeting.add_argument("fields", nargs="*", help="title=... level=TOI_MAT starts_on=2026-06-20 "
                                                       "ends_on=2026-06-21 venue=... attendees=3,4 "
                                                       "equipment_check=... no_devices_control=1 offsite=1 "
                                                       "police_check_ref=... guard_plan=... attendee_check=...")
        do = sub.add_parser("do", help="thực hiện: " + ", ".join(ACTIONS))
        do.add_argument("slug", choices=list(ACTIONS))
        do.add_argument("pk", type=int, help="số của BMNN, hội đồng, bản thu hồi, thông báo, cuộc họp hoặc tài liệu "
                                             "đã phát tại cuộc họp")
        do.add_argument("fields", nargs="*", help="ten=gia_tri")
        pending = sub.add_parser("pending-classification", help="tiếp nhận thông tin thuộc danh mục chưa xác định "
                                                               "độ mật (R5)")
        pending.add_argument("fields", nargs="*", help="sender=... doc_number=... abstract=... items=1 handler=5")
        sub.add_parser("councils", help="các hội đồng")
        sub.add_parser("recalls", help="các lệnh thu hồi")
        sub.add_parser("notices", help="thông báo bằng văn bản chưa gửi")
        sub.add_parser("meetings", help="các cuộc họp có nội dung BMNN, tài liệu đã phát và sổ niêm phong")

    def _council_new(self, actor: Person, o: dict[str, Any]) -> None:
        data = valid(CouncilSetUpForm(_data(o["fields"]), user=actor))
        council = council_set_up(actor=actor, **data)
        self.stdout.write(f"Đã thành lập hội đồng số {council.pk}: {council}")

    def _meeting_new(self, actor: Person, o: dict[str, Any]) -> None:
        meeting = meeting_plan(actor=actor, **valid(MeetingPlanForm(_data(o["fields"]), user=actor)))
        self.stdout.write(f"Đã lập kế hoạch cuộc họp số {meeting.pk}: {meeting}; chờ lãnh đạo phê duyệt")

    def _do(self, actor: Person, o: dict[str, Any]) -> None:
        act = ACTIONS[o["slug"]]
        subject = subject_get_for_user(act.subject, actor, o["pk"])
        form = act.form(_data(o["fields"]), subject=subject, user=actor)
        valid(form)
        act.run(actor, subject, form)
        self.stdout.write(act.done)

    def _pending_classification(self, actor: Person, o: dict[str, Any]) -> None:
        form = PendingClassificationForm(_data(o["fields"]), user=actor)
        valid(form)
        carrier = classification_pending(actor=actor, **form.service_kwargs())
        self.stdout.write(f"Đã vào sổ số {carrier.pk}: {carrier}; đã giao xác định độ mật")

    def _councils(self, actor: Person, o: dict[str, Any]) -> None:
        for c in councils_visible_to(actor):
            state = "đã kết thúc" if c.closed_at else "đã quyết định" if c.decided_at else "đang xem xét"
            self.stdout.write(f"[{c.pk}] {c} – {c.carriers.count()} BMNN – {state}")

    def _recalls(self, actor: Person, o: dict[str, Any]) -> None:
        for r in recalls_visible_to(actor):
            self.stdout.write(f"[{r.pk}] {r} – {'đã thu hồi đủ' if r.closed_at else 'đang thu hồi'}")
            for i in r.items.select_related("holder").order_by("pk"):
                self.stdout.write(f"    bản [{i.pk}] {i.holder or '—'}: {'đã trả' if i.returned_at else 'chưa trả'}")

    def _notices(self, actor: Person, o: dict[str, Any]) -> None:
        for n in pending_notices(actor):
            self.stdout.write(f"[{n.pk}] hạn {n.due:%d/%m/%Y} – {n.get_kind_display()} – {n.carrier} – {n.recipient}")

    def _meetings(self, actor: Person, o: dict[str, Any]) -> None:
        for m in meetings_visible_to(actor):
            state = "đã kết thúc" if m.closed_at else "đã phê duyệt" if m.approved_at else "chờ phê duyệt"
            self.stdout.write(f"[{m.pk}] {m} – {m.get_level_display()} – {m.starts_on:%d/%m/%Y}–{m.ends_on:%d/%m/%Y}"
                              f" – {m.venue} – {state}")
            for d in m.documents.select_related("carrier", "issued_to").order_by("pk"):
                self.stdout.write(f"    tài liệu [{d.pk}] {d.carrier} – {d.issued_to}: "
                                  f"{'đã thu lại' if d.returned_at else 'chưa thu lại'}")
            for s in m.seals.order_by("day"):
                self.stdout.write(f"    niêm phong ngày {s.day:%d/%m/%Y}")
