"""Screens for incidents (R40), staff (P4, R38, R39) and devices (P3, R29, R31). Thin: form, one service, template."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bmnn.core.forms import call_service, errors_text
from bmnn.registry.policies import visible_carriers

from . import forms as f
from . import selectors as s
from .models import Commitment, Remedy
from .operations import DEVICE_OPS, INCIDENT_OPS, PERSON_OPS, make_form
from .policies import agency_scope, may_manage
from .services import incidents, scans, staff
from .services.devices import device_register

INCIDENT_LABELS = {"thong-bao": ("Thông báo cơ quan xác định độ mật", "Ghi thông báo"),
                   "bien-phap": ("Giao biện pháp khắc phục", "Giao biện pháp"),
                   "ket-thuc": ("Kết thúc xử lý sự cố", "Kết thúc")}
PERSON_LABELS = {"phan-cong": ("Phân công làm công tác BMNN (R38)", "Phân công"),
                 "thoi-phan-cong": ("Thôi phân công", "Thôi phân công"),
                 "thoi-viec": ("Mở thủ tục thôi làm công tác BMNN (R39)", "Mở thủ tục")}
DEVICE_LABELS = {"kiem-tra": ("Kiểm tra an ninh trước khi sử dụng", "Ghi kết quả kiểm tra"),
                 "bmnn": ("Sử dụng cho BMNN", "Cập nhật"),
                 "ket-noi": ("Thay đổi kết nối", "Cập nhật kết nối"),
                 "xoa-du-lieu": ("Xóa sạch, tiêu hủy dữ liệu trước khi tái sử dụng (R31)", "Ghi biên bản"),
                 "chuyen": ("Chuyển cho đơn vị khác", "Chuyển"),
                 "thanh-ly": ("Thanh lý thiết bị", "Thanh lý")}


def _ops(url: str, pk: int, table: dict[str, Any], labels: dict[str, tuple[str, str]],
         person: Any) -> list[tuple[str, str, str, str, Any]]:
    """(key, action URL, heading, button, empty form) for each operation of a page."""
    return [(key, reverse(url, args=[pk, key]), *labels[key], make_form(form_class, person))
            for key, (form_class, _service, _done) in table.items()]


def _run_op(request: HttpRequest, table: dict[str, Any], op: str, **subject: Any) -> None:
    """Validate the operation's form, call its service on ``subject`` and say what happened."""
    if op not in table:
        raise Http404("Không có thao tác này.")
    form_class, service, done = table[op]
    form = make_form(form_class, request.user, request.POST)
    if form.is_valid() and call_service(form, lambda: service(actor=request.user, **subject, **form.cleaned_data)):
        messages.success(request, done)
    else:
        messages.error(request, errors_text(form))


def _manages_own_agency(person: Any) -> bool:
    return person.organisation is not None and may_manage(person, person.organisation.registering_agency())


def _form_page(request: HttpRequest, form: Any, title: str, submit: str) -> HttpResponse:
    return render(request, "web/form.html", {"form": form, "title": title, "submit": submit})


# --- Incidents (R40) ---------------------------------------------------------------------------

@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    return render(request, "safeguards/incidents.html", {
        "incidents": s.incidents_visible_to(request.user)[:200],
        "reports": s.reports_awaiting(request.user)})


@login_required
def incident_new(request: HttpRequest) -> HttpResponse:
    form = make_form(f.IncidentForm, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = call_service(form, lambda: incidents.incident_record(
            actor=request.user, unit=data["unit"], kind=data["kind"], carriers=list(data["carriers"]),
            description=data["description"], found_at=data["found_at"], measures=data["measures"],
            found_by=data["found_by"]))
        if made:
            messages.success(request, "Đã ghi nhận sự cố; báo cáo đột xuất đã gửi người đứng đầu và cấp trên.")
            return redirect("safeguards:incident", pk=made.pk)
    return _form_page(request, form, "Ghi nhận vụ lộ, mất bí mật nhà nước", "Ghi nhận và lập báo cáo")


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = s.incident_get_for_user(request.user, pk)
    unit = incident.unit or incident.carrier.agency
    manager = may_manage(request.user, unit) and not incident.closed
    ops = _ops("safeguards:incident-act", incident.pk, INCIDENT_OPS, INCIDENT_LABELS, request.user)
    return render(request, "safeguards/incident.html", {
        "incident": incident, "carriers": incident.carriers.all() or [incident.carrier],
        "open_carriers": set(visible_carriers(request.user).filter(
            pk__in=[c.pk for c in incident.carriers.all()] + [incident.carrier_id]).values_list("pk", flat=True)),
        "remedies": incident.remedies.select_related("owner"), "manager": manager, "ops": ops,
        "report": getattr(incident, "adhoc_report", None), "done_form": f.RemedyDoneForm()})


@login_required
def incident_report(request: HttpRequest, pk: int) -> HttpResponse:
    incident = s.incident_get_for_user(request.user, pk)
    report = getattr(incident, "adhoc_report", None)
    if report is None:
        raise Http404("Sự cố này không có báo cáo đột xuất.")
    unit = incident.unit or incident.carrier.agency
    return render(request, "safeguards/report_print.html", {
        "incident": incident, "report": report, "unit": unit, "governing": unit.parent,
        "symbol": unit.registering_agency().symbol, "subject": s.incident_subject(incident)})


@login_required
@require_POST
def incident_act(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    incident = s.incident_get_for_user(request.user, pk)
    _run_op(request, INCIDENT_OPS, op, incident=incident)
    return redirect("safeguards:incident", pk=incident.pk)


@login_required
@require_POST
def remedy_done(request: HttpRequest, pk: int) -> HttpResponse:
    remedy = Remedy.objects.filter(pk=pk).first()
    if remedy is None:
        raise Http404("Không tìm thấy.")
    incident = s.incident_get_for_user(request.user, remedy.incident_id)
    form = f.RemedyDoneForm(request.POST)
    if form.is_valid() and call_service(form, lambda: incidents.remedy_done(
            actor=request.user, remedy=remedy, result=form.cleaned_data["result"])):
        messages.success(request, "Đã ghi kết quả khắc phục.")
    else:
        messages.error(request, errors_text(form))
    return redirect("safeguards:incident", pk=incident.pk)


# --- Staff (P4, R38, R39) ----------------------------------------------------------------------

@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    ids = agency_scope(request.user)
    people = s.staff_visible_to(request.user).filter(is_active=True)
    unsigned = set(s.people_without_commitment(ids).values_list("pk", flat=True))
    return render(request, "safeguards/staff.html", {
        "people": people, "unsigned": unsigned, "trainings": s.trainings_visible_to(request.user)[:50],
        "offboardings": s.open_offboardings(request.user), "may_record": _manages_own_agency(request.user)})


@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = s.staff_get_for_user(request.user, pk)
    case = person.offboardings.filter(status="OPEN").first()
    return render(request, "safeguards/person.html", {
        "person": person, "commitments": person.commitments.all(), "trainings": person.trainings.all(),
        "holdings": s.holdings(person), "case": case,
        "blockers": s.offboarding_blockers(person) if case else [],
        "manager": person.organisation is not None and may_manage(request.user, person.organisation),
        "ops": _ops("safeguards:person-act", person.pk, PERSON_OPS, PERSON_LABELS, request.user),
        "commitment_form": f.CommitmentForm()})


@login_required
@require_POST
def staff_act(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    person = s.staff_get_for_user(request.user, pk)
    _run_op(request, PERSON_OPS, op, person=person)
    return redirect("safeguards:person", pk=person.pk)


@login_required
@require_POST
def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = s.staff_get_for_user(request.user, pk)
    form = f.CommitmentForm(request.POST, request.FILES)
    if form.is_valid() and call_service(form, lambda: staff.commitment_record(actor=request.user, person=person,
                                                                              **form.cleaned_data)):
        messages.success(request, "Đã lưu bản cam kết.")
    else:
        messages.error(request, errors_text(form))
    return redirect("safeguards:person", pk=person.pk)


@login_required
def commitment_file(request: HttpRequest, pk: int) -> FileResponse:
    commitment = Commitment.objects.filter(pk=pk).first()
    if commitment is None:
        raise Http404("Không tìm thấy.")
    s.staff_get_for_user(request.user, commitment.person_id)
    return FileResponse(commitment.scan.open("rb"), as_attachment=True,
                        filename=commitment.scan.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def offboarding_complete(request: HttpRequest, pk: int) -> HttpResponse:
    person = s.staff_get_for_user(request.user, pk)
    case = person.offboardings.filter(status="OPEN").first()
    if case is None:
        raise Http404("Không có thủ tục đang mở.")
    form = djforms.Form(request.POST)
    if call_service(form, lambda: staff.offboarding_complete(actor=request.user, case=case)):
        messages.success(request, "Đã hoàn thành thủ tục; tài khoản của cán bộ đã bị khóa.")
    else:
        messages.error(request, errors_text(form))
    return redirect("safeguards:person", pk=person.pk)


@login_required
def training_new(request: HttpRequest) -> HttpResponse:
    form = make_form(f.TrainingForm, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = call_service(form, lambda: staff.training_record(
            actor=request.user, unit=data["unit"], title=data["title"], held_on=data["held_on"],
            attendees=list(data["attendees"]), trainer=data["trainer"], place=data["place"]))
        if made:
            messages.success(request, f"Đã ghi nhận buổi tập huấn với {made.attendees.count()} người tham dự.")
            return redirect("safeguards:staff")
    return _form_page(request, form, "Ghi nhận buổi tập huấn về bảo vệ BMNN", "Ghi nhận")


# --- Devices (P3, R29, R31) --------------------------------------------------------------------

@login_required
def device_list(request: HttpRequest) -> HttpResponse:
    ids = agency_scope(request.user)
    return render(request, "safeguards/devices.html", {
        "devices": s.devices_visible_to(request.user).prefetch_related("inspections"),
        "not_inspected": set(s.devices_not_inspected(ids).values_list("pk", flat=True)),
        "findings": s.open_device_findings(ids)[:100], "may_record": _manages_own_agency(request.user)})


@login_required
def device_new(request: HttpRequest) -> HttpResponse:
    form = make_form(f.DeviceForm, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = call_service(form, lambda: device_register(actor=request.user, **form.cleaned_data))
        if made:
            messages.success(request, "Đã đăng ký thiết bị; cần kiểm tra an ninh trước khi sử dụng.")
            return redirect("safeguards:device", pk=made.pk)
    return _form_page(request, form, "Đăng ký thiết bị vào sổ theo dõi", "Đăng ký")


@login_required
def device_detail(request: HttpRequest, pk: int) -> HttpResponse:
    device = s.device_get_for_user(request.user, pk)
    return render(request, "safeguards/device.html", {
        "device": device, "manager": may_manage(request.user, device.unit) and device.status == "IN_USE",
        "inspections": device.inspections.all(), "sanitisations": device.sanitisations.all(),
        "scans": device.scans.all(), "findings": device.findings.select_related("resolved_by"),
        "ops": _ops("safeguards:device-act", device.pk, DEVICE_OPS, DEVICE_LABELS, request.user),
        "scan_form": f.ScanImportForm(), "resolve_form": f.FindingResolveForm()})


@login_required
@require_POST
def device_act(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    device = s.device_get_for_user(request.user, pk)
    _run_op(request, DEVICE_OPS, op, device=device)
    return redirect("safeguards:device", pk=device.pk)


@login_required
@require_POST
def scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    device = s.device_get_for_user(request.user, pk)
    form = f.ScanImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        made = call_service(form, lambda: scans.scan_import(actor=request.user, device=device,
                                                            filename=upload.name, data=upload.read()))
        if made:
            messages.success(request, f"Đã nhập {made.lines} dòng: {made.secret_count} tệp có dấu mật, "
                                      f"{made.clean_count} tệp không có, {made.error_count} tệp không đọc được.")
            return redirect("safeguards:device", pk=device.pk)
    messages.error(request, errors_text(form))
    return redirect("safeguards:device", pk=device.pk)


@login_required
@require_POST
def finding_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    finding = s.finding_get_for_user(request.user, pk)
    form = f.FindingResolveForm(request.POST)
    if form.is_valid() and call_service(form, lambda: scans.finding_resolve(
            actor=request.user, finding=finding, remedy=form.cleaned_data["remedy"])):
        messages.success(request, "Đã ghi biện pháp xử lý.")
    else:
        messages.error(request, errors_text(form))
    return redirect("safeguards:device", pk=finding.device_id)
