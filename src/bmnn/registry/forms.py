"""The input schemas of the registry's operations and its search: shape only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.catalog.models import ListStatus, SecretListItem
from bmnn.core.levels import Level
from bmnn.core.limits import ABSTRACT_MAX, COUNT_MAX, SEARCH_MAX, TEXT_MAX
from bmnn.core.lookup import LookupChoice, UnitLookupChoice, point_at
from bmnn.core.operations import OperationForm
from bmnn.core.widgets import DateInput
from bmnn.org.models import Organisation, Person
from bmnn.org.selectors import organisations_visible_to, people_visible_to

from .choices import CarrierKind, Direction, Medium, Status, Urgency
from .models import Carrier
from .policies import visible_carriers

DATE = DateInput()


MISSING = "Không tồn tại (mã %(value)s)."
MISSING_PK = "Không tồn tại (mã %(pk)s)."  # Django names the value "pk" for a malformed id in a list


class PersonChoice(LookupChoice):
    """A person chosen by typing part of the name: the form narrows whom (``_ForUser``)."""

    default_error_messages = {"invalid_choice": MISSING}

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.get_full_name()} – {obj.title or obj.get_position_display()} ({obj.organisation})"


class ItemChoice(forms.ModelMultipleChoiceField):
    default_error_messages = {"invalid_choice": MISSING, "invalid_pk_value": MISSING_PK}

    def label_from_instance(self, obj: SecretListItem) -> str:
        return f"[{obj.get_level_display()}] {obj.secret_list.decision_number} khoản {obj.number}: {obj.text}"


class _ForUser(OperationForm):
    """A form whose people and units are limited to what the actor may see (and so may choose)."""

    person_fields: tuple[str, ...] = ()
    designated_fields: tuple[str, ...] = ()  # custody goes only to staff designated for secret work (R38)

    def setup(self) -> None:
        if self.actor is None:
            return
        # Only people who could take the role: active, cleared, of the actor's agency (R38, S2).
        agency = self.actor.agency()
        eligible = people_visible_to(self.actor).filter(is_active=True).exclude(clearance="")
        eligible = eligible.filter(organisation_id__in=agency.subtree_ids()) if agency else eligible.none()
        for name in self.person_fields:
            chosen = eligible.filter(designated_for_secrets=True) if name in self.designated_fields else eligible
            cast("forms.ModelChoiceField[Any]", self.fields[name]).queryset = chosen.order_by("last_name", "first_name")
        if "to_unit" in self.fields:
            cast("forms.ModelChoiceField[Any]", self.fields["to_unit"]).queryset = organisations_visible_to(self.actor)


def usable_items() -> Any:
    return SecretListItem.objects.filter(repealed=False, secret_list__status=ListStatus.ACTIVE).select_related(
        "secret_list"
    )


class OutgoingForm(_ForUser):
    person_fields = ("drafter", "decision_maker", "signer", "custodian")
    designated_fields = ("custodian",)

    # Not required here: the service refuses an empty basis with the rule's own message (R2).
    items = ItemChoice(
        queryset=usable_items(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Căn cứ danh mục BMNN (độ mật lấy theo mục cao nhất)"),
    )
    kind = forms.ChoiceField(choices=CarrierKind.choices, label=_("Loại vật chứa"), initial=CarrierKind.DOCUMENT)
    medium = forms.ChoiceField(choices=Medium.choices, label=_("Hình thức"), initial=Medium.PAPER)
    doc_type = forms.CharField(label=_("Loại văn bản / tên vật"), max_length=120)
    symbol = forms.CharField(
        label=_("Ký hiệu (số do hệ thống cấp)"),
        max_length=60,
        help_text=_("Ví dụ: KH-SGDĐT. Số BMNN đi được cấp khi vào sổ."),
    )
    doc_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE)
    abstract = forms.CharField(
        max_length=ABSTRACT_MAX,
        label=_("Trích yếu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Để trống đối với BMNN độ Tuyệt mật."),
    )  # R18
    drafter = PersonChoice(queryset=Person.objects.none(), label=_("Người soạn thảo, đề xuất độ mật"))
    decision_maker = PersonChoice(queryset=Person.objects.none(), label=_("Người quyết định độ mật"))
    signer = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label=_("Người ký ban hành"),
        help_text=_("Để trống nếu người quyết định độ mật ký. Người ký phải có trong bảng thẩm quyền ký của cơ quan."),
    )
    recipients = forms.CharField(max_length=TEXT_MAX, label=_("Nơi nhận"), widget=forms.Textarea(attrs={"rows": 2}))
    copies_issued = forms.IntegerField(max_value=COUNT_MAX, label=_("Số lượng bản phát hành"), min_value=1, initial=1)
    copy_permitted = forms.BooleanField(label=_("Được phép sao, chụp"), required=False)
    circulation_scope = forms.CharField(label=_("Phạm vi lưu hành"), required=False, max_length=200)
    urgency = forms.ChoiceField(choices=Urgency.choices, label=_("Độ khẩn"), initial=Urgency.NORMAL)
    determination_date = forms.DateField(label=_("Ngày xác định độ mật"), required=False, widget=DATE)
    shorter_protection_until = forms.DateField(
        label=_("Thời hạn bảo vệ ngắn hơn (chỉ với hoạt động)"), required=False, widget=DATE
    )
    custodian = PersonChoice(queryset=Person.objects.none(), label=_("Người quản lý, lưu giữ"))
    storage_place = forms.CharField(label=_("Nơi lưu giữ"), required=False, max_length=200)
    sources = forms.ModelMultipleChoiceField(
        queryset=Carrier.objects.none(),
        required=False,
        label=_("BMNN đến được sử dụng (trả lời, tổng hợp, trích)"),
        help_text=_("Độ mật của văn bản đi không thấp hơn độ mật của BMNN đến được sử dụng."),
    )

    def setup(self) -> None:
        super().setup()
        if self.actor is None:
            return
        # R3: the received secrets this person may cite (the service checks them again).
        cast("forms.ModelChoiceField[Any]", self.fields["sources"]).queryset = visible_carriers(self.actor).filter(
            direction=Direction.INCOMING, original__isnull=True
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["item_ids"] = [i.pk for i in data.pop("items")]
        data["source_ids"] = [c.pk for c in data.pop("sources", [])]
        return data


class IncomingForm(_ForUser):
    person_fields = ("named_recipient",)

    sender = forms.CharField(label=_("Nơi gửi"), max_length=200)
    doc_number = forms.CharField(label=_("Số, ký hiệu (trên văn bản hoặc ngoài bì)"), max_length=80)
    doc_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE)
    level = forms.ChoiceField(choices=Level.choices, label=_("Độ mật (theo dấu)"))
    doc_type = forms.CharField(label=_("Loại văn bản"), required=False, max_length=120)
    abstract = forms.CharField(
        max_length=ABSTRACT_MAX,
        label=_("Trích yếu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Không ghi đối với Tuyệt mật và với bì chưa bóc."),
    )  # R18, R24
    urgency = forms.ChoiceField(choices=Urgency.choices, label=_("Độ khẩn"), initial=Urgency.NORMAL)
    medium = forms.ChoiceField(choices=Medium.choices, label=_("Hình thức"), initial=Medium.PAPER)
    named_recipient = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label=_('Bì ghi "Chỉ người có tên mới được bóc bì": người có tên'),
    )
    expected_count = forms.IntegerField(
        max_value=COUNT_MAX, label=_("Số lượng theo bì / phiếu gửi"), min_value=0, initial=1
    )
    received_count = forms.IntegerField(max_value=COUNT_MAX, label=_("Số lượng thực nhận"), min_value=0, initial=1)
    packaging_intact = forms.BooleanField(label=_("Bao bì nguyên vẹn, niêm phong đúng"), required=False, initial=True)
    discrepancy_note = forms.CharField(label=_("Ghi chú sai lệch (nếu có)"), required=False, max_length=300)
    storage_place = forms.CharField(label=_("Nơi lưu giữ"), required=False, max_length=200)


class SignOffForm(OperationForm):
    expected_count = forms.IntegerField(max_value=COUNT_MAX, label=_("Số lượng theo bì / phiếu gửi"), min_value=0)
    received_count = forms.IntegerField(max_value=COUNT_MAX, label=_("Số lượng thực nhận"), min_value=0)
    packaging_intact = forms.BooleanField(label=_("Bao bì nguyên vẹn"), required=False)


class SenderNoticeForm(OperationForm):
    """The notice sent to the sender of a receipt that did not match (R25)."""

    notice_ref = forms.CharField(label=_("Số, ngày văn bản thông báo nơi gửi"), max_length=120)
    notice = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Nội dung thông báo (để trống nếu giữ nội dung dự thảo)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def setup(self) -> None:
        from bmnn.registry.models import Incident

        draft = (
            Incident.objects.filter(carrier=self.subject, sender_notified_at__isnull=True).first()
            if self.subject is not None
            else None
        )
        if draft is not None:
            self.fields["notice"].initial = draft.sender_notice


class HandoverForm(_ForUser):
    person_fields = ("to_person",)

    to_person = PersonChoice(queryset=Person.objects.none(), required=False, label=_("Giao cho cán bộ"))
    to_unit = UnitLookupChoice(queryset=Organisation.objects.none(), required=False, label=_("hoặc giao cho đơn vị"))
    envelope_count = forms.IntegerField(max_value=COUNT_MAX, label=_("Số bì"), min_value=1, initial=1)
    named_only = forms.BooleanField(label=_('Đóng dấu "Chỉ người có tên mới được bóc bì"'), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)


class HandoverConfirmForm(OperationForm):
    """What the recipient of a TOI_MAT or TUYET_MAT item confirms before signing (R23): the count of envelopes
    received and that they arrive sealed. A MAT item is signed for in one step."""

    received_count = forms.IntegerField(max_value=COUNT_MAX, label=_("Số bì thực nhận"), min_value=0)
    envelope_intact = forms.BooleanField(label=_("Bì còn nguyên vẹn, niêm phong chưa bị bóc"), required=False)

    CONFIRMED_LEVELS = (Level.TOI_MAT, Level.TUYET_MAT)

    def setup(self) -> None:
        handover = self.subject
        if handover is not None and handover.carrier.level not in self.CONFIRMED_LEVELS:
            del self.fields["received_count"], self.fields["envelope_intact"]
        elif handover is not None:
            self.fields["received_count"].help_text = _(
                "Ký nhận %(carrier)s theo phiếu chuyển số %(number)s/%(year)s do %(sender)s giao: %(n)s bì, "
                "dấu «%(letter)s»."
            ) % {
                "carrier": handover.carrier,
                "number": handover.number,
                "year": handover.year,
                "sender": handover.from_person,
                "n": handover.envelope_count,
                "letter": handover.envelope_letter,
            }

    def clean_envelope_intact(self) -> bool:
        if not self.cleaned_data.get("envelope_intact"):
            raise forms.ValidationError(
                _(
                    "Phải xác nhận bì còn nguyên vẹn. Bì đã bị bóc hoặc rách: không ký "
                    "nhận, lập biên bản và báo cáo thủ trưởng."
                )
            )
        return True


SEARCH_FILTER = "records-search"  # the look-up's name for this form (core.lookup.register_filter)


class SearchForm(forms.Form):
    q = forms.CharField(max_length=SEARCH_MAX, label=_("Tìm kiếm"), required=False)
    level = forms.ChoiceField(choices=[("", "Mọi độ mật"), *Level.choices], required=False, label=_("Độ mật"))
    status = forms.ChoiceField(required=False, label=_("Tình trạng"))
    direction = forms.ChoiceField(required=False, label=_("Chiều"))
    unit = UnitLookupChoice(queryset=Organisation.objects.none(), required=False, label=_("Đơn vị"))
    unit.widget.attrs["aria-label"] = _("Đơn vị")  # the search bar shows no labels, only the boxes
    year = forms.IntegerField(required=False, label=_("Năm"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", "Mọi tình trạng"), *Status.choices]
        cast(forms.ChoiceField, self.fields["direction"]).choices = [("", "Đi và đến"), *Direction.choices]
        cast("forms.ModelChoiceField[Any]", self.fields["unit"]).queryset = organisations_visible_to(user)
        point_at(self, SEARCH_FILTER, None)
