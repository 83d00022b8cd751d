"""Lifecycle screens: requests, due items, councils, recalls, meetings. Reads only.

The operations (requests, decisions, execution, councils, recall, meetings...) have their screens made
from their declarations (lifecycle.operations); a page offers one exactly when its check passes.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from bmnn.approvals import selectors as approvals
from bmnn.core import clock, operations
from bmnn.core import due as due_sections
from bmnn.core.levels import Level
from bmnn.org.http import AuthenticatedRequest
from bmnn.registry.choices import CopyForm
from bmnn.registry.disclosure import payloads_shown

from .models import RecipientKind
from .selectors import (
    council_detail,
    council_get_for_user,
    councils_visible_to,
    due_summary,
    meeting_detail,
    meeting_get_for_user,
    meetings_visible_to,
    recall_get_for_user,
    recalls_visible_to,
    request_get_for_user,
)

REMINDERS_PER_PAGE = 50

PAYLOAD_LABELS = {
    "form": "Hình thức",
    "count": "Số bản đề nghị",
    "recipients": "Nơi nhận",
    "name": "Họ và tên",
    "position": "Chức vụ",
    "unit": "Đơn vị",
    "item_type": "Loại tài liệu, vật",
    "abstract": "Trích yếu",
    "level": "Độ mật",
    "purpose": "Mục đích",
    "place": "Địa điểm",
    "start": "Từ ngày",
    "due": "Hạn trả",
    "measures": "Biện pháp bảo vệ",
    "abroad": "Mang ra nước ngoài",
    "old_until": "Thời hạn bảo vệ hiện tại",
    "new_until": "Gia hạn đến ngày",
    "recipient_kind": "Bên nhận",
    "recipient_name": "Tên bên nhận",
    "representative": "Người đại diện",
    "id_number": "Số định danh, hộ chiếu",
    "address": "Địa chỉ",
    "nationality": "Quốc tịch",
    "passport": "Số hộ chiếu",
    "host_agency": "Cơ quan Việt Nam chủ trì",
    "purpose_kind": "Mục đích",
    "no_third_party": "Cam kết không chuyển cho bên thứ ba",
    "secret": "BMNN",
    "commitment": "Cam kết bảo vệ BMNN",
    "transfer": "Chuyển giao (không thu lại)",
    "old_level": "Độ mật hiện tại",
    "new_level": "Độ mật mới",
    "items": "Căn cứ danh mục",
    "item_ids": None,
}
# The labels of the choices are lazy strings; a template shows either kind.
VALUE_LABELS: dict[object, object] = {
    **dict(CopyForm.choices),
    **dict(Level.choices),
    **dict(RecipientKind.choices),
    True: "Có",
    False: "Không",
    "INTERNATIONAL_COOPERATION": "Tham gia chương trình hợp tác quốc tế",
    "OFFICIAL_DUTY": "Thi hành công vụ liên quan đến BMNN",
}


def describe_payload(payload: dict[str, Any]) -> list[tuple[str, Any]]:
    """The request's own fields with Vietnamese labels, for the request page."""
    rows = []
    for key, value in payload.items():
        title = PAYLOAD_LABELS.get(key, key)
        if title is None:
            continue
        if isinstance(value, list):
            value = "\n".join(str(v) for v in value)
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            value = f"{value[8:]}/{value[5:7]}/{value[:4]}"
        rows.append(
            (title, VALUE_LABELS.get(value, value) if not isinstance(value, int) or isinstance(value, bool) else value)
        )
    return rows


def _allowed(slug: str, person: Any, subject: Any) -> bool:
    """Whether the declared operation's own check lets this person start it on this subject now."""
    op = operations.get(slug)
    return op is not None and op.allowed(person, subject)


def _form(slug: str, person: Any, subject: Any) -> Any:
    """The operation's form for this subject, when the person may start it now; else None."""
    op = operations.get(slug)
    return op.make_form(person, subject) if op is not None and op.allowed(person, subject) else None


@login_required
def request_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "lifecycle/requests.html",
        {"awaiting": approvals.requests_awaiting(request.user), "mine": approvals.requests_of(request.user)[:100]},
    )


@login_required
def request_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The request, and the form of each step the person may take on it now (decide, carry out)."""
    req = request_get_for_user(request.user, pk)
    steps = [(op, op.make_form(request.user, req)) for op in operations.offered(request.user, "request", req)]
    shown = payloads_shown([req])[0].shown_payload  # R18: the abstract as the record's current level allows
    return render(request, "lifecycle/request.html", {"req": req, "steps": steps, "payload": describe_payload(shown)})


@login_required
def due(request: AuthenticatedRequest) -> HttpResponse:
    summary = due_summary(request.user)
    # After the first deadline sweep over a decade a head has thousands of extension reminders: a page of them.
    reminders = Paginator(summary.pop("reminders"), REMINDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "lifecycle/due.html",
        {**summary, "reminders": reminders, "sections": due_sections.sections_for(request.user)},
    )


@login_required
def council_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "lifecycle/councils.html", {"councils": councils_visible_to(request.user)[:200]})


@login_required
def council_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = council_get_for_user(request.user, pk)
    return render(
        request,
        "lifecycle/council.html",
        {
            **council_detail(council),
            "minutes_form": _form("council-minutes", request.user, council),
            "decision_form": _form("council-decide", request.user, council),
            "can_record": _allowed("destruction-record", request.user, council),
            "can_confirm": _allowed("destruction-confirm", request.user, council),
        },
    )


@login_required
def recall_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "lifecycle/recalls.html", {"recalls": recalls_visible_to(request.user)[:200], "today": clock.today()}
    )


@login_required
def recall_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    recall = recall_get_for_user(request.user, pk)
    items = list(recall.items.select_related("carrier", "holder", "confirmed_by").order_by("pk"))
    returnable = {i.pk for i in items if _allowed("recall-item-return", request.user, i)}
    return render(
        request,
        "lifecycle/recall.html",
        {"recall": recall, "items": items, "returnable": returnable, "today": clock.today()},
    )


@login_required
def meeting_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "lifecycle/meetings.html",
        {"meetings": meetings_visible_to(request.user)[:200], "today": clock.today()},
    )


@login_required
def meeting_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = meeting_get_for_user(request.user, pk)
    context = meeting_detail(meeting)
    issue_form = _form("meeting-issue", request.user, meeting)
    return render(
        request,
        "lifecycle/meeting.html",
        {
            **context,
            "issue_form": issue_form,
            "can_keep": issue_form is not None,
            "can_approve": _allowed("meeting-approve", request.user, meeting),
            "can_seal": _allowed("meeting-seal", request.user, meeting),
            "returnable": {
                d.pk for d in context["outstanding"] if _allowed("meeting-document-return", request.user, d)
            },
        },
    )
