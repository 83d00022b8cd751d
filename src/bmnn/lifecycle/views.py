"""Lifecycle screens: requests, approvals, execution, due items. Thin: form, one service, template."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bmnn.approvals import selectors as approvals
from bmnn.approvals.models import RequestStatus
from bmnn.approvals.policies import decision_basis
from bmnn.approvals.services import request_decide
from bmnn.core import clock
from bmnn.core.forms import call_service, errors_text
from bmnn.core.levels import Level
from bmnn.registry import selectors as registry
from bmnn.registry.choices import CopyForm

from . import forms as f
from .models import CouncilPurpose, RecipientKind, Takeout
from .operations import ACTIONS, EXECUTE, NEW_REQUESTS
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
    subject_get_for_user,
)
from .services.classification import classification_pending
from .services.councils import council_set_up
from .services.meetings import meeting_plan
from .services.takeout import takeout_return

PAYLOAD_LABELS = {
    "form": "Hình thức", "count": "Số bản đề nghị", "recipients": "Nơi nhận", "name": "Họ và tên",
    "position": "Chức vụ", "unit": "Đơn vị", "item_type": "Loại tài liệu, vật", "abstract": "Trích yếu",
    "level": "Độ mật", "purpose": "Mục đích", "place": "Địa điểm", "start": "Từ ngày", "due": "Hạn trả",
    "measures": "Biện pháp bảo vệ", "abroad": "Mang ra nước ngoài", "old_until": "Thời hạn bảo vệ hiện tại",
    "new_until": "Gia hạn đến ngày", "recipient_kind": "Bên nhận", "recipient_name": "Tên bên nhận",
    "representative": "Người đại diện", "id_number": "Số định danh, hộ chiếu", "address": "Địa chỉ",
    "nationality": "Quốc tịch", "passport": "Số hộ chiếu", "host_agency": "Cơ quan Việt Nam chủ trì",
    "purpose_kind": "Mục đích", "no_third_party": "Cam kết không chuyển cho bên thứ ba", "secret": "BMNN",
    "commitment": "Cam kết bảo vệ BMNN", "transfer": "Chuyển giao (không thu lại)", "old_level": "Độ mật hiện tại",
    "new_level": "Độ mật mới", "items": "Căn cứ danh mục", "item_ids": None,
}
VALUE_LABELS = {**dict(CopyForm.choices), **dict(Level.choices), **dict(RecipientKind.choices), True: "Có",
                False: "Không", "INTERNATIONAL_COOPERATION": "Tham gia chương trình hợp tác quốc tế",
                "OFFICIAL_DUTY": "Thi hành công vụ liên quan đến BMNN"}


def describe_payload(payload: dict[str, Any]) -> list[tuple[str, Any]]:
    """The request's own fields with Vietnamese labels, for the request page."""
    rows = []
    for key, value in payload.items():
        if PAYLOAD_LABELS.get(key, key) is None:
            continue
        if isinstance(value, list):
            value = "\n".join(str(v) for v in value)
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            value = f"{value[8:]}/{value[5:7]}/{value[:4]}"
        rows.append((PAYLOAD_LABELS.get(key, key), VALUE_LABELS.get(value, value) if not isinstance(
            value, int) or isinstance(value, bool) else value))
    return rows




@login_required
def request_new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in NEW_REQUESTS:
        raise Http404("Không có thao tác này.")
    carrier = registry.carrier_get_for_user(request.user, pk)
    title, form_class, service = NEW_REQUESTS[kind]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = call_service(form, lambda: service(actor=request.user, carrier=carrier, **form.cleaned_data))
        if made:
            messages.success(request, "Đã gửi đề nghị; người có thẩm quyền sẽ thấy trong hàng chờ phê duyệt.")
            return redirect("lifecycle:request", pk=made.pk)
    return render(request, "web/form.html", {"form": form, "title": f"{title}: {carrier}", "submit": "Gửi đề nghị"})


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    return render(request, "lifecycle/requests.html", {
        "awaiting": approvals.requests_awaiting(request.user), "mine": approvals.requests_of(request.user)[:100]})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = request_get_for_user(request.user, pk)
    may_decide = req.status == RequestStatus.PENDING and req.requester_id != request.user.pk and decision_basis(
        request.user, operation=req.operation, level=req.level, agency=req.agency, on=clock.today())
    execute = EXECUTE.get(req.operation) if req.status == RequestStatus.APPROVED else None
    return render(request, "lifecycle/request.html", {
        "req": req, "decision_form": f.DecisionForm() if may_decide else None,
        "execute_form": (execute[0]() if execute[0] else forms.Form()) if execute else None,
        "execute_label": execute[2] if execute else "", "payload": describe_payload(req.payload)})


@login_required
@require_POST
def request_decision(request: HttpRequest, pk: int) -> HttpResponse:
    req = request_get_for_user(request.user, pk)
    form = f.DecisionForm(request.POST)
    if form.is_valid() and call_service(form, lambda: request_decide(
            actor=request.user, request=req, approve=form.cleaned_data["approve"],
            reasons=form.cleaned_data["reasons"])):
        messages.success(request, "Đã ghi quyết định.")
    else:
        messages.error(request, errors_text(form))
    return redirect("lifecycle:request", pk=req.pk)


@login_required
@require_POST
def request_execute(request: HttpRequest, pk: int) -> HttpResponse:
    req = request_get_for_user(request.user, pk)
    if req.operation not in EXECUTE:
        raise Http404("Không có thao tác này.")
    form_class, service, _label = EXECUTE[req.operation]
    form = form_class(request.POST) if form_class else forms.Form(request.POST)
    if form.is_valid() and call_service(form, lambda: service(actor=request.user, request=req, **form.cleaned_data)):
        messages.success(request, "Đã thực hiện và vào sổ.")
        return redirect("registry:carrier", pk=req.subject_id)
    messages.error(request, errors_text(form))
    return redirect("lifecycle:request", pk=req.pk)


@login_required
@require_POST
def takeout_back(request: HttpRequest, pk: int) -> HttpResponse:
    takeout = Takeout.objects.filter(pk=pk).first()
    if takeout is None:
        raise Http404("Không tìm thấy.")
    carrier = registry.carrier_get_for_user(request.user, takeout.carrier_id)
    form = f.ReturnForm(request.POST)
    if form.is_valid() and call_service(form, lambda: takeout_return(
            actor=request.user, takeout=takeout, closing_report=form.cleaned_data["closing_report"])):
        messages.success(request, "Đã nhận lại tài liệu về nơi lưu giữ.")
    else:
        messages.error(request, errors_text(form))
    return redirect("registry:carrier", pk=carrier.pk)


@login_required
def due(request: HttpRequest) -> HttpResponse:
    return render(request, "lifecycle/due.html", due_summary(request.user))


def _action_target(kind: str, subject: Any) -> Any:
    """Where to go after an action: the council, the recall, the meeting, or the record."""
    if kind == "council":
        return redirect("lifecycle:council", pk=subject.pk)
    if kind == "recall_item":
        return redirect("lifecycle:recall", pk=subject.recall_id)
    if kind in ("meeting", "meeting_document"):
        return redirect("lifecycle:meeting", pk=subject.meeting_id if kind == "meeting_document" else subject.pk)
    return redirect("registry:carrier", pk=subject.carrier_id if kind == "notice" else subject.pk)


@login_required
def action(request: HttpRequest, kind: str, pk: int, slug: str) -> HttpResponse:
    """One operation without a request (councils, destruction, recall, notices): its form, then its service."""
    act = ACTIONS.get(slug)
    if act is None or act.subject != kind:
        raise Http404("Không có thao tác này.")
    subject = subject_get_for_user(kind, request.user, pk)
    form = act.form(request.POST if request.method == "POST" else None, subject=subject, user=request.user)
    if request.method == "POST":
        if form.is_valid() and call_service(form, lambda: act.run(request.user, subject, form)):
            messages.success(request, act.done)
            return _action_target(kind, subject)
        if not form.fields:  # a one-button action: show the refusal where the button was
            messages.error(request, errors_text(form))
            return _action_target(kind, subject)
    return render(request, "web/form.html", {"form": form, "title": f"{act.title}: {subject}", "submit": act.title})


@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    return render(request, "lifecycle/councils.html", {"councils": councils_visible_to(request.user)[:200]})


@login_required
def council_new(request: HttpRequest) -> HttpResponse:
    initial = {"purpose": request.GET.get("purpose", CouncilPurpose.DESTROY), "setup_date": clock.today(),
               "carriers": request.GET.getlist("carriers")}
    form = f.CouncilSetUpForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        council = call_service(form, lambda: council_set_up(actor=request.user, **form.cleaned_data))
        if council:
            messages.success(request, "Đã vào sổ quyết định thành lập hội đồng.")
            return redirect("lifecycle:council", pk=council.pk)
    return render(request, "web/form.html", {"form": form, "title": "Thành lập hội đồng",
                                             "submit": "Vào sổ quyết định thành lập"})


@login_required
def council_page(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_get_for_user(request.user, pk)
    context = council_detail(council, request.user)
    if context["can_minute"]:
        context["minutes_form"] = f.MinutesForm(subject=council)
    if context["can_decide"]:
        context["decision_form"] = f.CouncilDecisionForm(subject=council)
    return render(request, "lifecycle/council.html", context)


@login_required
def recall_list(request: HttpRequest) -> HttpResponse:
    return render(request, "lifecycle/recalls.html", {"recalls": recalls_visible_to(request.user)[:200],
                                                      "today": clock.today()})


@login_required
def recall_page(request: HttpRequest, pk: int) -> HttpResponse:
    recall = recall_get_for_user(request.user, pk)
    items = recall.items.select_related("carrier", "holder", "confirmed_by").order_by("pk")
    return render(request, "lifecycle/recall.html", {"recall": recall, "items": items, "today": clock.today()})


@login_required
def pending_classification_new(request: HttpRequest) -> HttpResponse:
    """R5: register unmarked information a list item covers and hand it to whoever determines its level."""
    form = f.PendingClassificationForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        carrier = call_service(form, lambda: classification_pending(actor=request.user, **form.service_kwargs()))
        if carrier:
            messages.success(request, "Đã vào sổ, bảo vệ như BMNN và giao người xác định độ mật.")
            return redirect("registry:carrier", pk=carrier.pk)
    return render(request, "web/form.html", {"form": form, "title": "Tiếp nhận thông tin thuộc danh mục chưa "
                                             "xác định độ mật", "submit": "Vào sổ và giao xác định độ mật"})


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(request, "lifecycle/meetings.html", {"meetings": meetings_visible_to(request.user)[:200],
                                                       "today": clock.today()})


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    """R35: a meeting with secret content and the controls its level requires; the head approves it next."""
    form = f.MeetingPlanForm(request.POST or None, user=request.user,
                             initial={"starts_on": clock.today(), "ends_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        meeting = call_service(form, lambda: meeting_plan(actor=request.user, **form.cleaned_data))
        if meeting:
            messages.success(request, "Đã lập kế hoạch cuộc họp; chờ lãnh đạo cơ quan phê duyệt.")
            return redirect("lifecycle:meeting", pk=meeting.pk)
    return render(request, "web/form.html", {"form": form, "title": "Lập kế hoạch hội nghị, hội thảo, cuộc họp "
                                             "có nội dung BMNN", "submit": "Lập kế hoạch cuộc họp"})


@login_required
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get_for_user(request.user, pk)
    context = meeting_detail(meeting, request.user)
    if context["can_keep"]:
        context["issue_form"] = f.MeetingIssueForm(subject=meeting, user=request.user)
    return render(request, "lifecycle/meeting.html", context)
