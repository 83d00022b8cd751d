"""The lifecycle operations that interfaces offer: which form validates them, which service runs them.

The web views, the REST API and the `bmnn requests` / `bmnn lifecycle` commands all read these
tables, so they cannot disagree. The adapters below only reshape a form's cleaned data into
the service's keyword arguments; every rule lives in the service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from bmnn.core.roles import Operation
from bmnn.org.models import Person
from bmnn.registry.models import Carrier

from . import forms as f
from .models import RecipientKind
from .services.copying import copy_make, copy_request
from .services.councils import (
    council_decide,
    council_minutes,
    destroy_emergency,
    destruction_confirm,
    destruction_record,
)
from .services.meetings import meeting_approve, meeting_close, meeting_issue, meeting_return, meeting_seal
from .services.notices import notice_mark_sent
from .services.protection import extension_apply, extension_request
from .services.provision import provision_execute, provision_request
from .services.recall import recall_confirm_return, recall_issue
from .services.regrade import regrade_apply, regrade_request
from .services.takeout import takeout_checkout, takeout_request


def _provide(*, actor: Person, carrier: Carrier, recipient_kind: str = RecipientKind.FOREIGN, recipient_name: str,
             purpose: str, commitment: str, transfer: bool = False, **fields: Any) -> Any:
    return provision_request(actor=actor, carrier=carrier, recipient_kind=recipient_kind,
                             recipient_name=recipient_name, fields=fields, purpose=purpose,
                             commitment=commitment, transfer=transfer)


def _regrade(*, actor: Person, carrier: Carrier, items: Any, reasons: str) -> Any:
    return regrade_request(actor=actor, carrier=carrier, item_ids=[i.pk for i in items], reasons=reasons)


# slug -> (title, form, service). The service receives actor, carrier and the form's data.
NEW_REQUESTS: dict[str, tuple[str, type[forms.Form], Callable[..., Any]]] = {
    "sao-chup": ("Đề nghị sao, chụp", f.CopyRequestForm, copy_request),
    "mang-ra": ("Đề nghị mang ra khỏi nơi lưu giữ", f.TakeoutRequestForm, takeout_request),
    "gia-han": ("Đề nghị gia hạn thời hạn bảo vệ", f.ExtensionRequestForm, extension_request),
    "cung-cap": ("Đề nghị cung cấp, chuyển giao cho cơ quan, tổ chức, cá nhân Việt Nam",
                 f.ProvisionRequestForm, _provide),
    "cung-cap-nuoc-ngoai": ("Đề nghị cung cấp, chuyển giao cho bên nước ngoài", f.ForeignProvisionRequestForm,
                            _provide),
    "dieu-chinh-do-mat": ("Đề nghị điều chỉnh độ mật", f.RegradeRequestForm, _regrade),
}

# operation -> (form or None, service, label). The service receives actor, request and the form's data.
EXECUTE: dict[str, tuple[type[forms.Form] | None, Callable[..., Any], str]] = {
    Operation.COPY: (f.CopyMakeForm, copy_make, "Thực hiện sao, chụp"),
    Operation.TAKEOUT: (None, takeout_checkout, "Giao tài liệu mang ra"),
    Operation.TAKEOUT_ABROAD: (None, takeout_checkout, "Giao tài liệu mang ra"),
    Operation.EXTEND: (None, extension_apply, "Thực hiện gia hạn, đóng dấu gia hạn"),
    Operation.PROVIDE: (None, provision_execute, "Giao BMNN cho bên nhận (vào sổ)"),
    Operation.PROVIDE_FOREIGN: (None, provision_execute, "Giao BMNN cho bên nhận (vào sổ)"),
    Operation.REGRADE: (None, regrade_apply, "Đóng dấu điều chỉnh độ mật, gửi thông báo"),
}


@dataclass(frozen=True)
class Action:
    """An operation on an existing object that needs no request: councils, destruction, recall, notices, meetings."""

    title: str
    subject: str  # "carrier", "council", "recall_item", "notice", "meeting" or "meeting_document"
    form: type[f.SubjectForm]
    run: Callable[[Person, Any, f.SubjectForm], Any]
    done: str


ACTIONS: dict[str, Action] = {
    "thu-hoi": Action(
        "Thu hồi BMNN (đóng dấu \"Tài liệu thu hồi\")", "carrier", f.RecallForm,
        lambda actor, carrier, form: recall_issue(actor=actor, carrier=carrier, **form.cleaned_data),
        "Đã thu hồi; mỗi bản đang được giữ có hạn trả."),
    "tieu-huy-khan-cap": Action(
        "Tiêu hủy khẩn cấp và báo cáo ngay người đứng đầu", "carrier", f.EmergencyDestructionForm,
        lambda actor, carrier, form: destroy_emergency(actor=actor, carrier=carrier, **form.cleaned_data),
        "Đã tiêu hủy khẩn cấp; báo cáo đã chuyển đến người đứng đầu."),
    "bien-ban-hop": Action(
        "Lập biên bản họp hội đồng", "council", f.MinutesForm,
        lambda actor, council, form: council_minutes(actor=actor, council=council, **form.cleaned_data),
        "Đã lưu biên bản họp hội đồng."),
    "quyet-dinh": Action(
        "Quyết định sau hội đồng", "council", f.CouncilDecisionForm,
        lambda actor, council, form: council_decide(
            actor=actor, council=council, decision_ref=form.cleaned_data["decision_ref"],
            approve=form.cleaned_data["approve"],
            partial_content=form.cleaned_data.get("partial_content") or None),
        "Đã ghi quyết định."),
    "bien-ban-tieu-huy": Action(
        "Lập biên bản tiêu hủy", "council", f.DestructionRecordForm,
        lambda actor, council, form: destruction_record(actor=actor, council=council,
                                                        entries=form.entries()),  # type: ignore[attr-defined]
        "Đã lập biên bản tiêu hủy; chờ các thành viên xác nhận."),
    "xac-nhan-tieu-huy": Action(
        "Xác nhận biên bản tiêu hủy", "council", f.SubjectForm,
        lambda actor, council, form: destruction_confirm(actor=actor, council=council),
        "Đã xác nhận biên bản tiêu hủy."),
    "xac-nhan-tra": Action(
        "Xác nhận đã nhận lại tài liệu thu hồi", "recall_item", f.SubjectForm,
        lambda actor, item, form: recall_confirm_return(actor=actor, item=item),
        "Đã xác nhận nhận lại."),
    "da-gui": Action(
        "Ghi nhận đã gửi thông báo", "notice", f.SubjectForm,
        lambda actor, notice, form: notice_mark_sent(actor=actor, notice=notice),
        "Đã ghi nhận thông báo đã gửi."),
    # Meetings with secret content (R35): planned by views.meeting_new and its API and CLI twins.
    "phe-duyet-hop": Action(
        "Phê duyệt cuộc họp", "meeting", f.SubjectForm,
        lambda actor, meeting, form: meeting_approve(actor=actor, meeting=meeting),
        "Đã phê duyệt cuộc họp."),
    "phat-tai-lieu": Action(
        "Phát tài liệu cho người dự họp", "meeting", f.MeetingIssueForm,
        lambda actor, meeting, form: meeting_issue(actor=actor, meeting=meeting, **form.cleaned_data),
        "Đã phát tài liệu; phải thu lại trước khi kết thúc cuộc họp."),
    "niem-phong": Action(
        "Niêm phong phòng họp hôm nay", "meeting", f.SubjectForm,
        lambda actor, meeting, form: meeting_seal(actor=actor, meeting=meeting),
        "Đã ghi biên bản niêm phong phòng họp hôm nay."),
    "thu-lai-tai-lieu": Action(
        "Thu lại tài liệu đã phát", "meeting_document", f.SubjectForm,
        lambda actor, issued, form: meeting_return(actor=actor, issued=issued),
        "Đã thu lại tài liệu."),
    "ket-thuc-hop": Action(
        "Kết thúc cuộc họp", "meeting", f.SubjectForm,
        lambda actor, meeting, form: meeting_close(actor=actor, meeting=meeting),
        "Đã kết thúc cuộc họp; mọi tài liệu đã phát đều đã thu lại."),
}
