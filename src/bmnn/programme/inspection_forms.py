"""The input of the self-inspection operations (P2): one form each for the screen, the API and the command.

Shape only; the services decide. Choices are limited to what the actor may see: units of their scope,
people of the inspected unit.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from bmnn.core import clock
from bmnn.core.limits import TEXT_MAX
from bmnn.core.lookup import LookupChoice, UnitLookupChoice
from bmnn.core.operations import OperationForm
from bmnn.org.models import Organisation, Person

from .choices import Answer
from .forms import MultipleFileField, parents_for
from .models import ChecklistTemplate, InspectionAnswer, Plan
from .policies import scope_ids, units_acting_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InspectionOpenForm(OperationForm):
    unit = UnitLookupChoice(Organisation.objects.none(), label=_("Inspected unit"))
    inspecting_unit = UnitLookupChoice(
        Organisation.objects.none(),
        label=_("Inspecting unit"),
        help_text=_("The unit itself (self-inspection) or a superior unit."),
    )
    template = forms.ModelChoiceField(ChecklistTemplate.objects.none(), label=_("Inspection checklist"))
    team = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Inspection team"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One member per line: full name – position – role."),
    )
    started_on = forms.DateField(label=_("Inspection date"), widget=DATE, initial=clock.today)
    decision_ref = forms.CharField(label=_("Inspection decision (number, date)"), required=False, max_length=200)
    plan = forms.ModelChoiceField(Plan.objects.none(), label=_("Under the plan"), required=False)

    def setup(self) -> None:
        templates = ChecklistTemplate.objects.filter(active=True).annotate(n=Count("items")).filter(n__gt=0)
        cast("forms.ModelChoiceField[Any]", self.fields["template"]).queryset = templates
        if self.actor is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["inspecting_unit"]).queryset = units_acting_for(self.actor)
            cast("forms.ModelChoiceField[Any]", self.fields["unit"]).queryset = Organisation.objects.filter(
                pk__in=scope_ids(self.actor)
            ).order_by("name")
            cast("forms.ModelChoiceField[Any]", self.fields["plan"]).queryset = parents_for(self.actor)
            default = templates.filter(is_default=True).first()
            if default is not None:
                self.fields["template"].initial = default.pk


class AnswerForm(OperationForm):
    result = forms.ChoiceField(choices=Answer.choices, label=_("Inspection item result"))
    note = forms.CharField(
        max_length=300, label=_("Notes and shortcomings"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(label=_("Evidence files"), required=False)  # type: ignore[assignment]  # the metaclass moves a field out of the class: BaseForm.files stays


class FindingForm(OperationForm):
    """A finding of the inspection (the subject): its point, and an owner among the inspected unit's people."""

    answer = forms.ModelChoiceField(InspectionAnswer.objects.none(), label=_("Inspection item"), required=False)
    description = forms.CharField(
        max_length=TEXT_MAX, label=_("Shortcomings and limitations"), widget=forms.Textarea(attrs={"rows": 2})
    )
    remedy = forms.CharField(
        max_length=TEXT_MAX, label=_("Remedial measures"), widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = LookupChoice(Person.objects.none(), label=_("Person responsible"))
    due = forms.DateField(label=_("Remedy deadline"), widget=DATE)

    def setup(self) -> None:
        inspection = self.subject
        if inspection is None:
            return
        answer = cast("forms.ModelChoiceField[Any]", self.fields["answer"])
        owner = cast("forms.ModelChoiceField[Any]", self.fields["owner"])
        answer.queryset = inspection.answers.all()
        answer.label_from_instance = lambda obj: f"{obj.order}. {obj.text[:90]}"  # type: ignore[method-assign]  # Django lets one field's labels be replaced
        owner.queryset = Person.objects.filter(
            organisation_id__in=inspection.unit.subtree_ids(), is_active=True
        ).order_by("last_name", "first_name")
        owner.label_from_instance = lambda obj: f"{obj.get_full_name()} – {obj.organisation}"  # type: ignore[method-assign]  # Django lets one field's labels be replaced


class ConcludeForm(OperationForm):
    conclusion = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Inspection conclusion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "An inspection can be concluded only when every item has been assessed and every item not met "
            "has a shortcoming with remedial measures."
        ),
    )


class FindingCloseForm(OperationForm):
    result_note = forms.CharField(
        max_length=TEXT_MAX, label=_("Remedy result"), widget=forms.Textarea(attrs={"rows": 2})
    )
