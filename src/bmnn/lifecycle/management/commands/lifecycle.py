"""`bmnn lifecycle --as USER ...`: requests, decisions, execution, councils, recall, notices, meetings.

The operations (copy-request, request-decide, copy-make, council-set-up, recall-issue, meeting-plan...) are
the declared ones (lifecycle.operations): the same form, rules, refusals and audit events as the screen
and the API. ``requests``, ``awaiting``, ``councils``, ``recalls``, ``notices`` and ``meetings`` read
through the visibility policy.
"""

from __future__ import annotations

from typing import Any

from bmnn.approvals import selectors as approvals
from bmnn.core.cli import OperationCommand
from bmnn.lifecycle.selectors import councils_visible_to, meetings_visible_to, pending_notices, recalls_visible_to


class Command(OperationCommand):
    help = (
        "Vòng đời BMNN: đề nghị, phê duyệt, thực hiện, hội đồng, thu hồi, tiêu hủy, thông báo, cuộc họp có "
        "nội dung BMNN, thông tin chờ xác định độ mật."
    )
    app = "lifecycle"
    reads = {
        "requests": "đề nghị của tôi",
        "awaiting": "đề nghị chờ tôi phê duyệt",
        "councils": "các hội đồng",
        "recalls": "các lệnh thu hồi",
        "notices": "thông báo bằng văn bản chưa gửi",
        "meetings": "các cuộc họp có nội dung BMNN, tài liệu đã phát và sổ niêm phong",
    }

    def _show(self, rows: Any) -> None:
        for r in rows:
            self.stdout.write(f"[{r.pk}] {r.get_operation_display()} – {r.subject_repr} – {r.get_status_display()}")

    def _requests(self, actor: Any, o: dict[str, Any]) -> None:
        self._show(approvals.requests_of(actor))

    def _awaiting(self, actor: Any, o: dict[str, Any]) -> None:
        self._show(approvals.requests_awaiting(actor))

    def _councils(self, actor: Any, o: dict[str, Any]) -> None:
        for c in councils_visible_to(actor):
            state = "đã kết thúc" if c.closed_at else "đã quyết định" if c.decided_at else "đang xem xét"
            self.stdout.write(f"[{c.pk}] {c} – {c.carriers.count()} BMNN – {state}")

    def _recalls(self, actor: Any, o: dict[str, Any]) -> None:
        for r in recalls_visible_to(actor):
            self.stdout.write(f"[{r.pk}] {r} – {'đã thu hồi đủ' if r.closed_at else 'đang thu hồi'}")
            for i in r.items.select_related("holder").order_by("pk"):
                self.stdout.write(f"    bản [{i.pk}] {i.holder or '—'}: {'đã trả' if i.returned_at else 'chưa trả'}")

    def _notices(self, actor: Any, o: dict[str, Any]) -> None:
        for n in pending_notices(actor):
            self.stdout.write(f"[{n.pk}] hạn {n.due:%d/%m/%Y} – {n.get_kind_display()} – {n.carrier} – {n.recipient}")

    def _meetings(self, actor: Any, o: dict[str, Any]) -> None:
        for m in meetings_visible_to(actor):
            state = "đã kết thúc" if m.closed_at else "đã phê duyệt" if m.approved_at else "chờ phê duyệt"
            self.stdout.write(
                f"[{m.pk}] {m} – {m.get_level_display()} – {m.starts_on:%d/%m/%Y}–{m.ends_on:%d/%m/%Y}"
                f" – {m.venue} – {state}"
            )
            for d in m.documents.select_related("carrier", "issued_to").order_by("pk"):
                self.stdout.write(
                    f"    tài liệu [{d.pk}] {d.carrier} – {d.issued_to}: "
                    f"{'đã thu lại' if d.returned_at else 'chưa thu lại'}"
                )
            for s in m.seals.order_by("day"):
                self.stdout.write(f"    niêm phong ngày {s.day:%d/%m/%Y}")
