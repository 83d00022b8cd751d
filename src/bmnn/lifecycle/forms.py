"""The input schemas of the lifecycle's operations (lifecycle.operations): shape only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.core.limits import ABSTRACT_MAX, COUNT_MAX, TEXT_MAX
from bmnn.core.lookup import LookupChoice, LookupMultipleChoice
from bmnn.core.operations import OperationForm
from bmnn.core.widgets import DateInput
from bmnn.registry.choices import CopyForm
from bmnn.registry.models import Carrier

DATE = DateInput()


class CopyRequestForm(forms.Form):
    form = forms.ChoiceField(choices=CopyForm.choices, label=_("Hình thức"))
    count = forms.IntegerField(min_value=1, max_value=500, label=_("Số bản đề nghị"))
    recipients = forms.CharField(
        max_length=TEXT_MAX, label=_("Nơi nhận bản sao"), widget=forms.Textarea(attrs={"rows": 2})
    )
    reasons = forms.CharField(max_length=TEXT_MAX, label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class TakeoutRequestForm(forms.Form):
    purpose = forms.CharField(max_length=TEXT_MAX, label=_("Mục đích"), widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label=_("Địa điểm sử dụng"), max_length=200)
    start = forms.DateField(label=_("Từ ngày"), widget=DATE)
    due = forms.DateField(label=_("Hạn trả"), widget=DATE)
    measures = forms.CharField(
        max_length=TEXT_MAX, label=_("Biện pháp bảo vệ"), widget=forms.Textarea(attrs={"rows": 2})
    )
    abroad = forms.BooleanField(label=_("Mang ra nước ngoài"), required=False)


class ExtensionRequestForm(forms.Form):
    new_until = forms.DateField(label=_("Gia hạn đến ngày"), widget=DATE)
    reasons = forms.CharField(max_length=TEXT_MAX, label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Phê duyệt")), ("0", _("Từ chối"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        label=_("Quyết định"),
    )
    reasons = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Ý kiến (bắt buộc khi từ chối)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CopyMakeForm(forms.Form):
    made = forms.IntegerField(max_value=COUNT_MAX, min_value=1, label=_("Số bản đã sao"))
    spoiled = forms.IntegerField(max_value=COUNT_MAX, min_value=0, initial=0, label=_("Số bản hỏng, thừa (hủy ngay)"))


class ReturnForm(forms.Form):
    closing_report = forms.CharField(
        max_length=TEXT_MAX, label=_("Báo cáo kết thúc"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AbroadHandoverForm(forms.Form):
    """Who receives the record abroad, what is handed over, and the written notice to them (R32)."""

    delegation_head = forms.CharField(label=_("Trưởng đoàn nhận bàn giao (họ tên, chức vụ)"), max_length=200)
    handed_over_items = forms.CharField(
        max_length=TEXT_MAX,
        label=_("BMNN bàn giao (số, ký hiệu, số bản, số trang)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delegation_notice_ref = forms.CharField(label=_("Số, ngày văn bản thông báo trưởng đoàn"), max_length=120)


# Provision (R33, R34) and re-grade (R10): request forms.


class ProvisionRequestForm(forms.Form):
    """A Vietnamese organisation's or person's request for a secret (R33)."""

    recipient_kind = forms.ChoiceField(
        label=_("Bên đề nghị"),
        choices=[("ORGANISATION", _("Cơ quan, tổ chức Việt Nam")), ("PERSON", _("Cá nhân Việt Nam"))],
    )
    recipient_name = forms.CharField(label=_("Tên cơ quan, tổ chức hoặc họ tên người đề nghị"), max_length=200)
    representative = forms.CharField(label=_("Người đại diện (cơ quan, tổ chức)"), max_length=200, required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân, hộ chiếu (cá nhân)"), max_length=40, required=False)
    address = forms.CharField(label=_("Địa chỉ liên hệ (cá nhân)"), max_length=300, required=False)
    position = forms.CharField(label=_("Chức vụ (cá nhân)"), max_length=200, required=False)
    purpose = forms.CharField(
        max_length=TEXT_MAX, label=_("Mục đích sử dụng"), widget=forms.Textarea(attrs={"rows": 2})
    )
    commitment = forms.CharField(
        max_length=TEXT_MAX, label=_("Cam kết bảo vệ BMNN"), widget=forms.Textarea(attrs={"rows": 2})
    )
    transfer = forms.BooleanField(label=_("Chuyển giao (không thu lại)"), required=False)

    FIELDS = ("representative", "id_number", "address", "position")


class ForeignProvisionRequestForm(forms.Form):
    """A foreign party's request, through its Vietnamese host agency (R34)."""

    recipient_name = forms.CharField(label=_("Tên cơ quan, tổ chức, cá nhân nước ngoài"), max_length=200)
    nationality = forms.CharField(label=_("Quốc tịch"), max_length=100)
    passport = forms.CharField(label=_("Số hộ chiếu"), max_length=40)
    host_agency = forms.CharField(label=_("Cơ quan Việt Nam chủ trì"), max_length=200)
    purpose_kind = forms.ChoiceField(
        label=_("Mục đích"),
        choices=[
            ("INTERNATIONAL_COOPERATION", _("Tham gia chương trình hợp tác quốc tế")),
            ("OFFICIAL_DUTY", _("Thi hành công vụ liên quan đến BMNN")),
        ],
    )
    purpose = forms.CharField(
        max_length=TEXT_MAX, label=_("Nội dung mục đích sử dụng"), widget=forms.Textarea(attrs={"rows": 2})
    )
    commitment = forms.CharField(
        max_length=TEXT_MAX, label=_("Cam kết bảo vệ BMNN"), widget=forms.Textarea(attrs={"rows": 2})
    )
    no_third_party = forms.BooleanField(label=_("Cam kết không cung cấp, chuyển giao cho bên thứ ba"), required=False)
    transfer = forms.BooleanField(label=_("Chuyển giao (không thu lại)"), required=False)

    FIELDS = ("nationality", "passport", "host_agency", "purpose_kind", "no_third_party")


class ItemsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_level_display()} – {obj}"


def _list_items() -> Any:
    from bmnn.catalog.models import SecretListItem

    return (
        SecretListItem.objects.filter(repealed=False)
        .select_related("secret_list")
        .order_by("secret_list", "level", "number")
    )


class RegradeRequestForm(OperationForm):
    """The list items that ground the new level (R10)."""

    items = ItemsField(
        queryset=None,
        label=_("Căn cứ danh mục BMNN (độ mật mới theo mục cao nhất)"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def setup(self) -> None:
        cast("forms.ModelChoiceField[Any]", self.fields["items"]).queryset = _list_items()


# Operations without a request: councils, destruction, recall, notices, meetings.


class PersonField(LookupChoice):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.username} – {obj.title or obj.get_position_display()}"


class PeopleField(LookupMultipleChoice):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.username} – {obj.title or obj.get_position_display()}"


class CarriersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)  # "số, ký hiệu[, bản sao số n] (độ mật)"


class CouncilSetUpForm(OperationForm):
    """The decision setting up a council (R11, R36): the service checks chair, members and items."""

    purpose = forms.ChoiceField(
        label=_("Loại hội đồng"),
        initial="DESTROY",
        choices=[("DESTROY", _("Hội đồng tiêu hủy")), ("DECLASSIFY", _("Hội đồng giải mật"))],
    )
    carriers = CarriersField(
        queryset=None, label=_("Danh sách BMNN đưa ra hội đồng"), widget=forms.CheckboxSelectMultiple
    )
    setup_decision_ref = forms.CharField(label=_("Số quyết định thành lập"), max_length=120)
    setup_date = forms.DateField(label=_("Ngày quyết định thành lập"), widget=DATE)
    chair = PersonField(queryset=None, label=_("Chủ tịch hội đồng (lãnh đạo cơ quan)"))
    members = PeopleField(queryset=None, label=_("Thành viên (gồm người trực tiếp quản lý BMNN)"))

    def setup(self) -> None:
        from .selectors import council_candidates

        self.initial.setdefault("setup_date", clock.today())
        if self.actor is None:
            return
        carriers, people = council_candidates(self.actor)
        cast("forms.ModelChoiceField[Any]", self.fields["carriers"]).queryset = carriers
        cast("forms.ModelChoiceField[Any]", self.fields["chair"]).queryset = people
        cast("forms.ModelChoiceField[Any]", self.fields["members"]).queryset = people


class CarrierCouncilForm(CouncilSetUpForm):
    """A council set up from a record's page (its kind given by the operation): that record is listed."""

    def setup(self) -> None:
        super().setup()
        del self.fields["purpose"]
        if self.subject is not None:
            self.initial.setdefault("carriers", [self.subject.pk])


class MinutesForm(OperationForm):
    minutes = forms.CharField(
        max_length=TEXT_MAX, label=_("Biên bản họp hội đồng"), widget=forms.Textarea(attrs={"rows": 5})
    )


class CouncilDecisionForm(OperationForm):
    """The head's decision after the minutes; a partial declassification names the content (R11, R36)."""

    decision_ref = forms.CharField(label=_("Số quyết định"), max_length=120)
    approve = forms.TypedChoiceField(
        choices=[("1", _("Đồng ý")), ("0", _("Không đồng ý"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        label=_("Quyết định"),
        initial="1",
    )
    partial_content = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Giải mật một phần: nội dung được giải mật (để trống nếu giải mật toàn bộ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def setup(self) -> None:
        if self.subject is not None and self.subject.purpose != "DECLASSIFY":
            del self.fields["partial_content"]


class DestructionRecordForm(OperationForm):
    """The destruction record: for each listed item, its sequence, method and executors (R36)."""

    def setup(self) -> None:
        self.listed = list(self.subject.carriers.order_by("pk")) if self.subject is not None else []
        for number, carrier in enumerate(self.listed, start=1):
            self.fields[f"sequence_{carrier.pk}"] = forms.IntegerField(
                label=_("Thứ tự tiêu hủy: %(c)s") % {"c": carrier}, min_value=1, initial=number
            )
            self.fields[f"method_{carrier.pk}"] = forms.CharField(label=_("Phương pháp tiêu hủy"), max_length=200)
            self.fields[f"executors_{carrier.pk}"] = forms.CharField(label=_("Người thực hiện"), max_length=300)


def destruction_entries(council: Any, data: dict[str, Any]) -> list[tuple[Any, str, str]]:
    """The record's rows from a valid DestructionRecordForm: each listed item in the sequence given."""
    listed = list(council.carriers.order_by("pk"))
    ordered = sorted(listed, key=lambda c: (data[f"sequence_{c.pk}"], c.pk))
    return [(c, data[f"method_{c.pk}"], data[f"executors_{c.pk}"]) for c in ordered]


class RecallForm(OperationForm):
    return_by = forms.DateField(label=_("Hạn trả"), widget=DATE)
    reason = forms.CharField(max_length=TEXT_MAX, label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 2}))


class EmergencyDestructionForm(OperationForm):
    reason = forms.CharField(max_length=TEXT_MAX, label=_("Lý do khẩn cấp"), widget=forms.Textarea(attrs={"rows": 2}))
    method = forms.CharField(label=_("Phương pháp tiêu hủy"), max_length=200)
    report = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Báo cáo bằng văn bản gửi người đứng đầu"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PlaceUseEndForm(OperationForm):
    ended_on = forms.DateField(label=_("Không còn sử dụng từ ngày"), widget=DATE)
    decision_ref = forms.CharField(label=_("Số văn bản của người đứng đầu"), max_length=120)


class EmergencyAcknowledgeForm(OperationForm):
    direction = forms.CharField(
        max_length=TEXT_MAX, label=_("Ý kiến chỉ đạo của người đứng đầu"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ClassificationDecisionForm(OperationForm):
    """The competent person's decision on information held pending classification (R5)."""

    items = ItemsField(
        queryset=None,
        label=_("Mục danh mục BMNN làm căn cứ (độ mật lấy theo mục cao nhất)"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    decision_maker = PersonField(queryset=None, label=_("Người quyết định độ mật"))
    decision_ref = forms.CharField(label=_("Số văn bản quyết định độ mật"), max_length=120)

    def setup(self) -> None:
        from bmnn.org.selectors import people_visible_to

        cast("forms.ModelChoiceField[Any]", self.fields["items"]).queryset = _list_items()
        if self.actor is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["decision_maker"]).queryset = people_visible_to(self.actor)


class PendingClassificationForm(OperationForm):
    """Unmarked information a list item covers, and who will determine its level (R5)."""

    sender = forms.CharField(label=_("Nơi gửi, nguồn thông tin"), max_length=200)
    doc_number = forms.CharField(label=_("Số, ký hiệu (nếu có)"), max_length=100)
    doc_type = forms.CharField(label=_("Loại tài liệu, vật"), max_length=100, required=False)
    abstract = forms.CharField(
        max_length=ABSTRACT_MAX,
        label=_("Trích yếu (không ghi nếu thuộc mục Tuyệt mật)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    items = ItemsField(
        queryset=None, label=_("Mục danh mục BMNN bao trùm thông tin"), widget=forms.SelectMultiple(attrs={"size": 6})
    )
    handler = PersonField(queryset=None, label=_("Người được giao xác định độ mật"))
    storage_place = forms.CharField(label=_("Nơi lưu giữ"), max_length=200, required=False)

    def setup(self) -> None:
        from .selectors import council_candidates

        cast("forms.ModelChoiceField[Any]", self.fields["items"]).queryset = _list_items()
        if self.actor is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["handler"]).queryset = council_candidates(self.actor)[
                1
            ].filter(designated_for_secrets=True)


# Meetings with secret content (R35): the plan, then its approval, issue, sealing and close.


class MeetingPlanForm(OperationForm):
    """A meeting and the controls R35 requires; which controls its level needs, the service decides."""

    title = forms.CharField(label=_("Nội dung cuộc họp, hội nghị, hội thảo"), max_length=300)
    level = forms.ChoiceField(label=_("Độ mật của nội dung"), choices=Level.choices)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE)
    venue = forms.CharField(label=_("Địa điểm (phòng họp kín tại trụ sở, hoặc địa điểm ngoài trụ sở)"), max_length=300)
    offsite = forms.BooleanField(label=_("Tổ chức ngoài trụ sở cơ quan"), required=False)
    police_check_ref = forms.CharField(
        label=_("Văn bản đề nghị công an kiểm tra an ninh (khi họp ngoài trụ sở)"), max_length=200, required=False
    )
    attendees = PeopleField(queryset=None, label=_("Thành phần dự họp (cán bộ được tiếp cận BMNN)"))
    equipment_check = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Biên bản kiểm tra thiết bị (máy chiếu, âm thanh, máy tính)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    no_devices_control = forms.BooleanField(
        label=_(
            "Kiểm soát không mang thiết bị ghi âm, ghi hình, thu phát vào phòng họp (bắt buộc với Tối mật, Tuyệt mật)"
        ),
        required=False,
    )
    guard_plan = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Phương án bảo vệ (bắt buộc với Tuyệt mật)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attendee_check = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Kiểm tra an ninh người dự họp (bắt buộc với Tuyệt mật)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def setup(self) -> None:
        from .selectors import council_candidates

        self.initial.setdefault("starts_on", clock.today())
        self.initial.setdefault("ends_on", clock.today())
        if self.actor is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["attendees"]).queryset = council_candidates(self.actor)[1]


class MeetingIssueForm(OperationForm):
    """A secret handed to an attendee at the meeting; it comes back before the close (R35)."""

    carrier: forms.ModelChoiceField[Carrier] = forms.ModelChoiceField(
        queryset=None, label=_("Tài liệu BMNN phát tại cuộc họp")
    )
    to = PersonField(queryset=None, label=_("Người nhận (trong thành phần dự họp)"))

    def setup(self) -> None:
        from .selectors import meeting_issuable

        if self.actor is None or self.subject is None:
            return
        carriers, people = meeting_issuable(self.subject, self.actor)
        cast("forms.ModelChoiceField[Any]", self.fields["carrier"]).queryset = carriers
        cast("forms.ModelChoiceField[Any]", self.fields["to"]).queryset = people


# When a list of state secrets changes (R9, R48).


class ItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_level_display()} – {obj}"


def _items_in_force(level: str | None) -> Any:
    from bmnn.catalog.models import ListStatus

    found = _list_items().filter(secret_list__status=ListStatus.ACTIVE)
    return found.filter(level=level) if level else found


class DelistingConfirmForm(OperationForm):
    reasons = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Ý kiến của người đứng đầu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DelistingKeepForm(OperationForm):
    """The item in force that keeps the record protected, and why (R48)."""

    item = ItemField(queryset=None, label=_("Tiếp tục bảo vệ theo mục danh mục"))
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Lý do tiếp tục bảo vệ"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def setup(self) -> None:
        level = getattr(getattr(self.subject, "carrier", None), "level", None)
        cast("forms.ModelChoiceField[Any]", self.fields["item"]).queryset = _items_in_force(level)


class ItemMapForm(OperationForm):
    """The matching item of the replacement list (R48)."""

    new_item = ItemField(queryset=None, label=_("Mục tương ứng trong danh mục thay thế"))
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def setup(self) -> None:
        level = getattr(self.subject, "level", None)
        cast("forms.ModelChoiceField[Any]", self.fields["new_item"]).queryset = _items_in_force(level)
