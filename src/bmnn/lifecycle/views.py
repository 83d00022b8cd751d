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
from bmnn.core.errors import NotFound
from bmnn.core.forms import call_service, errors_text
from bmnn.core.levels import Level
from bmnn.registry import selectors as registry
from bmnn.registry.choices import CopyForm

from . import forms as f
from .models import Takeout
from .operations import EXECUTE, NEW_REQUESTS
from .selectors import due_summary, request_get_for_user
from .services.takeout import takeout_return

PAYLOAD_LABELS = {
    "form": "Hình thức", "count": "Số bản đề nghị", "recipients": "Nơi nhận", "name": "Họ và tên",
    "position": "Chức vụ", "unit": "Đơn vị", "item_type": "Loại tài liệu, vật", "abstract": "Trích yếu",
    "level": "Độ mật", "purpose": "Mục đích", "place": "Địa điểm", "start": "Từ ngày", "due": "Hạn trả",
    "measures": "Biện pháp bảo vệ", "abroad": "Mang ra nước ngoài", "old_until": "Thời hạn bảo vệ hiện tại",
    "new_until": "Gia hạn đến ngày",
}
VALUE_LABELS = {**dict(CopyForm.choices), **dict(Level.choices), True: "Có", False: "Không"}


def describe_payload(payload: dict[str, Any]) -> list[tuple[str, Any]]:
    """The request's own fields with Vietnamese labels, for the request page."""
    rows = []
    for key, value in payload.items():
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            value = f"{value[8:]}/{value[5:7]}/{value[:4]}"
        rows.append((PAYLOAD_LABELS.get(key, key), VALUE_LABELS.get(value, value) if not isinstance(
            value, int) or isinstance(value, bool) else value))
    return rows


def _carrier(request: HttpRequest, pk: int) -> Any:
    try:
        return registry.carrier_get_for_user(request.user, pk)
    except NotFound:
        raise Http404("Không tìm thấy hồ sơ.") from None


def _request(request: HttpRequest, pk: int) -> Any:
    try:
        return request_get_for_user(request.user, pk)
    except NotFound:
        raise Http404("Không tìm thấy đề nghị.") from None


@login_required
def request_new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in NEW_REQUESTS:
        raise Http404("Không có thao tác này.")
    carrier = _carrier(request, pk)
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
    req = _request(request, pk)
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
    req = _request(request, pk)
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
    req = _request(request, pk)
    if req.operation not in EXECUTE:
        raise Http404("Không có thao tác này.")
    form_class, service, _label = EXECUTE[req.operation]
    form = form_class(request.POST) if form_class else forms.Form(request.POST)
    if form.is_valid() and call_service(form, lambda: service(actor=request.user, request=req, **form.cleaned_data)):
        messages.success(request, "Đã thực hiện và vào sổ.")
        return redirect("web:carrier", pk=req.subject_id)
    messages.error(request, errors_text(form))
    return redirect("lifecycle:request", pk=req.pk)


@login_required
@require_POST
def takeout_back(request: HttpRequest, pk: int) -> HttpResponse:
    takeout = Takeout.objects.filter(pk=pk).first()
    if takeout is None:
        raise Http404("Không tìm thấy.")
    carrier = _carrier(request, takeout.carrier_id)
    form = f.ReturnForm(request.POST)
    if form.is_valid() and call_service(form, lambda: takeout_return(
            actor=request.user, takeout=takeout, closing_report=form.cleaned_data["closing_report"])):
        messages.success(request, "Đã nhận lại tài liệu về nơi lưu giữ.")
    else:
        messages.error(request, errors_text(form))
    return redirect("web:carrier", pk=carrier.pk)


@login_required
def due(request: HttpRequest) -> HttpResponse:
    return render(request, "lifecycle/due.html", due_summary(request.user))
