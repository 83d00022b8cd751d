"""The safeguards operations: incidents (R40), staff (P4, R38, R39) and devices (P3, R29, R31).

Each is declared once; its screen, REST endpoint, command (`bmnn safeguards --as USER <slug> ...`) and
offer on the incident, person or device page come from here (bmnn.core.operations). The web and API
paths are those the screens and endpoints had before the declarations.
"""

from __future__ import annotations

from typing import Any

from bmnn.core.operations import Operation, Subject

from . import api
from . import forms as f
from . import selectors as s
from .models import ScanImport, Sweep, TrainingSession
from .serializers import (
    CommitmentSerializer,
    DeviceSerializer,
    FindingSerializer,
    IncidentSerializer,
    PersonSerializer,
    RemedySerializer,
    ScanSerializer,
    SweepSerializer,
    TrainingSerializer,
)
from .services import devices, incidents, scans, staff, sweeps

INCIDENT = Subject(
    "incident",
    s.incident_get_for_user,
    page="safeguards:incident",
    api="incidents",
    web="su-co",
    present=lambda i: IncidentSerializer(i).data,
)
REMEDY = Subject(
    "remedy",
    s.remedy_get_for_user,
    page="safeguards:incident",
    api="remedies",
    web="bien-phap-khac-phuc",
    present=lambda r: RemedySerializer(r).data,
    page_pk=lambda r: r.incident_id,
)
STAFF = Subject(
    "staff",
    s.staff_get_for_user,
    page="safeguards:person",
    api="staff",
    web="cong-tac-can-bo",
    present=lambda p: PersonSerializer(p).data,
)
COMMITMENT = Subject(
    "commitment",
    s.commitment_get_for_user,
    page="safeguards:person",
    api="commitments",
    web="cam-ket",
    present=lambda c: CommitmentSerializer(c).data,
    page_pk=lambda c: c.person_id,
)
TRAINING = Subject(
    "training",
    s.training_get_for_user,
    page="safeguards:training",
    api="trainings",
    web="tap-huan",
    present=lambda t: TrainingSerializer(t).data,
)
DEVICE = Subject(
    "device",
    s.device_get_for_user,
    page="safeguards:device",
    api="devices",
    web="thiet-bi",
    present=lambda d: DeviceSerializer(d).data,
)
SCAN = Subject(
    "scan",
    s.scan_get_for_user,
    page="safeguards:device",
    api="scans",
    web="ket-qua-quet",
    present=lambda x: ScanSerializer(x).data,
    page_pk=lambda x: x.device_id,
)
FINDING = Subject(
    "device-finding",
    s.finding_get_for_user,
    page="safeguards:device",
    api="findings",
    web="phat-hien",
    present=lambda x: FindingSerializer(x).data,
    page_pk=lambda x: x.device_id,
)

SWEEP = Subject(
    "sweep",
    s.sweep_get_for_user,
    page="safeguards:sweep",
    api="sweeps",
    web="dot-quet",
    present=lambda x: SweepSerializer(x).data,
)


def _with_lists(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """The cleaned data with its multiple choices as lists, as the services take them."""
    return {**data, **{name: list(data[name]) for name in names}}


def _scan_import(actor: Any, device: Any, data: dict[str, Any]) -> ScanImport:
    upload = data["file"]
    return scans.scan_import(actor=actor, device=device, filename=upload.name, data=upload.read())


def _scan_done(scan: ScanImport) -> str:
    return (
        f"Đã nhập {scan.lines} dòng: {scan.secret_count} tệp có dấu mật, {scan.clean_count} tệp không có, "
        f"{scan.error_count} tệp không đọc được."
    )


def _sweep_import(actor: Any, _subject: Any, data: dict[str, Any]) -> Sweep:
    sweep = sweeps.sweep_import(actor=actor, files=[(f.name, f.read()) for f in data["files"]])
    sweep.shown_units = s.sweep_units(actor, sweep)  # S2: what the API answers, as this person may see it
    return sweep


def _sweep_done(sweep: Sweep) -> str:
    totals = [sum(unit[key] for unit in sweep.summary) for key in ("secret", "error")]
    return (
        f"Đã nhập kết quả quét của {sweep.files} máy tính thuộc {len(sweep.summary)} đơn vị: {totals[0]} tệp "
        f"có dấu mật, {totals[1]} tệp không đọc được."
    )


def _training_done(session: TrainingSession) -> str:
    return f"Đã ghi nhận buổi tập huấn với {session.attendees.count()} người tham dự."


INCIDENT_OPERATIONS = [
    Operation(
        "incident-record",
        "Ghi nhận vụ lộ, mất bí mật nhà nước",
        form=f.IncidentForm,
        returns=INCIDENT,
        check=incidents.incident_record_check,
        submit="Ghi nhận và lập báo cáo",
        done="Đã ghi nhận sự cố; báo cáo đột xuất đã gửi người đứng đầu và cấp trên.",
        web="su-co/moi",
        api="incidents",
        api_list=api.incident_list,
        run=lambda actor, _s, data: incidents.incident_record(actor=actor, **_with_lists(data, "carriers")),
    ),
    Operation(
        "incident-notify-agency",
        "Thông báo cơ quan xác định độ mật",
        form=f.NoticeForm,
        subject=INCIDENT,
        check=incidents.incident_notify_check,
        submit="Ghi thông báo",
        done="Đã ghi thông báo cơ quan xác định độ mật.",
        web="thong-bao",
        api="thong-bao",
        run=lambda actor, incident, data: incidents.incident_notify_agency(actor=actor, incident=incident, **data),
    ),
    Operation(
        "incident-remedy-add",
        "Giao biện pháp khắc phục",
        form=f.RemedyForm,
        subject=INCIDENT,
        check=incidents.remedy_add_check,
        submit="Giao biện pháp",
        done="Đã giao biện pháp khắc phục.",
        web="bien-phap",
        api="bien-phap",
        run=lambda actor, incident, data: incidents.remedy_add(actor=actor, incident=incident, **data),
    ),
    Operation(
        "incident-remedy-done",
        "Báo hoàn thành biện pháp khắc phục",
        form=f.RemedyDoneForm,
        subject=REMEDY,
        check=incidents.remedy_done_check,
        submit="Báo hoàn thành",
        done="Đã ghi kết quả khắc phục.",
        web="xong",
        api="done",
        run=lambda actor, remedy, data: incidents.remedy_done(actor=actor, remedy=remedy, **data),
    ),
    Operation(
        "incident-close",
        "Kết thúc xử lý sự cố",
        form=f.CloseForm,
        subject=INCIDENT,
        check=incidents.incident_close_check,
        submit="Kết thúc",
        done="Đã kết thúc xử lý sự cố.",
        web="ket-thuc",
        api="ket-thuc",
        run=lambda actor, incident, data: incidents.incident_close(actor=actor, incident=incident, **data),
    ),
]

STAFF_OPERATIONS = [
    Operation(
        "staff-designate",
        "Phân công làm công tác BMNN",
        form=f.DesignateForm,
        subject=STAFF,
        check=staff.person_designate_check,
        submit="Phân công",
        done="Đã phân công làm công tác BMNN.",
        web="phan-cong",
        api="phan-cong",
        run=lambda actor, person, data: staff.person_designate(actor=actor, person=person, **data),
    ),
    Operation(
        "staff-undesignate",
        "Thôi phân công làm công tác BMNN",
        form=f.ReasonForm,
        subject=STAFF,
        check=staff.person_undesignate_check,
        submit="Thôi phân công",
        done="Đã thôi phân công làm công tác BMNN.",
        web="thoi-phan-cong",
        api="thoi-phan-cong",
        run=lambda actor, person, data: staff.person_undesignate(actor=actor, person=person, **data),
    ),
    Operation(
        "commitment-add",
        "Lưu bản cam kết đã ký",
        form=f.CommitmentForm,
        subject=STAFF,
        returns=COMMITMENT,
        check=staff.commitment_record_check,
        submit="Lưu cam kết",
        done="Đã lưu bản cam kết.",
        web="cam-ket",
        api="commitments",
        run=lambda actor, person, data: staff.commitment_record(actor=actor, person=person, **data),
    ),
    Operation(
        "training-record",
        "Ghi nhận buổi tập huấn về bảo vệ BMNN",
        form=f.TrainingForm,
        returns=TRAINING,
        check=staff.training_record_check,
        submit="Ghi nhận",
        done=_training_done,
        web="tap-huan/moi",
        api="trainings",
        run=lambda actor, _s, data: staff.training_record(actor=actor, **_with_lists(data, "attendees")),
    ),
    Operation(
        "offboarding-start",
        "Mở thủ tục thôi làm công tác BMNN",
        form=f.ReasonForm,
        subject=STAFF,
        check=staff.offboarding_start_check,
        submit="Mở thủ tục",
        done="Đã mở thủ tục thôi làm công tác BMNN.",
        web="thoi-viec",
        api="thoi-viec",
        run=lambda actor, person, data: staff.offboarding_start(actor=actor, person=person, **data),
    ),
    Operation(
        "offboarding-complete",
        "Hoàn thành thủ tục thôi làm công tác BMNN",
        subject=STAFF,
        check=staff.offboarding_complete_check,
        submit="Hoàn thành thủ tục và khóa tài khoản",
        done="Đã hoàn thành thủ tục; tài khoản của cán bộ đã bị khóa.",
        web="hoan-thanh-thoi-viec",
        api="offboarding/complete",
        run=lambda actor, person, _data: staff.person_offboarding_complete(actor=actor, person=person),
    ),
]

DEVICE_OPERATIONS = [
    Operation(
        "device-register",
        "Đăng ký thiết bị vào sổ theo dõi",
        form=f.DeviceForm,
        returns=DEVICE,
        check=devices.device_register_check,
        submit="Đăng ký",
        done="Đã đăng ký thiết bị; cần kiểm tra an ninh trước khi sử dụng.",
        web="thiet-bi/moi",
        api="devices",
        api_list=api.device_list,
        run=lambda actor, _s, data: devices.device_register(actor=actor, **data),
    ),
    Operation(
        "device-inspect",
        "Kiểm tra an ninh trước khi sử dụng",
        form=f.InspectionForm,
        subject=DEVICE,
        check=devices.device_inspect_check,
        submit="Ghi kết quả kiểm tra",
        done="Đã ghi kết quả kiểm tra an ninh.",
        web="kiem-tra",
        api="kiem-tra",
        run=lambda actor, device, data: devices.device_inspect(actor=actor, device=device, **data),
    ),
    Operation(
        "device-secret-use",
        "Sử dụng cho BMNN",
        form=f.SecretUseForm,
        subject=DEVICE,
        check=devices.device_secret_use_check,
        submit="Cập nhật",
        done="Đã cập nhật việc dùng thiết bị cho BMNN.",
        web="bmnn",
        api="bmnn",
        run=lambda actor, device, data: devices.device_set_secret_use(actor=actor, device=device, **data),
    ),
    Operation(
        "device-connection",
        "Thay đổi kết nối",
        form=f.ConnectionForm,
        subject=DEVICE,
        check=devices.device_connection_check,
        submit="Cập nhật kết nối",
        done="Đã cập nhật kết nối.",
        web="ket-noi",
        api="ket-noi",
        run=lambda actor, device, data: devices.device_change_connection(actor=actor, device=device, **data),
    ),
    Operation(
        "device-sanitise",
        "Xóa sạch, tiêu hủy dữ liệu trước khi tái sử dụng",
        form=f.SanitiseForm,
        subject=DEVICE,
        check=devices.device_sanitise_check,
        submit="Ghi biên bản",
        done="Đã ghi biên bản xóa, tiêu hủy dữ liệu.",
        web="xoa-du-lieu",
        api="xoa-du-lieu",
        run=lambda actor, device, data: devices.device_sanitise(actor=actor, device=device, **data),
    ),
    Operation(
        "device-reassign",
        "Chuyển cho đơn vị khác",
        form=f.ReassignForm,
        subject=DEVICE,
        check=devices.device_reassign_check,
        submit="Chuyển",
        done="Đã chuyển thiết bị.",
        web="chuyen",
        api="chuyen",
        run=lambda actor, device, data: devices.device_reassign(actor=actor, device=device, **data),
    ),
    Operation(
        "device-dispose",
        "Thanh lý thiết bị",
        form=f.DisposeForm,
        subject=DEVICE,
        check=devices.device_dispose_check,
        submit="Thanh lý",
        done="Đã thanh lý thiết bị.",
        web="thanh-ly",
        api="thanh-ly",
        run=lambda actor, device, data: devices.device_dispose(actor=actor, device=device, **data),
    ),
    Operation(
        "device-scan-import",
        "Nhập kết quả quét (bmnn-scan --format jsonl)",
        form=f.ScanImportForm,
        subject=DEVICE,
        returns=SCAN,
        check=scans.scan_import_check,
        submit="Nhập kết quả",
        done=_scan_done,
        web="nhap-ket-qua-quet",
        api="scans",
        run=_scan_import,
    ),
    Operation(
        "device-sweep-import",
        "Nhập kết quả đợt quét nhiều máy tính",
        form=f.SweepImportForm,
        returns=SWEEP,
        check=sweeps.sweep_import_check,
        submit="Nhập kết quả đợt quét",
        done=_sweep_done,
        web="thiet-bi/nhap-dot-quet",
        api="sweeps",
        run=_sweep_import,
    ),
    Operation(
        "finding-resolve",
        "Xử lý tệp có dấu mật phát hiện khi quét",
        form=f.FindingResolveForm,
        subject=FINDING,
        check=scans.finding_resolve_check,
        submit="Đã xử lý",
        done="Đã ghi biện pháp xử lý.",
        web="xu-ly",
        api="resolve",
        run=lambda actor, finding, data: scans.finding_resolve(actor=actor, finding=finding, **data),
    ),
]

OPERATIONS = [*INCIDENT_OPERATIONS, *STAFF_OPERATIONS, *DEVICE_OPERATIONS]
