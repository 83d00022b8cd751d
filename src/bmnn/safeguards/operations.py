"""The operations on one incident, person or device: form, service, success message.

One table read by the web views, the API and the `bmnn safeguards` command, so the three accept
the same input and call the same service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from bmnn.org.models import Organisation, Person
from bmnn.registry.selectors import carriers_visible_to

from . import forms as f
from .services import devices, incidents, staff

Op = tuple[type[forms.Form], Callable[..., Any], str]

INCIDENT_OPS: dict[str, Op] = {
    "thong-bao": (f.NoticeForm, incidents.incident_notify_agency, "Đã ghi thông báo cơ quan xác định độ mật."),
    "bien-phap": (f.RemedyForm, incidents.remedy_add, "Đã giao biện pháp khắc phục."),
    "ket-thuc": (f.CloseForm, incidents.incident_close, "Đã kết thúc xử lý sự cố."),
}

PERSON_OPS: dict[str, Op] = {
    "phan-cong": (f.DesignateForm, staff.person_designate, "Đã phân công làm công tác BMNN."),
    "thoi-phan-cong": (f.ReasonForm, staff.person_undesignate, "Đã thôi phân công làm công tác BMNN."),
    "thoi-viec": (f.ReasonForm, staff.offboarding_start, "Đã mở thủ tục thôi làm công tác BMNN."),
}

DEVICE_OPS: dict[str, Op] = {
    "kiem-tra": (f.InspectionForm, devices.device_inspect, "Đã ghi kết quả kiểm tra an ninh."),
    "bmnn": (f.SecretUseForm, devices.device_set_secret_use, "Đã cập nhật việc dùng thiết bị cho BMNN."),
    "ket-noi": (f.ConnectionForm, devices.device_change_connection, "Đã cập nhật kết nối."),
    "xoa-du-lieu": (f.SanitiseForm, devices.device_sanitise, "Đã ghi biên bản xóa, tiêu hủy dữ liệu."),
    "chuyen": (f.ReassignForm, devices.device_reassign, "Đã chuyển thiết bị."),
    "thanh-ly": (f.DisposeForm, devices.device_dispose, "Đã thanh lý thiết bị."),
}


def scope_kwargs(person: Person) -> dict[str, Any]:
    """Choices a person's forms may offer: units, active people and records of their agency.

    Anyone may report an incident in their agency (R40), so the choices follow the agency, not the
    manager's scope; the services still decide who may do what.
    """
    agency = person.agency() if getattr(person, "is_authenticated", False) else None
    ids = agency.subtree_ids() if agency is not None else []
    return {
        "units": Organisation.objects.filter(pk__in=ids).order_by("name"),
        "people": Person.objects.filter(organisation_id__in=ids, is_active=True).order_by("last_name", "first_name"),
        "carriers": carriers_visible_to(person).filter(agency_id__in=ids),
    }


def make_form(form_class: type[forms.Form], person: Person, data: Any = None, files: Any = None) -> forms.Form:
    if issubclass(form_class, f.ScopedForm):
        return form_class(data, files, **scope_kwargs(person))
    return form_class(data, files)
