"""Forms of the safeguards operations (screens, API and commands alike): shape only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.forms import MultipleFileField
from bmnn.core.limits import TEXT_MAX
from bmnn.core.lookup import LookupChoice, LookupMultipleChoice, UnitLookupChoice
from bmnn.core.operations import OperationForm
from bmnn.core.widgets import DateInput
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import IncidentKind
from bmnn.registry.models import Carrier
from bmnn.registry.selectors import carriers_visible_to

from .choices import (
    CommitmentKind,
    Connection,
    DeviceKind,
    DeviceOrigin,
    InspectionResult,
    SanitisationMethod,
)

DATE = DateInput()
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
R40_CHOICES = [
    (k.value, k.label) for k in (IncidentKind.DISCLOSURE, IncidentKind.LOSS, IncidentKind.DISCLOSURE_AND_LOSS)
]


def _text(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class AgencyForm(OperationForm):
    """Unit, people and record choices limited to the actor's agency: its units, its active people and
    the records of it the actor may see.

    Anyone may report an incident in their agency (R40), so the choices follow the agency, not the
    manager's scope; the services still decide who may do what.
    """

    unit_fields = ("unit",)
    people_fields = ("owner", "attendees", "found_by")

    def agency_ids(self) -> list[int]:
        actor = self.actor
        agency = actor.agency() if actor is not None and getattr(actor, "is_authenticated", False) else None
        return agency.subtree_ids() if agency is not None else []

    def setup(self) -> None:
        ids = self.agency_ids()
        for name in self.unit_fields:
            if name in self.fields:
                cast("forms.ModelChoiceField[Any]", self.fields[name]).queryset = Organisation.objects.filter(
                    pk__in=ids
                ).order_by("name")
        for name in self.people_fields:
            if name in self.fields:
                cast("forms.ModelChoiceField[Any]", self.fields[name]).queryset = Person.objects.filter(
                    organisation_id__in=ids, is_active=True
                ).order_by("last_name", "first_name")
        if "carriers" in self.fields:
            cast("forms.ModelChoiceField[Any]", self.fields["carriers"]).queryset = (
                carriers_visible_to(self.actor).filter(agency_id__in=ids) if ids else Carrier.objects.none()
            )


class IncidentForm(AgencyForm):
    unit = UnitLookupChoice(Organisation.objects.all(), label=_("Đơn vị xảy ra"))
    kind = forms.ChoiceField(choices=R40_CHOICES, label=_("Loại sự cố"))
    carriers = forms.ModelMultipleChoiceField(
        Carrier.objects.all(),
        label=_("BMNN bị lộ, mất"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Giữ Ctrl để chọn nhiều BMNN."),
    )
    found_by = LookupChoice(
        Person.objects.all(),
        label=_("Người phát hiện"),
        required=False,
        help_text=_("Để trống nếu chính bạn phát hiện."),
    )
    found_at = forms.DateTimeField(
        label=_("Thời điểm phát hiện"),
        widget=MOMENT,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    description = forms.CharField(max_length=TEXT_MAX, label=_("Diễn biến sự việc"), widget=_text(4))
    measures = forms.CharField(
        max_length=TEXT_MAX, label=_("Biện pháp đã áp dụng ngay"), widget=_text(2), required=False
    )


class NoticeForm(forms.Form):
    notice = forms.CharField(
        max_length=TEXT_MAX, label=_("Thông báo cơ quan xác định độ mật (số, ngày văn bản, nội dung)"), widget=_text(2)
    )


class RemedyForm(AgencyForm):
    action = forms.CharField(max_length=TEXT_MAX, label=_("Biện pháp khắc phục"), widget=_text(2))
    owner = LookupChoice(Person.objects.all(), label=_("Người thực hiện"))
    due_on = forms.DateField(label=_("Hạn hoàn thành"), widget=DATE)

    def agency_ids(self) -> list[int]:
        """The owner works in the agency of the incident (R40)."""
        incident = self.subject
        if incident is None:
            return super().agency_ids()
        return (incident.unit or incident.carrier.agency).registering_agency().subtree_ids()


class RemedyDoneForm(forms.Form):
    result = forms.CharField(max_length=TEXT_MAX, label=_("Kết quả"), widget=_text(2))


class CloseForm(forms.Form):
    note = forms.CharField(max_length=300, label=_("Kết quả khắc phục, kết luận"), widget=_text(2))


class DesignateForm(forms.Form):
    decision_ref = forms.CharField(label=_("Số văn bản phân công"), max_length=120)
    decided_on = forms.DateField(label=_("Ngày văn bản"), widget=DATE)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=300)


class CommitmentForm(forms.Form):
    kind = forms.ChoiceField(choices=CommitmentKind.choices, label=_("Loại cam kết"))
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    scan = forms.FileField(label=_("Bản quét cam kết đã ký (PDF, ảnh)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class TrainingForm(AgencyForm):
    unit = UnitLookupChoice(Organisation.objects.all(), label=_("Đơn vị tổ chức"))
    title = forms.CharField(label=_("Nội dung tập huấn"), max_length=300)
    held_on = forms.DateField(label=_("Ngày tổ chức"), widget=DATE)
    trainer = forms.CharField(label=_("Báo cáo viên, đơn vị phối hợp"), max_length=200, required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    attendees = LookupMultipleChoice(Person.objects.all(), label=_("Người tham dự"))


class DeviceForm(AgencyForm):
    unit = UnitLookupChoice(Organisation.objects.all(), label=_("Đơn vị quản lý"))
    kind = forms.ChoiceField(choices=DeviceKind.choices, label=_("Loại thiết bị"))
    name = forms.CharField(label=_("Tên, nhãn hiệu"), max_length=200)
    serial = forms.CharField(label=_("Số hiệu, số sê-ri"), max_length=100, required=False)
    location = forms.CharField(label=_("Vị trí đặt, người sử dụng"), max_length=200, required=False)
    connection = forms.ChoiceField(choices=Connection.choices, label=_("Kết nối"))
    origin = forms.ChoiceField(choices=DeviceOrigin.choices, label=_("Nguồn gốc"))
    origin_note = forms.CharField(label=_("Cơ quan, tổ chức tặng, tài trợ"), max_length=200, required=False)


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE)
    inspector = forms.CharField(label=_("Người, đơn vị kiểm tra"), max_length=200)
    result = forms.ChoiceField(choices=InspectionResult.choices, label=_("Kết quả"))
    note = forms.CharField(max_length=300, label=_("Ghi chú"), widget=_text(2), required=False)


class SecretUseForm(forms.Form):
    used = forms.TypedChoiceField(
        choices=[("1", _("Dùng cho BMNN")), ("0", _("Thôi dùng cho BMNN"))],
        coerce=lambda v: v == "1",
        label=_("Sử dụng cho BMNN"),
    )


class ConnectionForm(forms.Form):
    connection = forms.ChoiceField(choices=Connection.choices, label=_("Kết nối mới"))


class SanitiseForm(forms.Form):
    method = forms.ChoiceField(choices=SanitisationMethod.choices, label=_("Biện pháp"))
    done_on = forms.DateField(label=_("Ngày thực hiện"), widget=DATE)
    performed_by = forms.CharField(label=_("Người thực hiện"), max_length=200)
    note = forms.CharField(max_length=300, label=_("Ghi chú"), widget=_text(2), required=False)


class ReassignForm(AgencyForm):
    unit = UnitLookupChoice(Organisation.objects.all(), label=_("Chuyển cho đơn vị"))
    location = forms.CharField(label=_("Vị trí đặt, người sử dụng"), max_length=200, required=False)


class DisposeForm(forms.Form):
    note = forms.CharField(max_length=300, label=_("Hình thức, văn bản thanh lý"), widget=_text(2))


class ScanImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp kết quả quét (bmnn-scan --format jsonl)"))


class SweepImportForm(forms.Form):
    # The metaclass moves a field out of the class: BaseForm.files stays what Django binds.
    files = MultipleFileField(
        label=_("Tệp kết quả quét của các máy (bmnn-scan --format jsonl)"),  # type: ignore[assignment]
        help_text=_(
            "Chọn một hoặc nhiều tệp; mỗi tệp mang tên là số sê-ri của máy "
            "trong sổ theo dõi thiết bị (ví dụ DL-7090-01.jsonl)."
        ),
    )


class FindingResolveForm(forms.Form):
    remedy = forms.CharField(max_length=TEXT_MAX, label=_("Biện pháp xử lý"), widget=_text(2))
