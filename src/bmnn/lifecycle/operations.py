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
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bmnn.approvals.models import Request
from bmnn.approvals.services import request_decide, request_decide_check
from bmnn.core.operations import NoInput, Operation, Subject
from bmnn.core.text import Message
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
SENT = _("Request no. {pk} is sent; the competent person will see it in the approval queue.")


def _request_sent(request: Request) -> str:
    return str(SENT).format(pk=request.pk)


def _ask(slug: str, title: Message, form: type, check: Callable[[Any, Any], None], run: Run, web: str) -> Operation:
    """A request about a record: it waits in the competent person's queue (R12)."""
    return Operation(
        slug,
        title,
        form=form,
        subject=CARRIER,
        returns=REQUEST,
        check=check,
        run=run,
        submit=_("Send the request"),
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
    title: Message,
    check: Callable[[Any, Any], None],
    service: Callable[..., Any],
    web: str,
    api: str,
    done: Message,
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
    return _("The founding decision is registered. Council no. {pk}: {council}.").format(pk=council.pk, council=council)


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
        _("Request copying"),
        f.CopyRequestForm,
        copying.copy_request_check,
        lambda actor, carrier, data: copying.copy_request(actor=actor, carrier=carrier, **data),
        "sao-chup",
    ),
    _ask(
        "takeout-request",
        _("Request taking out of storage"),
        f.TakeoutRequestForm,
        takeouts.takeout_request_check,
        lambda actor, carrier, data: takeouts.takeout_request(actor=actor, carrier=carrier, **data),
        "mang-ra",
    ),
    _ask(
        "extension-request",
        _("Request an extension of the protection period"),
        f.ExtensionRequestForm,
        protection.extension_request_check,
        lambda actor, carrier, data: protection.extension_request(actor=actor, carrier=carrier, **data),
        "gia-han",
    ),
    _ask(
        "provision-request",
        _("Request provision or transfer to a Vietnamese agency, organisation or individual"),
        f.ProvisionRequestForm,
        provision.provision_request_check,
        _provide,
        "cung-cap",
    ),
    _ask(
        "foreign-provision-request",
        _("Request provision or transfer to a foreign party"),
        f.ForeignProvisionRequestForm,
        provision.provision_foreign_check,
        _provide,
        "cung-cap-nuoc-ngoai",
    ),
    _ask(
        "regrade-request",
        _("Request a regrading"),
        f.RegradeRequestForm,
        regrade.regrade_request_check,
        _regrade,
        "dieu-chinh-do-mat",
    ),
    # The decision (R12, R13, R33, S7) and the execution of what was approved.
    Operation(
        "request-decide",
        _("Decide the request"),
        form=f.DecisionForm,
        subject=REQUEST,
        check=request_decide_check,
        submit=_("Record the decision"),
        web="quyet-dinh",
        api="decide",
        done=lambda r: _("The decision is recorded. Request no. {pk}: {status}.").format(
            pk=r.pk, status=r.get_status_display()
        ),
        run=lambda actor, request, data: request_decide(actor=actor, request=request, **data),
    ),
    _carry_out(
        "copy-make",
        _("Make the copies"),
        copying.copy_make_check,
        copying.copy_make,
        "sao-chup",
        "copy",
        _("Carried out and registered. The copies are made, numbered and stamped."),
        form=f.CopyMakeForm,
    ),
    _carry_out(
        "takeout-checkout",
        _("Hand over the document taken out"),
        takeouts.takeout_checkout_check,
        takeouts.takeout_checkout,
        "mang-ra",
        "takeout",
        _("Carried out and registered. The document has been taken out of storage."),
    ),
    _carry_out(
        "extension-apply",
        _("Extend and stamp the extension"),
        protection.extension_apply_check,
        protection.extension_apply,
        "gia-han",
        "extension",
        _("Carried out and registered. The protection period is extended; the notice is drawn up."),
    ),
    _carry_out(
        "provision-execute",
        _("Hand the state secret to the recipient (registered)"),
        provision.provision_execute_check,
        provision.provision_execute,
        "cung-cap",
        "provision",
        _("Carried out and registered. The state secret has been handed to the recipient."),
    ),
    _carry_out(
        "regrade-apply",
        _("Stamp the regrading and send the notice"),
        _regrade_apply_check,
        regrade.regrade_apply,
        "dieu-chinh-do-mat",
        "regrade",
        _("Carried out and registered. The level is adjusted; the notice is drawn up."),
    ),
    Operation(
        "takeout-return",
        _("Take the document back into storage"),
        form=f.ReturnForm,
        subject=TAKEOUT,
        check=takeouts.takeout_return_check,
        submit=_("Take back into storage"),
        done=_("The document is back in storage."),
        web="tra",
        api="return",
        run=lambda actor, takeout, data: takeouts.takeout_return(actor=actor, takeout=takeout, **data),
    ),
    Operation(  # R32: abroad, the record is handed to the delegation's head, who is notified in writing.
        "takeout-abroad-handover",
        _("Hand the state secret taken abroad to the delegation head"),
        form=f.AbroadHandoverForm,
        subject=TAKEOUT,
        check=takeouts.takeout_abroad_handover_check,
        submit=_("Record the handover"),
        done=_("The handover to the delegation head and the notice to them are recorded."),
        web="ban-giao-truong-doan",
        api="abroad-handover",
        run=lambda actor, takeout, data: takeouts.takeout_abroad_handover(actor=actor, takeout=takeout, **data),
    ),
    # Recall (R26) and emergency destruction (R37) of a record.
    Operation(
        "recall-issue",
        _('Recall the state secret (stamp "Recalled document")'),
        form=f.RecallForm,
        subject=CARRIER,
        returns=RECALL,
        check=recall.recall_issue_check,
        done=_("Recalled; every copy held has a return date."),
        web="thu-hoi",
        api="recall",
        run=lambda actor, carrier, data: recall.recall_issue(actor=actor, carrier=carrier, **data),
    ),
    Operation(
        "recall-item-return",
        _("Confirm the recalled document was received back"),
        subject=RECALL_ITEM,
        check=recall.recall_confirm_return_check,
        submit=_("Confirm it was received back"),
        done=_("Receipt confirmed."),
        web="xac-nhan-tra",
        api="return",
        run=lambda actor, item, _data: recall.recall_confirm_return(actor=actor, item=item),
    ),
    Operation(
        "emergency-destruction",
        _("Destroy in an emergency and report to the head at once"),
        form=f.EmergencyDestructionForm,
        subject=CARRIER,
        check=councils.destroy_emergency_check,
        done=_("Destroyed in an emergency; the report has gone to the head."),
        web="tieu-huy-khan-cap",
        api="emergency-destruction",
        run=lambda actor, carrier, data: councils.destroy_emergency(actor=actor, carrier=carrier, **data),
    ),
    Operation(  # R6: a place is protected until its head records the end of its use.
        "place-use-end",
        _("Record that the place is no longer used (declassify)"),
        form=f.PlaceUseEndForm,
        subject=CARRIER,
        check=protection.place_use_end_check,
        submit=_("Record and declassify"),
        done=_("The place is recorded as no longer used; it is declassified and a notice is drawn up."),
        web="ket-thuc-su-dung",
        api="use-ended",
        run=lambda actor, carrier, data: protection.place_use_end(actor=actor, carrier=carrier, **data),
    ),
    Operation(  # R37: the head acknowledges the immediate report; the task on the due page closes.
        "emergency-acknowledge",
        _("Acknowledge the emergency destruction report"),
        form=f.EmergencyAcknowledgeForm,
        subject=EMERGENCY,
        check=councils.emergency_acknowledge_check,
        submit=pgettext_lazy("lifecycle", "Acknowledge"),
        done=_("The emergency destruction report is acknowledged."),
        web="ghi-nhan",
        api="acknowledge",
        run=lambda actor, emergency, data: councils.emergency_acknowledge(actor=actor, emergency=emergency, **data),
    ),
    # Councils: declassification (R11) and destruction (R36).
    Operation(
        "council-set-up",
        _("Set up a council"),
        check=councils.council_set_up_check,
        form=f.CouncilSetUpForm,
        returns=COUNCIL,
        submit=_("Register the founding decision"),
        done=_council_done,
        web="hoi-dong/moi",
        api="councils",
        api_list=api.councils,
        run=lambda actor, _s, data: councils.council_set_up(actor=actor, **data),
    ),
    Operation(
        "destruction-council",
        _("Set up a destruction council"),
        form=f.CarrierCouncilForm,
        subject=CARRIER,
        returns=COUNCIL,
        check=councils.council_destroy_check,
        submit=_("Register the founding decision"),
        done=_council_done,
        web="hoi-dong-tieu-huy",
        api="destruction-council",
        run=_council(CouncilPurpose.DESTROY),
    ),
    Operation(
        "declassification-council",
        _("Set up a declassification council"),
        form=f.CarrierCouncilForm,
        subject=CARRIER,
        returns=COUNCIL,
        check=councils.council_declassify_check,
        submit=_("Register the founding decision"),
        done=_council_done,
        web="hoi-dong-giai-mat",
        api="declassification-council",
        run=_council(CouncilPurpose.DECLASSIFY),
    ),
    Operation(
        "council-minutes",
        _("Draw up the council meeting minutes"),
        form=f.MinutesForm,
        subject=COUNCIL,
        check=councils.council_minutes_check,
        submit=_("Save the meeting minutes"),
        done=_("The council meeting minutes are saved."),
        web="bien-ban-hop",
        api="minutes",
        run=lambda actor, council, data: councils.council_minutes(actor=actor, council=council, **data),
    ),
    Operation(
        "council-decide",
        _("Decide after the council"),
        form=f.CouncilDecisionForm,
        subject=COUNCIL,
        check=councils.council_decide_check,
        submit=_("Record the decision"),
        done=_("The decision is recorded."),
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
        _("Draw up the destruction record"),
        form=f.DestructionRecordForm,
        subject=COUNCIL,
        check=councils.destruction_record_check,
        done=_("The destruction record is drawn up; awaiting the members' confirmation."),
        web="bien-ban-tieu-huy",
        api="destruction-record",
        run=lambda actor, council, data: councils.destruction_record(
            actor=actor, council=council, entries=f.destruction_entries(council, data)
        ),
    ),
    Operation(
        "destruction-confirm",
        _("Confirm the destruction record"),
        subject=COUNCIL,
        check=councils.destruction_confirm_check,
        done=_("The destruction record is confirmed."),
        web="xac-nhan-tieu-huy",
        api="confirmations",
        run=lambda actor, council, _data: councils.destruction_confirm(actor=actor, council=council),
    ),
    # Written notices owed after an extension, a re-grade or a declassification (R7, R9, R10, R11).
    Operation(
        "notice-sent",
        _("Record the notice as sent"),
        subject=NOTICE,
        check=notices.notice_mark_sent_check,
        submit=pgettext_lazy("lifecycle", "Sent"),
        done=_("The notice is recorded as sent."),
        web="da-gui",
        api="sent",
        run=lambda actor, notice, _data: notices.notice_mark_sent(actor=actor, notice=notice),
    ),
    # Meetings with secret content (R35, S7).
    Operation(
        "meeting-plan",
        _("Plan a conference, seminar or meeting with state secret content"),
        check=meetings.meeting_plan_check,
        form=f.MeetingPlanForm,
        returns=MEETING,
        submit=_("Plan the meeting"),
        web="hoi-nghi/moi",
        api="meetings",
        api_list=api.meetings,
        done=lambda m: _("Meeting no. {pk} is planned; awaiting the agency leaders' approval.").format(pk=m.pk),
        run=lambda actor, _s, data: meetings.meeting_plan(actor=actor, **data),
    ),
    Operation(
        "meeting-approve",
        _("Approve the meeting"),
        subject=MEETING,
        check=meetings.meeting_approve_check,
        done=_("The meeting is approved."),
        web="phe-duyet",
        api="approval",
        run=lambda actor, meeting, _data: meetings.meeting_approve(actor=actor, meeting=meeting),
    ),
    Operation(
        "meeting-issue",
        _("Hand out a document to an attendee"),
        form=f.MeetingIssueForm,
        subject=MEETING,
        check=meetings.meeting_issue_check,
        submit=_("Hand out the document"),
        done=_("The document is handed out; it must be collected before the meeting ends."),
        web="phat-tai-lieu",
        api="documents",
        run=lambda actor, meeting, data: meetings.meeting_issue(actor=actor, meeting=meeting, **data),
    ),
    Operation(
        "meeting-seal",
        _("Seal the meeting room today"),
        subject=MEETING,
        check=meetings.meeting_seal_check,
        done=_("Today's meeting room seal is recorded."),
        web="niem-phong",
        api="seals",
        run=lambda actor, meeting, _data: meetings.meeting_seal(actor=actor, meeting=meeting),
    ),
    Operation(
        "meeting-document-return",
        _("Collect the document handed out"),
        subject=MEETING_DOCUMENT,
        check=meetings.meeting_return_check,
        submit=pgettext_lazy("lifecycle", "Collect"),
        done=_("The document is collected."),
        web="thu-lai",
        api="return",
        run=lambda actor, issued, _data: meetings.meeting_return(actor=actor, issued=issued),
    ),
    Operation(
        "meeting-close",
        _("Close the meeting"),
        subject=MEETING,
        check=meetings.meeting_close_check,
        done=_("The meeting is closed; every document handed out has been collected."),
        web="ket-thuc",
        api="close",
        run=lambda actor, meeting, _data: meetings.meeting_close(actor=actor, meeting=meeting),
    ),
    # Information a list item covers that arrives unmarked (R5).
    Operation(
        "pending-classification",
        _("Receive listed information whose level is not yet decided"),
        form=f.PendingClassificationForm,
        returns=CARRIER,
        check=register_check,
        submit=_("Register and assign the level decision"),
        web="cho-xac-dinh-do-mat",
        api="pending-classifications",
        done=lambda c: _("Registered as no. {pk}: {carrier}; the level decision is assigned.").format(
            pk=c.pk, carrier=c
        ),
        run=_pending,
    ),
    Operation(  # R5: the pending-classification task closes with the recorded decision.
        "classification-decide",
        _("Record the level decision for pending information"),
        form=f.ClassificationDecisionForm,
        subject=CARRIER,
        check=classification.classification_decide_check,
        submit=_("Record the level decision"),
        web="xac-dinh-do-mat",
        api="classification",
        done=lambda c: _("The level decision is recorded: {level}.").format(level=c.get_level_display()),
        run=_classification_decide,
    ),
    # A repealed list item declassifies nothing by itself: the head decides; a superseded item is mapped (R48).
    Operation(
        "delisting-confirm",
        _("Decide declassification after a repealed list item"),
        form=f.DelistingConfirmForm,
        subject=DELISTING,
        check=delisting.delisting_review_check,
        submit=_("Decide to declassify"),
        done=_("Declassified; the written notice must be sent at once."),
        web="giai-mat",
        api="confirm",
        run=lambda actor, review, data: delisting.delisting_confirm(actor=actor, review=review, **data),
    ),
    Operation(
        "delisting-keep",
        _("Keep protecting under another list item"),
        form=f.DelistingKeepForm,
        subject=DELISTING,
        check=delisting.delisting_review_check,
        submit=_("Keep protecting"),
        done=_("The decision to keep protecting under another list item is recorded."),
        web="tiep-tuc-bao-ve",
        api="keep",
        run=lambda actor, review, data: delisting.delisting_keep(actor=actor, review=review, **data),
    ),
    Operation(
        "item-map",
        _("Map an old list item to the replacing list"),
        form=f.ItemMapForm,
        subject=LIST_ITEM,
        check=delisting.item_map_check,
        submit=_("Record the mapping"),
        done=_("Mapped; state secrets under the old item stay protected under the new one."),
        web="doi-chieu",
        api="map",
        run=lambda actor, item, data: delisting.item_map(actor=actor, item=item, **data),
    ),
]
