"""The registry's operations: register outgoing and incoming secrets, sign off a held receipt, hand over, sign for.

Each is declared once; its screen, REST endpoint, command and offer on the record's page come from here
(bmnn.core.operations).
"""

from __future__ import annotations

from typing import Any

from bmnn.core.operations import Operation, Subject

from . import forms as f
from . import selectors, services
from .choices import Status
from .models import Carrier
from .serializers import CarrierSerializer, HandoverSerializer

CARRIER = Subject(
    "carrier",
    selectors.carrier_get_for_user,
    page="registry:carrier",
    api="carriers",
    web="so-bmnn",
    present=lambda c: CarrierSerializer(c).data,
)
HANDOVER = Subject(
    "handover",
    selectors.handover_awaiting_get_for_user,
    page="registry:carrier",
    api="handovers",
    web="cho-ky-nhan",
    present=lambda h: HandoverSerializer(h).data,
    page_pk=lambda h: h.carrier_id,
)


def _outgoing(actor: Any, _subject: None, data: dict[str, Any]) -> Carrier:
    data = dict(data)
    data["item_ids"] = [i.pk for i in data.pop("items")]
    data["source_ids"] = [c.pk for c in data.pop("sources", [])]  # R3
    return services.outgoing_register(actor=actor, **data)


def _incoming_done(carrier: Carrier) -> str:
    if carrier.status == Status.HELD:
        return "Sai lệch số lượng hoặc bao bì: chưa vào sổ, đã lập sự cố và báo cáo người đứng đầu."
    return f"Đã vào sổ BMNN đến số {carrier.reg_number}/{carrier.reg_year}."


OPERATIONS = [
    Operation(
        "outgoing-register",
        "Xác định độ mật và đăng ký BMNN đi",
        form=f.OutgoingForm,
        returns=CARRIER,
        check=services.register_check,
        run=_outgoing,
        submit="Vào sổ BMNN đi",
        done=lambda c: f"Đã vào sổ BMNN đi số {c.doc_number}.",
        web="dang-ky-di",
        api="carriers/outgoing",
    ),
    Operation(
        "incoming-receive",
        "Tiếp nhận và đăng ký BMNN đến",
        form=f.IncomingForm,
        returns=CARRIER,
        check=services.register_check,
        submit="Tiếp nhận",
        done=_incoming_done,
        web="tiep-nhan-den",
        api="carriers/incoming",
        run=lambda actor, _s, data: services.incoming_receive(actor=actor, **data),
    ),
    Operation(
        "incoming-sign-off",
        "Ký nhận sau khi khắc phục sai lệch",
        form=f.SignOffForm,
        subject=CARRIER,
        check=services.incoming_sign_off_check,
        submit="Ký nhận và vào sổ đến",
        done="Đã ký nhận và vào sổ BMNN đến.",
        web="ky-nhan-den",
        api="sign-off",
        run=lambda actor, carrier, data: services.incoming_sign_off(actor=actor, carrier=carrier, **data),
    ),
    Operation(  # R25: the notice to the sender of a mismatched receipt, followed on the due page until sent.
        "incoming-notify-sender",
        "Ghi nhận đã thông báo nơi gửi về sai lệch khi nhận",
        form=f.SenderNoticeForm,
        subject=CARRIER,
        check=services.incoming_notify_sender_check,
        submit="Đã gửi thông báo",
        done="Đã ghi nhận thông báo nơi gửi.",
        web="thong-bao-noi-gui",
        api="sender-notice",
        run=lambda actor, carrier, data: services.incoming_notify_sender(actor=actor, carrier=carrier, **data),
    ),
    Operation(
        "handover-create",
        "Giao BMNN",
        form=f.HandoverForm,
        subject=CARRIER,
        returns=HANDOVER,
        check=services.handover_check,
        submit="Giao (vào sổ chuyển giao)",
        done="Đã giao; BMNN ở trạng thái chờ ký nhận.",
        web="giao",
        api="handovers",
        run=lambda actor, carrier, data: services.handover_create(actor=actor, carrier=carrier, **data),
    ),
    Operation(
        "handover-confirm",
        "Ký nhận BMNN",
        subject=HANDOVER,
        check=services.handover_confirm_check,
        form=f.HandoverConfirmForm,
        submit="Ký nhận",
        done=lambda h: f"Đã ký nhận {h.carrier}.",
        web="ky-nhan",
        api="confirm",
        run=lambda actor, handover, data: services.handover_confirm(actor=actor, handover=handover, **data),
    ),
]
