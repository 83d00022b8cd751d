"""The registry's operations: register outgoing and incoming secrets, sign off a held receipt, hand over, sign for.

Each is declared once; its screen, REST endpoint, command and offer on the record's page come from here
(bmnn.core.operations).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
        return _("Quantity or packaging mismatch: not registered; an incident was recorded and reported to the head.")
    return _("Registered as incoming state secret number {number}/{year}.").format(
        number=carrier.reg_number, year=carrier.reg_year
    )


OPERATIONS = [
    Operation(
        "outgoing-register",
        gettext_lazy("Determine the secrecy level and register an outgoing state secret"),
        form=f.OutgoingForm,
        returns=CARRIER,
        check=services.register_check,
        run=_outgoing,
        submit=gettext_lazy("Enter in the outgoing register"),
        done=lambda c: _("Registered as outgoing state secret number {number}.").format(number=c.doc_number),
        web="dang-ky-di",
        api="carriers/outgoing",
    ),
    Operation(
        "incoming-receive",
        gettext_lazy("Receive and register an incoming state secret"),
        form=f.IncomingForm,
        returns=CARRIER,
        check=services.register_check,
        submit=gettext_lazy("Receive"),
        done=_incoming_done,
        web="tiep-nhan-den",
        api="carriers/incoming",
        run=lambda actor, _s, data: services.incoming_receive(actor=actor, **data),
    ),
    Operation(
        "incoming-sign-off",
        gettext_lazy("Sign for it after the mismatch is remedied"),
        form=f.SignOffForm,
        subject=CARRIER,
        check=services.incoming_sign_off_check,
        submit=gettext_lazy("Sign for it and enter in the incoming register"),
        done=gettext_lazy("Signed for and entered in the incoming register."),
        web="ky-nhan-den",
        api="sign-off",
        run=lambda actor, carrier, data: services.incoming_sign_off(actor=actor, carrier=carrier, **data),
    ),
    Operation(  # R25: the notice to the sender of a mismatched receipt, followed on the due page until sent.
        "incoming-notify-sender",
        gettext_lazy("Record that the sender was notified of the mismatch on receipt"),
        form=f.SenderNoticeForm,
        subject=CARRIER,
        check=services.incoming_notify_sender_check,
        submit=gettext_lazy("Notice sent"),
        done=gettext_lazy("The notice to the sender was recorded."),
        web="thong-bao-noi-gui",
        api="sender-notice",
        run=lambda actor, carrier, data: services.incoming_notify_sender(actor=actor, carrier=carrier, **data),
    ),
    Operation(
        "handover-create",
        gettext_lazy("Hand over a state secret"),
        form=f.HandoverForm,
        subject=CARRIER,
        returns=HANDOVER,
        check=services.handover_check,
        submit=gettext_lazy("Hand over (enter in the delivery register)"),
        done=gettext_lazy("Handed over; the state secret awaits the recipient's signature."),
        web="giao",
        api="handovers",
        run=lambda actor, carrier, data: services.handover_create(actor=actor, carrier=carrier, **data),
    ),
    Operation(
        "handover-confirm",
        gettext_lazy("Sign for a state secret"),
        subject=HANDOVER,
        check=services.handover_confirm_check,
        form=f.HandoverConfirmForm,
        submit=gettext_lazy("Sign for it"),
        done=lambda h: _("Signed for {carrier}.").format(carrier=h.carrier),
        web="ky-nhan",
        api="confirm",
        run=lambda actor, handover, data: services.handover_confirm(actor=actor, handover=handover, **data),
    ),
]
