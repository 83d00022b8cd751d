"""`bmnn requests --as USER ...`: file, decide and carry out lifecycle requests from a script.

The same forms validate the input and the same services act as in the web UI and the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.management.base import CommandError, CommandParser

from bmnn.approvals import selectors as approvals
from bmnn.approvals.services import request_decide
from bmnn.lifecycle.forms import DecisionForm
from bmnn.lifecycle.operations import EXECUTE, NEW_REQUESTS
from bmnn.lifecycle.selectors import request_get_for_user
from bmnn.org.cli import ActorCommand, pairs, valid
from bmnn.org.models import Person
from bmnn.registry import selectors as registry


class Command(ActorCommand):
    help = "Đề nghị và phê duyệt: new, list, awaiting, decide, execute."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", required=True, help="tên đăng nhập của người thực hiện")
        sub = parser.add_subparsers(dest="action", required=True)
        new = sub.add_parser("new", help="gửi đề nghị: KIND là " + ", ".join(NEW_REQUESTS))
        new.add_argument("carrier", type=int)
        new.add_argument("kind", choices=list(NEW_REQUESTS))
        new.add_argument("fields", nargs="*", help="ten=gia_tri, ví dụ form=TRUE_COPY count=2")
        sub.add_parser("list", help="đề nghị của tôi")
        sub.add_parser("awaiting", help="đề nghị chờ tôi phê duyệt")
        decide = sub.add_parser("decide", help="phê duyệt hoặc từ chối")
        decide.add_argument("request", type=int)
        decide.add_argument("--refuse", action="store_true")
        decide.add_argument("--reasons", default="")
        execute = sub.add_parser("execute", help="thực hiện đề nghị đã duyệt")
        execute.add_argument("request", type=int)
        execute.add_argument("fields", nargs="*", help="ten=gia_tri, ví dụ made=2 spoiled=0")

    def _show(self, rows: Any) -> None:
        for r in rows:
            self.stdout.write(f"[{r.pk}] {r.get_operation_display()} – {r.subject_repr} – {r.get_status_display()}")

    def _new(self, actor: Person, o: dict[str, Any]) -> None:
        carrier = registry.carrier_get_for_user(actor, o["carrier"])
        _title, form_class, service = NEW_REQUESTS[o["kind"]]
        made = service(actor=actor, carrier=carrier, **valid(form_class(pairs(o["fields"], "count=3"))))
        self.stdout.write(f"Đã gửi đề nghị số {made.pk}")

    def _list(self, actor: Person, o: dict[str, Any]) -> None:
        self._show(approvals.requests_of(actor))

    def _awaiting(self, actor: Person, o: dict[str, Any]) -> None:
        self._show(approvals.requests_awaiting(actor))

    def _decide(self, actor: Person, o: dict[str, Any]) -> None:
        req = request_get_for_user(actor, o["request"])
        data = valid(DecisionForm({"approve": "0" if o["refuse"] else "1", "reasons": o["reasons"]}))
        req = request_decide(actor=actor, request=req, **data)
        self.stdout.write(f"Đề nghị số {req.pk}: {req.get_status_display()}")

    def _execute(self, actor: Person, o: dict[str, Any]) -> None:
        req = request_get_for_user(actor, o["request"])
        if req.operation not in EXECUTE:
            raise CommandError("Đề nghị này không thực hiện qua lệnh này.")
        form_class, service, label = EXECUTE[req.operation]
        fields = pairs(o["fields"], "count=3")
        service(actor=actor, request=req, **valid(form_class(fields) if form_class else forms.Form({})))
        self.stdout.write(f"{label}: xong (đề nghị số {req.pk})")
