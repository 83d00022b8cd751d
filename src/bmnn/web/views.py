"""Thin views: a form, one selector or service call, a template."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bmnn.audit.vocabulary import label
from bmnn.core.errors import DomainError
from bmnn.core.forms import call_service, errors_text
from bmnn.core.levels import Level
from bmnn.lifecycle.forms import ReturnForm
from bmnn.lifecycle.selectors import carrier_lifecycle, copy_origin_events
from bmnn.org.selectors import organisations_visible_to, people_visible_to
from bmnn.registry import selectors, services
from bmnn.registry.choices import Status
from bmnn.registry.policies import is_register_keeper

from . import forms as f


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    counts = selectors.carrier_counts(request.user)
    levels = dict(Level.choices)
    statuses = dict(Status.choices)
    context = {
        "by_level": [{"level": r["level"], "label": levels[r["level"]], "n": r["n"]} for r in counts["level"]],
        "by_status": [{"label": statuses[r["status"]], "status": r["status"], "n": r["n"]} for r in counts["status"]],
        "by_unit": counts["unit"],
        "total": sum(r["n"] for r in counts["level"]),
        "awaiting": selectors.handovers_awaiting(request.user)[:10],
        "recent": selectors.carriers_visible_to(request.user)[:8],
    }
    return render(request, "web/dashboard.html", context)


@login_required
def carrier_list(request: HttpRequest) -> HttpResponse:
    form = f.SearchForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = filters.get("unit")
    qs = selectors.carrier_search(
        request.user, q=filters.get("q") or "", level=filters.get("level") or "",
        status=filters.get("status") or "", direction=filters.get("direction") or "",
        unit=unit.pk if unit else None, year=filters.get("year"))
    page = selectors.carrier_page(qs, request.GET)
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    return render(request, "web/carrier_list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def carrier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    events = [*copy_origin_events(carrier), *selectors.carrier_history(carrier)]
    history = [(e, label(e.action)) for e in events]
    may_hand_over = carrier.status == Status.IN_STORAGE and (
        carrier.custodian_id == request.user.pk or is_register_keeper(request.user, carrier.agency))
    context = {
        "carrier": carrier, "history": history, "handovers": carrier.handovers.select_related(
            "from_person", "to_person", "to_unit", "confirmed_by"),
        "incidents": carrier.incidents.all(),
        "handover_form": f.HandoverForm(user=request.user) if may_hand_over else None,
        "signoff_form": f.SignOffForm() if carrier.status == Status.HELD else None,
        "lifecycle": carrier_lifecycle(carrier),
        "return_form": ReturnForm(),
        "is_original": carrier.original_id is None,
    }
    return render(request, "web/carrier_detail.html", context)


@login_required
def outgoing_new(request: HttpRequest) -> HttpResponse:
    form = f.OutgoingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        carrier = call_service(form, lambda: services.outgoing_register(actor=request.user, **form.service_kwargs()))
        if carrier:
            messages.success(request, f"Đã vào sổ BMNN đi số {carrier.doc_number}.")
            return redirect("web:carrier", pk=carrier.pk)
    return render(request, "web/form.html", {"form": form, "title": "Xác định độ mật và đăng ký BMNN đi",
                                             "submit": "Vào sổ BMNN đi"})


@login_required
def incoming_new(request: HttpRequest) -> HttpResponse:
    form = f.IncomingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        carrier = call_service(form, lambda: services.incoming_receive(actor=request.user, **form.cleaned_data))
        if carrier:
            if carrier.status == Status.HELD:
                messages.warning(request, "Sai lệch số lượng hoặc bao bì: chưa vào sổ, đã lập sự cố và báo cáo "
                                          "người đứng đầu (R25).")
            else:
                messages.success(request, f"Đã vào sổ BMNN đến số {carrier.reg_number}/{carrier.reg_year}.")
            return redirect("web:carrier", pk=carrier.pk)
    return render(request, "web/form.html", {"form": form, "title": "Tiếp nhận và đăng ký BMNN đến",
                                             "submit": "Tiếp nhận"})


@login_required
@require_POST
def incoming_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    form = f.SignOffForm(request.POST)
    if form.is_valid() and call_service(form, lambda: services.incoming_sign_off(
            actor=request.user, carrier=carrier, **form.cleaned_data)):
        messages.success(request, "Đã ký nhận và vào sổ BMNN đến.")
    else:
        messages.error(request, errors_text(form))
    return redirect("web:carrier", pk=carrier.pk)


@login_required
@require_POST
def handover_new(request: HttpRequest, pk: int) -> HttpResponse:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    form = f.HandoverForm(request.POST, user=request.user)
    if form.is_valid() and call_service(form, lambda: services.handover_create(
            actor=request.user, carrier=carrier, **form.cleaned_data)):
        messages.success(request, "Đã giao; BMNN ở trạng thái chờ ký nhận (R23).")
    else:
        messages.error(request, errors_text(form))
    return redirect("web:carrier", pk=carrier.pk)


@login_required
def awaiting(request: HttpRequest) -> HttpResponse:
    return render(request, "web/awaiting.html", {"handovers": selectors.handovers_awaiting(request.user)})


@login_required
@require_POST
def handover_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.handovers_awaiting(request.user).filter(pk=pk).first()
    if handover is None:
        raise Http404("Không tìm thấy hồ sơ.")
    try:
        services.handover_confirm(actor=request.user, handover=handover)
        messages.success(request, f"Đã ký nhận {handover.carrier}.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("web:awaiting")


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    orgs = list(organisations_visible_to(request.user))
    return render(request, "web/organisations.html", {"tree": _tree(orgs)})


def _tree(orgs: list[Any]) -> list[tuple[int, Any]]:
    """Return (depth, organisation) in tree order for an indented list."""
    ids = {o.pk for o in orgs}
    children: dict[Any, list[Any]] = {}
    for org in orgs:
        children.setdefault(org.parent_id if org.parent_id in ids else None, []).append(org)
    out: list[tuple[int, Any]] = []

    def walk(parent: Any, depth: int) -> None:
        for org in sorted(children.get(parent, []), key=lambda o: o.name):
            out.append((depth, org))
            walk(org.pk, depth + 1)

    walk(None, 0)
    return out


@login_required
def people(request: HttpRequest) -> HttpResponse:
    return render(request, "web/people.html", {"people": people_visible_to(request.user)
                                                .order_by("organisation__name", "position", "last_name")})
