"""`bmnn requests --as USER ...`: file, decide and carry out lifecycle requests from a script.

The same forms validate the input and the same services act as in the web UI and the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bmnn.approvals import selectors as approvals
from bmnn.approvals.services import request_decide
from bmnn.core.errors import DomainError
from bmnn.lifecycle.forms import DecisionForm
from bmnn.lifecycle.operations import EXECUTE, NEW_REQUESTS
from bmnn.lifecycle.selectors import request_get_for_user
from bmnn.org.models import Person
from bmnn.registry import selectors as registry


def _pairs(values: list[str]) -> dict[str, str]:
    pairs = dict(v.split("=", 1) for v in values if "=" in v)
    if len(pairs) != len(values):
        raise CommandError("Tham số phải có dạng ten=gia_tri, ví dụ count=3.")
    return pairs


class Command(BaseCommand):
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

    def handle(self, *args: Any, **o: Any) -> None:
        actor = Person.objects.filter(username=o["actor"], is_active=True).first()
        if actor is None:
            raise CommandError(f"Không có cán bộ với tên đăng nhập \"{o['actor']}\".")
        try:
            getattr(self, "_" + o["action"])(actor, o)
        except DomainError as exc:
            raise CommandError(str(exc)) from None

    def _show(self, rows: Any) -> None:
        for r in rows:
            self.stdout.write(f"[{r.pk}] {r.get_operation_display()} – {r.subject_repr} – {r.get_status_display()}")

    def _valid(self, form: forms.Form) -> dict[str, Any]:
        if not form.is_valid():
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        return form.cleaned_data

    def _new(self, actor: Person, o: dict[str, Any]) -> None:
        carrier = registry.carrier_get_for_user(actor, o["carrier"])
        _title, form_class, service = NEW_REQUESTS[o["kind"]]
        made = service(actor=actor, carrier=carrier, **self._valid(form_class(_pairs(o["fields"]))))
        self.stdout.write(f"Đã gửi đề nghị số {made.pk}")

    def _list(self, actor: Person, o: dict[str, Any]) -> None:
        self._show(approvals.requests_of(actor))

    def _awaiting(self, actor: Person, o: dict[str, Any]) -> None:
        self._show(approvals.requests_awaiting(actor))

    def _decide(self, actor: Person, o: dict[str, Any]) -> None:
        req = request_get_for_user(actor, o["request"])
        data = self._valid(DecisionForm({"approve": "0" if o["refuse"] else "1", "reasons": o["reasons"]}))
        req = request_decide(actor=actor, request=req, **data)
        self.stdout.write(f"Đề nghị số {req.pk}: {req.get_status_display()}")

    def _execute(self, actor: Person, o: dict[str, Any]) -> None:
        req = request_get_for_user(actor, o["request"])
        if req.operation not in EXECUTE:
            raise CommandError("Đề nghị này không thực hiện qua lệnh này.")
        form_class, service, label = EXECUTE[req.operation]
        fields = _pairs(o["fields"])
        service(actor=actor, request=req, **self._valid(form_class(fields) if form_class else forms.Form({})))
        self.stdout.write(f"{label}: xong (đề nghị số {req.pk})")
