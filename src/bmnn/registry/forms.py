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


MISSING = _("Does not exist (id %(value)s).")
MISSING_PK = _("Does not exist (id %(pk)s).")  # Django names the value "pk" for a malformed id in a list


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
        label=_("Basis in the state secret list (the level follows the highest item)"),
    )
    kind = forms.ChoiceField(choices=CarrierKind.choices, label=_("Carrier kind"), initial=CarrierKind.DOCUMENT)
    medium = forms.ChoiceField(choices=Medium.choices, label=_("Carrier medium"), initial=Medium.PAPER)
    doc_type = forms.CharField(label=_("Document type / object name"), max_length=120)
    symbol = forms.CharField(
        label=_("Document code (the number is assigned by the system)"),
        max_length=60,
        help_text=_("For example: KH-SGDDT. The outgoing number is assigned on registration."),
    )
    doc_date = forms.DateField(label=_("Document date"), required=False, widget=DATE)
    abstract = forms.CharField(
        max_length=ABSTRACT_MAX,
        label=_("Abstract"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty for a Top Secret record."),
    )  # R18
    drafter = PersonChoice(queryset=Person.objects.none(), label=_("Drafter who proposed the secrecy level"))
    decision_maker = PersonChoice(queryset=Person.objects.none(), label=_("Person who decided the secrecy level"))
    signer = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label=_("Signer of the issued document"),
        help_text=_(
            "Leave empty if the person who decided the level signs. The signer must be in the agency's "
            "signing-authority table."
        ),
    )
    recipients = forms.CharField(max_length=TEXT_MAX, label=_("Recipients"), widget=forms.Textarea(attrs={"rows": 2}))
    copies_issued = forms.IntegerField(max_value=COUNT_MAX, label=_("Number of copies issued"), min_value=1, initial=1)
    copy_permitted = forms.BooleanField(label=_("Copying permitted"), required=False)
    circulation_scope = forms.CharField(label=_("Circulation scope"), required=False, max_length=200)
    urgency = forms.ChoiceField(choices=Urgency.choices, label=_("Urgency"), initial=Urgency.NORMAL)
    determination_date = forms.DateField(label=_("Date the secrecy level was determined"), required=False, widget=DATE)
    shorter_protection_until = forms.DateField(
        label=_("Shorter protection period (activities only)"), required=False, widget=DATE
    )
    custodian = PersonChoice(queryset=Person.objects.none(), label=_("Custodian"))
    storage_place = forms.CharField(label=_("Storage place"), required=False, max_length=200)
    sources = forms.ModelMultipleChoiceField(
        queryset=Carrier.objects.none(),
        required=False,
        label=_("Incoming secrets used (reply, summary, extract)"),
        help_text=_("The outgoing document's level is not lower than that of the incoming secrets it uses."),
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

    sender = forms.CharField(label=_("Sender"), max_length=200)
    doc_number = forms.CharField(label=_("Number and code (on the document or the envelope)"), max_length=80)
    doc_date = forms.DateField(label=_("Document date"), required=False, widget=DATE)
    level = forms.ChoiceField(choices=Level.choices, label=_("Secrecy level (as stamped)"))
    doc_type = forms.CharField(label=_("Document type"), required=False, max_length=120)
    abstract = forms.CharField(
        max_length=ABSTRACT_MAX,
        label=_("Abstract"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Not recorded for Top Secret or for an unopened envelope."),
    )  # R18, R24
    urgency = forms.ChoiceField(choices=Urgency.choices, label=_("Urgency"), initial=Urgency.NORMAL)
    medium = forms.ChoiceField(choices=Medium.choices, label=_("Carrier medium"), initial=Medium.PAPER)
    named_recipient = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label=_('Envelope marked "Only the named person may open": the named person'),
    )
    expected_count = forms.IntegerField(
        max_value=COUNT_MAX, label=_("Quantity per envelope / dispatch slip"), min_value=0, initial=1
    )
    received_count = forms.IntegerField(
        max_value=COUNT_MAX, label=_("Quantity actually received"), min_value=0, initial=1
    )
    packaging_intact = forms.BooleanField(label=_("Packaging intact, correctly sealed"), required=False, initial=True)
    discrepancy_note = forms.CharField(label=_("Mismatch note (if any)"), required=False, max_length=300)
    storage_place = forms.CharField(label=_("Storage place"), required=False, max_length=200)


class SignOffForm(OperationForm):
    expected_count = forms.IntegerField(
        max_value=COUNT_MAX, label=_("Quantity per envelope / dispatch slip"), min_value=0
    )
    received_count = forms.IntegerField(max_value=COUNT_MAX, label=_("Quantity actually received"), min_value=0)
    packaging_intact = forms.BooleanField(label=_("Packaging intact"), required=False)


class SenderNoticeForm(OperationForm):
    """The notice sent to the sender of a receipt that did not match (R25)."""

    notice_ref = forms.CharField(label=_("Number and date of the notice to the sender"), max_length=120)
    notice = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Notice text (leave empty to keep the draft)"),
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

    to_person = PersonChoice(queryset=Person.objects.none(), required=False, label=_("Hand over to an official"))
    to_unit = UnitLookupChoice(queryset=Organisation.objects.none(), required=False, label=_("or hand over to a unit"))
    envelope_count = forms.IntegerField(max_value=COUNT_MAX, label=_("Number of envelopes"), min_value=1, initial=1)
    named_only = forms.BooleanField(label=_('Stamp "Only the named person may open"'), required=False)
    note = forms.CharField(label=_("Handover note"), required=False, max_length=300)


class HandoverConfirmForm(OperationForm):
    """What the recipient of a TOI_MAT or TUYET_MAT item confirms before signing (R23): the count of envelopes
    received and that they arrive sealed. A MAT item is signed for in one step."""

    received_count = forms.IntegerField(
        max_value=COUNT_MAX, label=_("Number of envelopes actually received"), min_value=0
    )
    envelope_intact = forms.BooleanField(label=_("Envelopes intact, seals unbroken"), required=False)

    CONFIRMED_LEVELS = (Level.TOI_MAT, Level.TUYET_MAT)

    def setup(self) -> None:
        handover = self.subject
        if handover is not None and handover.carrier.level not in self.CONFIRMED_LEVELS:
            del self.fields["received_count"], self.fields["envelope_intact"]
        elif handover is not None:
            self.fields["received_count"].help_text = _(
                "Sign for %(carrier)s under delivery slip %(number)s/%(year)s handed over by %(sender)s: %(n)s "
                "envelope(s), mark «%(letter)s»."
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
                    "You must confirm the envelopes are intact. If an envelope is opened or torn: do not sign, draw "
                    "up a record and report to the head."
                )
            )
        return True


SEARCH_FILTER = "records-search"  # the look-up's name for this form (core.lookup.register_filter)


class SearchForm(forms.Form):
    q = forms.CharField(max_length=SEARCH_MAX, label=_("Search the register"), required=False)
    level = forms.ChoiceField(
        choices=[("", _("Any secrecy level")), *Level.choices], required=False, label=_("Secrecy level")
    )
    status = forms.ChoiceField(required=False, label=_("Record status"))
    direction = forms.ChoiceField(required=False, label=_("Direction"))
    unit = UnitLookupChoice(queryset=Organisation.objects.none(), required=False, label=_("Organisational unit"))
    unit.widget.attrs["aria-label"] = _("Organisational unit")  # the search bar shows no labels, only the boxes
    year = forms.IntegerField(required=False, label=_("Registration year filter"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", _("Any record status")), *Status.choices]
        cast(forms.ChoiceField, self.fields["direction"]).choices = [
            ("", _("Outgoing and incoming")),
            *Direction.choices,
        ]
        cast("forms.ModelChoiceField[Any]", self.fields["unit"]).queryset = organisations_visible_to(user)
        point_at(self, SEARCH_FILTER, None)
