"""The pre-publication gate screen: upload a file, see whether it may be published."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bmnn.core import operations
from bmnn.core.forms import call_service

from . import selectors
from .forms import GateForm

_PLACES = [
    ("body line", "dòng thư"), ("slide master", "trang chiếu cái"), ("text box", "hộp văn bản"),
    ("footnote", "chú thích cuối trang"), ("endnote", "chú thích cuối văn bản"), ("header", "đầu trang"),
    ("footer", "chân trang"), ("comment", "ghi chú"), ("notes", "ghi chú diễn giả"), ("slide", "trang chiếu"),
    ("properties", "thuộc tính tài liệu"), ("image", "ảnh"), ("subject", "tiêu đề thư"), ("page", "trang"),
    ("line", "dòng"),
]  # fmt: skip
_KINDS = {"level": "Độ mật", "copy": "Bản sao", "recall": "Tài liệu thu hồi",
          "named_recipient": "Chỉ người có tên mới được bóc bì", "declassified": "Giải mật"}  # fmt: skip


def _place(location: str) -> str:
    """Say a mark's location ("slide 3 notes", "a.zip/b.docx: page 1") in Vietnamese."""
    member, _, where = location.rpartition(": ")
    for english, vietnamese in _PLACES:
        where = re.sub(rf"\b{english}\b", vietnamese, where)
    return f"{member}: {where}" if member else where


@login_required
def gate(request: HttpRequest) -> HttpResponse:
    """GET shows the form and the person's past checks; POST checks one file (the declared gate-check)."""
    outcome = None
    form = GateForm(request.POST or None, request.FILES or None)
    op = operations.load()["gate-check"]
    if request.method == "POST" and form.is_valid():
        outcome = call_service(form, lambda: op.execute(request.user, None, form.cleaned_data))
        if outcome is not None:
            form = GateForm()
    checks = selectors.checks_visible_to(request.user)[:20]
    rows = [(_KINDS[m.kind.value], m.text, _place(m.where)) for m in outcome.marks] if outcome else []
    return render(request, "gate/gate.html", {"form": form, "outcome": outcome, "checks": checks, "rows": rows})
