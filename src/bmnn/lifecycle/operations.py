"""The lifecycle's operations: requests on a record and their decision and execution, take-out returns,
recall, destruction, councils, written notices, meetings with secret content, information awaiting its level.

Each is declared once; its screen, REST endpoint, command (``bmnn lifecycle``) and offer on its subject's
page come from here (bmnn.core.operations). ``check`` is the service's own precondition check, so a page
offers an operation exactly when the service would accept it from this person now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from bmnn.approvals.models import Request
from bmnn.approvals.services import request_decide, request_decide_check
from bmnn.core.operations import NoInput, Operation, Subject
from bmnn.registry.operations import CARRIER
from bmnn.registry.services import register_check

from . import api, selectors
from . import forms as f
from .models import Council, CouncilPurpose, Meeting, Recall, RecipientKind
from .serializers import (
    present_council,
    present_delisting,
    present_emergency,
    present_list_item,
    present_meeting,
    present_notice,
    present_recall,
    present_request,
    present_takeout,
)
from .services import (
    classification,
    copying,
    councils,
    delisting,
    meetings,
    notices,
    protection,
    provision,
    recall,
    regrade,
)
from .services import takeout as takeouts

REQUEST = Subject(
    "request",
    selectors.request_get_for_user,
    page="lifecycle:request",
    api="requests",
    web="de-nghi",
    present=present_request,
)
TAKEOUT = Subject(
    "takeout",
    selectors.takeout_get_for_user,
    page="registry:carrier",
    api="takeouts",
    web="mang-ra",
    present=present_takeout,
    page_pk=lambda t: t.carrier_id,
)
COUNCIL = Subject(
    "council",
    selectors.council_get_for_user,
    page="lifecycle:council",
    api="councils",
    web="hoi-dong",
    present=present_council,
)
RECALL = Subject(
    "recall",
    selectors.recall_get_for_user,
    page="lifecycle:recall",
    api="recalls",
    web="thu-hoi",
    present=present_recall,
)
RECALL_ITEM = Subject(
    "recall-item",
    selectors.recall_item_get_for_user,
    page="lifecycle:recall",
    api="recall-items",
    web="thu-hoi/ban",
    present=lambda i: present_recall(Recall.objects.get(pk=i.recall_id)),
    page_pk=lambda i: i.recall_id,
)
NOTICE = Subject(
    "notice",
    selectors.notice_get_for_user,
    page="registry:carrier",
    api="notices",
    web="thong-bao",
    present=present_notice,
    page_pk=lambda n: n.carrier_id,
)
EMERGENCY = Subject(
    "emergency-destruction",
    selectors.emergency_get_for_user,
    page="registry:carrier",
    api="emergency-destructions",
    web="tieu-huy-khan-cap",
    present=present_emergency,
    page_pk=lambda e: e.carrier_id,
)
MEETING = Subject(
    "meeting",
    selectors.meeting_get_for_user,
    page="lifecycle:meeting",
    api="meetings",
    web="hoi-nghi",
    present=present_meeting,
)
MEETING_DOCUMENT = Subject(
    "meeting-document",
    selectors.meeting_document_get_for_user,
    page="lifecycle:meeting",
    api="meeting-documents",
    web="hoi-nghi/tai-lieu",
    present=lambda d: present_meeting(Meeting.objects.get(pk=d.meeting_id)),
    page_pk=lambda d: d.meeting_id,
)
DELISTING = Subject(
    "delisting",
    selectors.delisting_get_for_user,
    page="registry:carrier",
    api="delistings",
    web="de-xuat-giai-mat",
    present=present_delisting,
    page_pk=lambda r: r.carrier_id,
)
LIST_ITEM = Subject(
    "list-item",
    selectors.list_item_get_for_user,
    page="lifecycle:due",
    api="list-items",
    web="danh-muc/muc",
    present=present_list_item,
    url=lambda _item: reverse("lifecycle:due"),
)

Run = Callable[[Any, Any, dict[str, Any]], Any]
DONE = "Đã thực hiện và vào sổ."
SENT = "Đã gửi đề nghị số {pk}; người có thẩm quyền sẽ thấy trong hàng chờ phê duyệt."


def _request_sent(request: Request) -> str:
    return SENT.format(pk=request.pk)


def _ask(slug: str, title: str, form: type, check: Callable[[Any, Any], None], run: Run, web: str) -> Operation:
    """A request about a record: it waits in the competent person's queue (R12)."""
    return Operation(
        slug,
        title,
        form=form,
        subject=CARRIER,
        returns=REQUEST,
        check=check,
        run=run,
        submit="Gửi đề nghị",
        done=_request_sent,
        web=f"de-nghi/{web}",
        api=slug,
    )


def _provide(actor: Any, carrier: Any, data: dict[str, Any]) -> Request:
    fields = dict(data)
    return provision.provision_request(
        actor=actor,
        carrier=carrier,
        recipient_kind=fields.pop("recipient_kind", RecipientKind.FOREIGN),
        recipient_name=fields.pop("recipient_name"),
        purpose=fields.pop("purpose"),
        commitment=fields.pop("commitment"),
        transfer=fields.pop("transfer", False),
        fields=fields,
    )


def _regrade(actor: Any, carrier: Any, data: dict[str, Any]) -> Request:
    return regrade.regrade_request(
        actor=actor, carrier=carrier, item_ids=[i.pk for i in data["items"]], reasons=data["reasons"]
    )


def _carry_out(
    slug: str,
    title: str,
    check: Callable[[Any, Any], None],
    service: Callable[..., Any],
    web: str,
    api: str,
    done: str,
    form: type = NoInput,
) -> Operation:
    """The execution of an approved request: the answer is the request, now carried out."""
    return Operation(
        slug,
        title,
        form=form,
        subject=REQUEST,
        check=check,
        done=done,
        web=f"thuc-hien/{web}",
        api=f"execute/{api}",
        run=lambda actor, request, data: service(actor=actor, request=request, **data),
    )


def _council(purpose: str) -> Run:
    def run(actor: Any, _carrier: Any, data: dict[str, Any]) -> Council:
        return councils.council_set_up(actor=actor, purpose=purpose, **data)

    return run


def _council_done(council: Council) -> str:
    return f"Đã vào sổ quyết định thành lập hội đồng. Hội đồng số {council.pk}: {council}."


def _pending(actor: Any, _subject: None, data: dict[str, Any]) -> Any:
    data = dict(data)
    data["item_ids"] = [i.pk for i in data.pop("items")]
    return classification.classification_pending(actor=actor, **data)


def _classification_decide(actor: Any, carrier: Any, data: dict[str, Any]) -> Any:
    data = dict(data)
    data["item_ids"] = [i.pk for i in data.pop("items")]
    return classification.classification_decide(actor=actor, carrier=carrier, **data)


def _regrade_apply_check(actor: Any, request: Request) -> None:
    regrade.regrade_apply_check(actor, request)


OPERATIONS = [
    # Requests about a record (R7, R10, R12, R15, R16, R32, R33, R34).
    _ask(
        "copy-request",
        "Đề nghị sao, chụp",
        f.CopyRequestForm,
        copying.copy_request_check,
        lambda actor, carrier, data: copying.copy_request(actor=actor, carrier=carrier, **data),
        "sao-chup",
    ),
    _ask(
        "takeout-request",
        "Đề nghị mang ra khỏi nơi lưu giữ",
        f.TakeoutRequestForm,
        takeouts.takeout_request_check,
        lambda actor, carrier, data: takeouts.takeout_request(actor=actor, carrier=carrier, **data),
        "mang-ra",
    ),
    _ask(
        "extension-request",
        "Đề nghị gia hạn thời hạn bảo vệ",
        f.ExtensionRequestForm,
        protection.extension_request_check,
        lambda actor, carrier, data: protection.extension_request(actor=actor, carrier=carrier, **data),
        "gia-han",
    ),
    _ask(
        "provision-request",
        "Đề nghị cung cấp, chuyển giao cho cơ quan, tổ chức, cá nhân Việt Nam",
        f.ProvisionRequestForm,
        provision.provision_request_check,
        _provide,
        "cung-cap",
    ),
    _ask(
        "foreign-provision-request",
        "Đề nghị cung cấp, chuyển giao cho bên nước ngoài",
        f.ForeignProvisionRequestForm,
        provision.provision_foreign_check,
        _provide,
        "cung-cap-nuoc-ngoai",
    ),
    _ask(
        "regrade-request",
        "Đề nghị điều chỉnh độ mật",
        f.RegradeRequestForm,
        regrade.regrade_request_check,
        _regrade,
        "dieu-chinh-do-mat",
    ),
    # The decision (R12, R13, R33, S7) and the execution of what was approved.
    Operation(
        "request-decide",
        "Quyết định đề nghị",
        form=f.DecisionForm,
        subject=REQUEST,
        check=request_decide_check,
        submit="Ghi quyết định",
        web="quyet-dinh",
        api="decide",
        done=lambda r: f"Đã ghi quyết định. Đề nghị số {r.pk}: {r.get_status_display()}.",
        run=lambda actor, request, data: request_decide(actor=actor, request=request, **data),
    ),
    _carry_out(
        "copy-make",
        "Thực hiện sao, chụp",
        copying.copy_make_check,
        copying.copy_make,
        "sao-chup",
        "copy",
        f"{DONE} Các bản sao đã làm xong, đánh số và đóng dấu.",
        form=f.CopyMakeForm,
    ),
    _carry_out(
        "takeout-checkout",
        "Giao tài liệu mang ra",
        takeouts.takeout_checkout_check,
        takeouts.takeout_checkout,
        "mang-ra",
        "takeout",
        f"{DONE} Tài liệu đã được mang ra khỏi nơi lưu giữ.",
    ),
    _carry_out(
        "extension-apply",
        "Thực hiện gia hạn, đóng dấu gia hạn",
        protection.extension_apply_check,
        protection.extension_apply,
        "gia-han",
        "extension",
        f"{DONE} Đã gia hạn thời hạn bảo vệ; thông báo đã lập.",
    ),
    _carry_out(
        "provision-execute",
        "Giao BMNN cho bên nhận (vào sổ)",
        provision.provision_execute_check,
        provision.provision_execute,
        "cung-cap",
        "provision",
        f"{DONE} BMNN đã được giao cho bên nhận.",
    ),
    _carry_out(
        "regrade-apply",
        "Đóng dấu điều chỉnh độ mật, gửi thông báo",
        _regrade_apply_check,
        regrade.regrade_apply,
        "dieu-chinh-do-mat",
        "regrade",
        f"{DONE} Đã điều chỉnh độ mật; thông báo đã lập.",
    ),
    Operation(
        "takeout-return",
        "Nhận lại tài liệu về nơi lưu giữ",
        form=f.ReturnForm,
        subject=TAKEOUT,
        check=takeouts.takeout_return_check,
        submit="Nhận lại về nơi lưu giữ",
        done="Đã nhận lại tài liệu về nơi lưu giữ.",
        web="tra",
        api="return",
        run=lambda actor, takeout, data: takeouts.takeout_return(actor=actor, takeout=takeout, **data),
    ),
    Operation(  # R32: abroad, the record is handed to the delegation's head, who is notified in writing.
        "takeout-abroad-handover",
        "Bàn giao BMNN mang ra nước ngoài cho trưởng đoàn",
        form=f.AbroadHandoverForm,
        subject=TAKEOUT,
        check=takeouts.takeout_abroad_handover_check,
        submit="Ghi biên bản bàn giao",
        done="Đã ghi bàn giao cho trưởng đoàn và thông báo trưởng đoàn.",
        web="ban-giao-truong-doan",
        api="abroad-handover",
        run=lambda actor, takeout, data: takeouts.takeout_abroad_handover(actor=actor, takeout=takeout, **data),
    ),
    # Recall (R26) and emergency destruction (R37) of a record.
    Operation(
        "recall-issue",
        'Thu hồi BMNN (đóng dấu "Tài liệu thu hồi")',
        form=f.RecallForm,
        subject=CARRIER,
        returns=RECALL,
        check=recall.recall_issue_check,
        done="Đã thu hồi; mỗi bản đang được giữ có hạn trả.",
        web="thu-hoi",
        api="recall",
        run=lambda actor, carrier, data: recall.recall_issue(actor=actor, carrier=carrier, **data),
    ),
    Operation(
        "recall-item-return",
        "Xác nhận đã nhận lại tài liệu thu hồi",
        subject=RECALL_ITEM,
        check=recall.recall_confirm_return_check,
        submit="Xác nhận đã nhận lại",
        done="Đã xác nhận nhận lại.",
        web="xac-nhan-tra",
        api="return",
        run=lambda actor, item, _data: recall.recall_confirm_return(actor=actor, item=item),
    ),
    Operation(
        "emergency-destruction",
        "Tiêu hủy khẩn cấp và báo cáo ngay người đứng đầu",
        form=f.EmergencyDestructionForm,
        subject=CARRIER,
        check=councils.destroy_emergency_check,
        done="Đã tiêu hủy khẩn cấp; báo cáo đã chuyển đến người đứng đầu.",
        web="tieu-huy-khan-cap",
        api="emergency-destruction",
        run=lambda actor, carrier, data: councils.destroy_emergency(actor=actor, carrier=carrier, **data),
    ),
    Operation(  # R6: a place is protected until its head records the end of its use.
        "place-use-end",
        "Ghi nhận địa điểm không còn sử dụng (giải mật)",
        form=f.PlaceUseEndForm,
        subject=CARRIER,
        check=protection.place_use_end_check,
        submit="Ghi nhận và giải mật",
        done="Đã ghi nhận địa điểm không còn sử dụng; đã giải mật và lập thông báo.",
        web="ket-thuc-su-dung",
        api="use-ended",
        run=lambda actor, carrier, data: protection.place_use_end(actor=actor, carrier=carrier, **data),
    ),
    Operation(  # R37: the head acknowledges the immediate report; the task on the due page closes.
        "emergency-acknowledge",
        "Ghi nhận báo cáo tiêu hủy khẩn cấp",
        form=f.EmergencyAcknowledgeForm,
        subject=EMERGENCY,
        check=councils.emergency_acknowledge_check,
        submit="Ghi nhận",
        done="Đã ghi nhận báo cáo tiêu hủy khẩn cấp.",
        web="ghi-nhan",
        api="acknowledge",
        run=lambda actor, emergency, data: councils.emergency_acknowledge(actor=actor, emergency=emergency, **data),
    ),
    # Councils: declassification (R11) and destruction (R36).
    Operation(
        "council-set-up",
        "Thành lập hội đồng",
        check=councils.council_set_up_check,
        form=f.CouncilSetUpForm,
        returns=COUNCIL,
        submit="Vào sổ quyết định thành lập",
        done=_council_done,
        web="hoi-dong/moi",
        api="councils",
        api_list=api.councils,
        run=lambda actor, _s, data: councils.council_set_up(actor=actor, **data),
    ),
    Operation(
        "destruction-council",
        "Lập Hội đồng tiêu hủy",
        form=f.CarrierCouncilForm,
        subject=CARRIER,
        returns=COUNCIL,
        check=councils.council_destroy_check,
        submit="Vào sổ quyết định thành lập",
        done=_council_done,
        web="hoi-dong-tieu-huy",
        api="destruction-council",
        run=_council(CouncilPurpose.DESTROY),
    ),
    Operation(
        "declassification-council",
        "Lập Hội đồng giải mật",
        form=f.CarrierCouncilForm,
        subject=CARRIER,
        returns=COUNCIL,
        check=councils.council_declassify_check,
        submit="Vào sổ quyết định thành lập",
        done=_council_done,
        web="hoi-dong-giai-mat",
        api="declassification-council",
        run=_council(CouncilPurpose.DECLASSIFY),
    ),
    Operation(
        "council-minutes",
        "Lập biên bản họp hội đồng",
        form=f.MinutesForm,
        subject=COUNCIL,
        check=councils.council_minutes_check,
        submit="Lưu biên bản họp",
        done="Đã lưu biên bản họp hội đồng.",
        web="bien-ban-hop",
        api="minutes",
        run=lambda actor, council, data: councils.council_minutes(actor=actor, council=council, **data),
    ),
    Operation(
        "council-decide",
        "Quyết định sau hội đồng",
        form=f.CouncilDecisionForm,
        subject=COUNCIL,
        check=councils.council_decide_check,
        submit="Ghi quyết định",
        done="Đã ghi quyết định.",
        web="quyet-dinh",
        api="decision",
        run=lambda actor, council, data: councils.council_decide(
            actor=actor,
            council=council,
            decision_ref=data["decision_ref"],
            approve=data["approve"],
            partial_content=data.get("partial_content") or None,
        ),
    ),
    Operation(
        "destruction-record",
        "Lập biên bản tiêu hủy",
        form=f.DestructionRecordForm,
        subject=COUNCIL,
        check=councils.destruction_record_check,
        done="Đã lập biên bản tiêu hủy; chờ các thành viên xác nhận.",
        web="bien-ban-tieu-huy",
        api="destruction-record",
        run=lambda actor, council, data: councils.destruction_record(
            actor=actor, council=council, entries=f.destruction_entries(council, data)
        ),
    ),
    Operation(
        "destruction-confirm",
        "Xác nhận biên bản tiêu hủy",
        subject=COUNCIL,
        check=councils.destruction_confirm_check,
        done="Đã xác nhận biên bản tiêu hủy.",
        web="xac-nhan-tieu-huy",
        api="confirmations",
        run=lambda actor, council, _data: councils.destruction_confirm(actor=actor, council=council),
    ),
    # Written notices owed after an extension, a re-grade or a declassification (R7, R9, R10, R11).
    Operation(
        "notice-sent",
        "Ghi nhận đã gửi thông báo",
        subject=NOTICE,
        check=notices.notice_mark_sent_check,
        submit="Đã gửi",
        done="Đã ghi nhận thông báo đã gửi.",
        web="da-gui",
        api="sent",
        run=lambda actor, notice, _data: notices.notice_mark_sent(actor=actor, notice=notice),
    ),
    # Meetings with secret content (R35, S7).
    Operation(
        "meeting-plan",
        "Lập kế hoạch hội nghị, hội thảo, cuộc họp có nội dung BMNN",
        check=meetings.meeting_plan_check,
        form=f.MeetingPlanForm,
        returns=MEETING,
        submit="Lập kế hoạch cuộc họp",
        web="hoi-nghi/moi",
        api="meetings",
        api_list=api.meetings,
        done=lambda m: f"Đã lập kế hoạch cuộc họp số {m.pk}; chờ lãnh đạo cơ quan phê duyệt.",
        run=lambda actor, _s, data: meetings.meeting_plan(actor=actor, **data),
    ),
    Operation(
        "meeting-approve",
        "Phê duyệt cuộc họp",
        subject=MEETING,
        check=meetings.meeting_approve_check,
        done="Đã phê duyệt cuộc họp.",
        web="phe-duyet",
        api="approval",
        run=lambda actor, meeting, _data: meetings.meeting_approve(actor=actor, meeting=meeting),
    ),
    Operation(
        "meeting-issue",
        "Phát tài liệu cho người dự họp",
        form=f.MeetingIssueForm,
        subject=MEETING,
        check=meetings.meeting_issue_check,
        submit="Phát tài liệu",
        done="Đã phát tài liệu; phải thu lại trước khi kết thúc cuộc họp.",
        web="phat-tai-lieu",
        api="documents",
        run=lambda actor, meeting, data: meetings.meeting_issue(actor=actor, meeting=meeting, **data),
    ),
    Operation(
        "meeting-seal",
        "Niêm phong phòng họp hôm nay",
        subject=MEETING,
        check=meetings.meeting_seal_check,
        done="Đã ghi biên bản niêm phong phòng họp hôm nay.",
        web="niem-phong",
        api="seals",
        run=lambda actor, meeting, _data: meetings.meeting_seal(actor=actor, meeting=meeting),
    ),
    Operation(
        "meeting-document-return",
        "Thu lại tài liệu đã phát",
        subject=MEETING_DOCUMENT,
        check=meetings.meeting_return_check,
        submit="Thu lại",
        done="Đã thu lại tài liệu.",
        web="thu-lai",
        api="return",
        run=lambda actor, issued, _data: meetings.meeting_return(actor=actor, issued=issued),
    ),
    Operation(
        "meeting-close",
        "Kết thúc cuộc họp",
        subject=MEETING,
        check=meetings.meeting_close_check,
        done="Đã kết thúc cuộc họp; mọi tài liệu đã phát đều đã thu lại.",
        web="ket-thuc",
        api="close",
        run=lambda actor, meeting, _data: meetings.meeting_close(actor=actor, meeting=meeting),
    ),
    # Information a list item covers that arrives unmarked (R5).
    Operation(
        "pending-classification",
        "Tiếp nhận thông tin thuộc danh mục chưa xác định độ mật",
        form=f.PendingClassificationForm,
        returns=CARRIER,
        check=register_check,
        submit="Vào sổ và giao xác định độ mật",
        web="cho-xac-dinh-do-mat",
        api="pending-classifications",
        done=lambda c: f"Đã vào sổ số {c.pk}: {c}; đã giao xác định độ mật.",
        run=_pending,
    ),
    Operation(  # R5: the pending-classification task closes with the recorded decision.
        "classification-decide",
        "Ghi quyết định độ mật của thông tin chờ xác định",
        form=f.ClassificationDecisionForm,
        subject=CARRIER,
        check=classification.classification_decide_check,
        submit="Ghi quyết định độ mật",
        web="xac-dinh-do-mat",
        api="classification",
        done=lambda c: f"Đã ghi quyết định độ mật: {c.get_level_display()}.",
        run=_classification_decide,
    ),
    # A repealed list item declassifies nothing by itself: the head decides; a superseded item is mapped (R48).
    Operation(
        "delisting-confirm",
        "Quyết định giải mật do mục danh mục bị bãi bỏ",
        form=f.DelistingConfirmForm,
        subject=DELISTING,
        check=delisting.delisting_review_check,
        submit="Quyết định giải mật",
        done="Đã giải mật; thông báo bằng văn bản phải gửi ngay.",
        web="giai-mat",
        api="confirm",
        run=lambda actor, review, data: delisting.delisting_confirm(actor=actor, review=review, **data),
    ),
    Operation(
        "delisting-keep",
        "Tiếp tục bảo vệ theo mục danh mục khác",
        form=f.DelistingKeepForm,
        subject=DELISTING,
        check=delisting.delisting_review_check,
        submit="Tiếp tục bảo vệ",
        done="Đã ghi quyết định tiếp tục bảo vệ theo mục danh mục khác.",
        web="tiep-tuc-bao-ve",
        api="keep",
        run=lambda actor, review, data: delisting.delisting_keep(actor=actor, review=review, **data),
    ),
    Operation(
        "item-map",
        "Đối chiếu mục danh mục cũ với danh mục thay thế",
        form=f.ItemMapForm,
        subject=LIST_ITEM,
        check=delisting.item_map_check,
        submit="Ghi đối chiếu",
        done="Đã đối chiếu; BMNN theo mục cũ tiếp tục được bảo vệ theo mục mới.",
        web="doi-chieu",
        api="map",
        run=lambda actor, item, data: delisting.item_map(actor=actor, item=item, **data),
    ),
]
