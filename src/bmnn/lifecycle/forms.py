"""The input schemas of the lifecycle's operations (lifecycle.operations): shape only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
    form = forms.ChoiceField(choices=CopyForm.choices, label=_("Form of copying"))
    count = forms.IntegerField(min_value=1, max_value=500, label=_("Number of copies requested"))
    recipients = forms.CharField(
        max_length=TEXT_MAX, label=_("Recipients of the copies"), widget=forms.Textarea(attrs={"rows": 2})
    )
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Reasons for the request"), widget=forms.Textarea(attrs={"rows": 2})
    )


class TakeoutRequestForm(forms.Form):
    purpose = forms.CharField(
        max_length=TEXT_MAX, label=_("Purpose of the take-out"), widget=forms.Textarea(attrs={"rows": 2})
    )
    place = forms.CharField(label=_("Place of use"), max_length=200)
    start = forms.DateField(label=pgettext_lazy("lifecycle", "From date"), widget=DATE)
    due = forms.DateField(label=pgettext_lazy("lifecycle", "Return by"), widget=DATE)
    measures = forms.CharField(
        max_length=TEXT_MAX, label=_("Protective measures"), widget=forms.Textarea(attrs={"rows": 2})
    )
    abroad = forms.BooleanField(label=_("Taken abroad"), required=False)


class ExtensionRequestForm(forms.Form):
    new_until = forms.DateField(label=_("Extend until"), widget=DATE)
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Reasons for the extension"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve the request")), ("0", _("Refuse the request"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        label=_("Decision on the request"),
    )
    reasons = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Comments (required when refusing)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CopyMakeForm(forms.Form):
    made = forms.IntegerField(max_value=COUNT_MAX, min_value=1, label=_("Number of copies made"))
    spoiled = forms.IntegerField(
        max_value=COUNT_MAX, min_value=0, initial=0, label=_("Spoiled or surplus copies (destroyed at once)")
    )


class ReturnForm(forms.Form):
    closing_report = forms.CharField(
        max_length=TEXT_MAX, label=_("Closing report"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AbroadHandoverForm(forms.Form):
    """Who receives the record abroad, what is handed over, and the written notice to them (R32)."""

    delegation_head = forms.CharField(
        label=_("Delegation head receiving the handover (full name, position)"), max_length=200
    )
    handed_over_items = forms.CharField(
        max_length=TEXT_MAX,
        label=_("State secrets handed over (number, code, copies, pages)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delegation_notice_ref = forms.CharField(
        label=_("Number and date of the written notice to the delegation head"), max_length=120
    )


# Provision (R33, R34) and re-grade (R10): request forms.


class ProvisionRequestForm(forms.Form):
    """A Vietnamese organisation's or person's request for a secret (R33)."""

    recipient_kind = forms.ChoiceField(
        label=_("Requesting party"),
        choices=[("ORGANISATION", _("Vietnamese agency or organisation")), ("PERSON", _("Vietnamese individual"))],
    )
    recipient_name = forms.CharField(label=_("Name of the requesting agency, organisation or person"), max_length=200)
    representative = forms.CharField(label=_("Representative (agency, organisation)"), max_length=200, required=False)
    id_number = forms.CharField(
        label=_("Personal identification or passport number (individual)"), max_length=40, required=False
    )
    address = forms.CharField(label=_("Contact address (individual)"), max_length=300, required=False)
    position = forms.CharField(label=_("Position (individual)"), max_length=200, required=False)
    purpose = forms.CharField(max_length=TEXT_MAX, label=_("Purpose of use"), widget=forms.Textarea(attrs={"rows": 2}))
    commitment = forms.CharField(
        max_length=TEXT_MAX, label=_("Commitment to protect the state secret"), widget=forms.Textarea(attrs={"rows": 2})
    )
    transfer = forms.BooleanField(label=_("Transfer (not taken back)"), required=False)

    FIELDS = ("representative", "id_number", "address", "position")


class ForeignProvisionRequestForm(forms.Form):
    """A foreign party's request, through its Vietnamese host agency (R34)."""

    recipient_name = forms.CharField(label=_("Name of the foreign agency, organisation or individual"), max_length=200)
    nationality = forms.CharField(label=pgettext_lazy("lifecycle", "Nationality"), max_length=100)
    passport = forms.CharField(label=pgettext_lazy("lifecycle", "Passport number"), max_length=40)
    host_agency = forms.CharField(label=_("Leading Vietnamese agency"), max_length=200)
    purpose_kind = forms.ChoiceField(
        label=_("Purpose of the provision"),
        choices=[
            ("INTERNATIONAL_COOPERATION", _("Taking part in an international cooperation programme")),
            ("OFFICIAL_DUTY", _("Carrying out official duties involving state secrets")),
        ],
    )
    purpose = forms.CharField(
        max_length=TEXT_MAX, label=_("Details of the purpose of use"), widget=forms.Textarea(attrs={"rows": 2})
    )
    commitment = forms.CharField(
        max_length=TEXT_MAX, label=_("Commitment to protect the state secret"), widget=forms.Textarea(attrs={"rows": 2})
    )
    no_third_party = forms.BooleanField(
        label=_("Commitment not to provide or transfer to a third party"), required=False
    )
    transfer = forms.BooleanField(label=_("Transfer (not taken back)"), required=False)

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
        label=_("Secret list basis (the new level follows the highest item)"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Reasons for the regrading"), widget=forms.Textarea(attrs={"rows": 2})
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
        label=_("Kind of council"),
        initial="DESTROY",
        choices=[("DESTROY", _("Destruction council")), ("DECLASSIFY", _("Declassification council"))],
    )
    carriers = CarriersField(
        queryset=None, label=_("State secrets put before the council"), widget=forms.CheckboxSelectMultiple
    )
    setup_decision_ref = forms.CharField(label=_("Number of the founding decision"), max_length=120)
    setup_date = forms.DateField(label=_("Date of the founding decision"), widget=DATE)
    chair = PersonField(queryset=None, label=_("Council chair (agency leader)"))
    members = PeopleField(queryset=None, label=_("Members (including the person directly managing the state secret)"))

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
        max_length=TEXT_MAX, label=_("Council meeting minutes"), widget=forms.Textarea(attrs={"rows": 5})
    )


class CouncilDecisionForm(OperationForm):
    """The head's decision after the minutes; a partial declassification names the content (R11, R36)."""

    decision_ref = forms.CharField(label=pgettext_lazy("lifecycle", "Decision number"), max_length=120)
    approve = forms.TypedChoiceField(
        choices=[("1", _("Agree with the council")), ("0", _("Disagree with the council"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        label=_("Decision after the council"),
        initial="1",
    )
    partial_content = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Partial declassification: the declassified content (leave empty to declassify in full)"),
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
                label=_("Destruction order: %(c)s") % {"c": carrier}, min_value=1, initial=number
            )
            self.fields[f"method_{carrier.pk}"] = forms.CharField(label=_("Destruction method"), max_length=200)
            self.fields[f"executors_{carrier.pk}"] = forms.CharField(
                label=_("Persons carrying out the destruction"), max_length=300
            )


def destruction_entries(council: Any, data: dict[str, Any]) -> list[tuple[Any, str, str]]:
    """The record's rows from a valid DestructionRecordForm: each listed item in the sequence given."""
    listed = list(council.carriers.order_by("pk"))
    ordered = sorted(listed, key=lambda c: (data[f"sequence_{c.pk}"], c.pk))
    return [(c, data[f"method_{c.pk}"], data[f"executors_{c.pk}"]) for c in ordered]


class RecallForm(OperationForm):
    return_by = forms.DateField(label=pgettext_lazy("lifecycle", "Return by"), widget=DATE)
    reason = forms.CharField(
        max_length=TEXT_MAX, label=_("Reasons for the recall"), widget=forms.Textarea(attrs={"rows": 2})
    )


class EmergencyDestructionForm(OperationForm):
    reason = forms.CharField(
        max_length=TEXT_MAX, label=_("Reasons for the emergency"), widget=forms.Textarea(attrs={"rows": 2})
    )
    method = forms.CharField(label=_("Destruction method"), max_length=200)
    report = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Written report to the head"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PlaceUseEndForm(OperationForm):
    ended_on = forms.DateField(label=_("No longer used from"), widget=DATE)
    decision_ref = forms.CharField(label=_("Number of the head's document"), max_length=120)


class EmergencyAcknowledgeForm(OperationForm):
    direction = forms.CharField(
        max_length=TEXT_MAX, label=_("The head's directions"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ClassificationDecisionForm(OperationForm):
    """The competent person's decision on information held pending classification (R5)."""

    items = ItemsField(
        queryset=None,
        label=_("Secret list items as the basis (the level follows the highest item)"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    decision_maker = PersonField(queryset=None, label=_("Person deciding the level"))
    decision_ref = forms.CharField(label=_("Number of the level decision document"), max_length=120)

    def setup(self) -> None:
        from bmnn.org.selectors import people_visible_to

        cast("forms.ModelChoiceField[Any]", self.fields["items"]).queryset = _list_items()
        if self.actor is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["decision_maker"]).queryset = people_visible_to(self.actor)


class PendingClassificationForm(OperationForm):
    """Unmarked information a list item covers, and who will determine its level (R5)."""

    sender = forms.CharField(label=_("Sender, source of the information"), max_length=200)
    doc_number = forms.CharField(label=_("Number and code (if any)"), max_length=100)
    doc_type = forms.CharField(label=_("Kind of document or object"), max_length=100, required=False)
    abstract = forms.CharField(
        max_length=ABSTRACT_MAX,
        label=_("Summary (not written for a Top Secret item)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    items = ItemsField(
        queryset=None,
        label=_("Secret list items covering the information"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    handler = PersonField(queryset=None, label=_("Person assigned to decide the level"))
    storage_place = forms.CharField(label=pgettext_lazy("lifecycle", "Storage place"), max_length=200, required=False)

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

    title = forms.CharField(label=_("Subject of the meeting, conference or seminar"), max_length=300)
    level = forms.ChoiceField(label=_("Level of the content"), choices=Level.choices)
    starts_on = forms.DateField(label=pgettext_lazy("lifecycle", "From date"), widget=DATE)
    ends_on = forms.DateField(label=pgettext_lazy("lifecycle", "To date"), widget=DATE)
    venue = forms.CharField(
        label=_("Venue (closed meeting room at the premises, or a place outside them)"), max_length=300
    )
    offsite = forms.BooleanField(label=_("Held outside the agency's premises"), required=False)
    police_check_ref = forms.CharField(
        label=_("Request to the police for a security check (when meeting outside the premises)"),
        max_length=200,
        required=False,
    )
    attendees = PeopleField(queryset=None, label=_("Attendees (officials cleared for state secrets)"))
    equipment_check = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Equipment inspection record (projectors, sound, computers)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    no_devices_control = forms.BooleanField(
        label=_(
            "Control that no recording or transmitting devices enter the room (required for Secret and Top Secret)"
        ),
        required=False,
    )
    guard_plan = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Protection plan (required for Top Secret)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attendee_check = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Security check of the attendees (required for Top Secret)"),
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
        queryset=None, label=_("State secret document handed out at the meeting")
    )
    to = PersonField(queryset=None, label=_("Recipient (among the attendees)"))

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
        label=_("The head's opinion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DelistingKeepForm(OperationForm):
    """The item in force that keeps the record protected, and why (R48)."""

    item = ItemField(queryset=None, label=_("Keep protecting under the list item"))
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Reasons for keeping the protection"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def setup(self) -> None:
        level = getattr(getattr(self.subject, "carrier", None), "level", None)
        cast("forms.ModelChoiceField[Any]", self.fields["item"]).queryset = _items_in_force(level)


class ItemMapForm(OperationForm):
    """The matching item of the replacement list (R48)."""

    new_item = ItemField(queryset=None, label=_("Corresponding item in the replacing list"))
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Note on the mapping"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def setup(self) -> None:
        level = getattr(self.subject, "level", None)
        cast("forms.ModelChoiceField[Any]", self.fields["new_item"]).queryset = _items_in_force(level)
