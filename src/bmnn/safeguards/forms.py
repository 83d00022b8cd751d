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
    unit = UnitLookupChoice(Organisation.objects.all(), label=_("Unit where the incident occurred"))
    kind = forms.ChoiceField(choices=R40_CHOICES, label=_("Incident type"))
    carriers = forms.ModelMultipleChoiceField(
        Carrier.objects.all(),
        label=_("Disclosed or lost state secrets"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl to select several state secrets."),
    )
    found_by = LookupChoice(
        Person.objects.all(),
        label=_("Person who discovered the incident"),
        required=False,
        help_text=_("Leave blank if you discovered it yourself."),
    )
    found_at = forms.DateTimeField(
        label=_("Time of discovery"),
        widget=MOMENT,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    description = forms.CharField(max_length=TEXT_MAX, label=_("Course of events"), widget=_text(4))
    measures = forms.CharField(
        max_length=TEXT_MAX, label=_("Measures taken immediately"), widget=_text(2), required=False
    )


class NoticeForm(forms.Form):
    notice = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Notice to the classifying agency (document number, date, content)"),
        widget=_text(2),
    )


class RemedyForm(AgencyForm):
    action = forms.CharField(max_length=TEXT_MAX, label=_("Remedial measure"), widget=_text(2))
    owner = LookupChoice(Person.objects.all(), label=_("Person carrying out the measure"))
    due_on = forms.DateField(label=_("Completion deadline"), widget=DATE)

    def agency_ids(self) -> list[int]:
        """The owner works in the agency of the incident (R40)."""
        incident = self.subject
        if incident is None:
            return super().agency_ids()
        return (incident.unit or incident.carrier.agency).registering_agency().subtree_ids()


class RemedyDoneForm(forms.Form):
    result = forms.CharField(max_length=TEXT_MAX, label=_("Remedial measure result"), widget=_text(2))


class CloseForm(forms.Form):
    note = forms.CharField(max_length=300, label=_("Remedy outcome, conclusion"), widget=_text(2))


class DesignateForm(forms.Form):
    decision_ref = forms.CharField(label=_("Assignment document number"), max_length=120)
    decided_on = forms.DateField(label=_("Document date"), widget=DATE)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CommitmentForm(forms.Form):
    kind = forms.ChoiceField(choices=CommitmentKind.choices, label=_("Commitment type"))
    signed_on = forms.DateField(label=_("Signing date"), widget=DATE)
    scan = forms.FileField(label=_("Scan of the signed commitment (PDF, image)"))
    note = forms.CharField(label=_("Notes"), max_length=300, required=False)


class TrainingForm(AgencyForm):
    unit = UnitLookupChoice(Organisation.objects.all(), label=_("Organising unit"))
    title = forms.CharField(label=_("Training content"), max_length=300)
    held_on = forms.DateField(label=_("Training date"), widget=DATE)
    trainer = forms.CharField(label=_("Speakers, partner units"), max_length=200, required=False)
    place = forms.CharField(label=_("Training venue"), max_length=200, required=False)
    attendees = LookupMultipleChoice(Person.objects.all(), label=_("Attendees"))


class DeviceForm(AgencyForm):
    unit = UnitLookupChoice(Organisation.objects.all(), label=_("Managing unit"))
    kind = forms.ChoiceField(choices=DeviceKind.choices, label=_("Device type"))
    name = forms.CharField(label=_("Device name, brand"), max_length=200)
    serial = forms.CharField(label=_("Model number, serial number"), max_length=100, required=False)
    location = forms.CharField(label=_("Location, user"), max_length=200, required=False)
    connection = forms.ChoiceField(choices=Connection.choices, label=_("Network connection"))
    origin = forms.ChoiceField(choices=DeviceOrigin.choices, label=_("Device origin"))
    origin_note = forms.CharField(
        label=_("Donating or sponsoring agency, organisation"), max_length=200, required=False
    )


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("Inspection date"), widget=DATE)
    inspector = forms.CharField(label=_("Inspecting person or unit"), max_length=200)
    result = forms.ChoiceField(choices=InspectionResult.choices, label=_("Inspection result"))
    note = forms.CharField(max_length=300, label=_("Notes"), widget=_text(2), required=False)


class SecretUseForm(forms.Form):
    used = forms.TypedChoiceField(
        choices=[("1", _("Start using for state secrets")), ("0", _("Stop using for state secrets"))],
        coerce=lambda v: v == "1",
        label=_("Used for state secrets"),
    )


class ConnectionForm(forms.Form):
    connection = forms.ChoiceField(choices=Connection.choices, label=_("New network connection"))


class SanitiseForm(forms.Form):
    method = forms.ChoiceField(choices=SanitisationMethod.choices, label=_("Measure"))
    done_on = forms.DateField(label=_("Date carried out"), widget=DATE)
    performed_by = forms.CharField(label=_("Performed by"), max_length=200)
    note = forms.CharField(max_length=300, label=_("Notes"), widget=_text(2), required=False)


class ReassignForm(AgencyForm):
    unit = UnitLookupChoice(Organisation.objects.all(), label=_("Transfer to unit"))
    location = forms.CharField(label=_("Location, user"), max_length=200, required=False)


class DisposeForm(forms.Form):
    note = forms.CharField(max_length=300, label=_("Disposal method, document"), widget=_text(2))


class ScanImportForm(forms.Form):
    file = forms.FileField(label=_("Scan result file (bmnn-scan --format jsonl)"))


class SweepImportForm(forms.Form):
    # The metaclass moves a field out of the class: BaseForm.files stays what Django binds.
    files = MultipleFileField(
        label=_("Scan result files of the computers (bmnn-scan --format jsonl)"),  # type: ignore[assignment]
        help_text=_(
            "Choose one or more files; each file is named after the computer's serial number in the device "
            "register (e.g. DL-7090-01.jsonl)."
        ),
    )


class FindingResolveForm(forms.Form):
    remedy = forms.CharField(max_length=TEXT_MAX, label=_("Handling measure"), widget=_text(2))
