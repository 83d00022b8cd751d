"""The input of the plan operations (P1): one form each for the screen, the API and the command.

Shape only; the services decide. Choices are narrowed to what the actor may choose (``setup``).
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bmnn.core.forms import MultipleFileField
from bmnn.core.limits import NUMBER_MAX, TEXT_MAX
from bmnn.core.lookup import UnitLookupChoice, UnitLookupMultipleChoice
from bmnn.core.operations import OperationForm
from bmnn.core.widgets import DateInput
from bmnn.org.models import Organisation, Person

from . import selectors
from .choices import PlanStatus, Recurrence
from .models import Assignment, Plan
from .policies import units_acting_for

DATE = DateInput()


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class LinesInput(forms.Textarea):
    """A text area that also takes its lines as a list (``contents=["a", "b"]`` from the API)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if hasattr(data, "getlist"):
            values = data.getlist(name)
            return values if len(values) > 1 else (values[0] if values else None)
        return data.get(name)


class LinesField(forms.CharField):
    """Lines of text: one per line of the text area, or the items of a list."""

    widget = LinesInput

    def to_python(self, value: Any) -> str:
        if isinstance(value, list | tuple):
            value = "\n".join(str(item) for item in value)
        return str(super().to_python(value))


def units_of_tree(unit: Organisation) -> QuerySet[Organisation]:
    """Units a plan of ``unit`` can hand tasks to: the whole tree it belongs to (a police plan reaches departments)."""
    root = ([unit, *unit.ancestors()])[-1]
    return Organisation.objects.filter(pk__in=root.subtree_ids()).order_by("name")


def parents_for(person: Person) -> QuerySet[Plan]:
    """Issued plans a new plan may implement: those the person sees (the service checks the link)."""
    return selectors.plans_visible_to(person).filter(status=PlanStatus.ISSUED)


class PlanForm(OperationForm):
    """A new draft plan of a unit the actor acts for."""

    unit = UnitLookupChoice(Organisation.objects.none(), label=_("Issuing agency or unit"))
    parent = forms.ModelChoiceField(
        Plan.objects.none(),
        label=_("Implements the superior plan"),
        required=False,
        help_text=_("Leave empty if the plan does not implement a superior's plan."),
    )
    number = forms.IntegerField(
        max_value=NUMBER_MAX,
        label=_("Plan number"),
        min_value=1,
        required=False,
        help_text=_("May be left empty until the plan is issued."),
    )
    symbol = forms.CharField(label=_("Plan symbol"), max_length=60, help_text=_("For example: KH-SGDDT"))
    place = forms.CharField(label=_("Place name"), max_length=100)
    issued_on = forms.DateField(label=_("Date of issue"), widget=DATE)
    title = forms.CharField(label=_("Plan title (summary)"), max_length=400)
    basis = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Basis (documents being implemented)"),
        widget=_text(3),
        help_text=_("One document per line."),
    )
    purposes = forms.CharField(max_length=TEXT_MAX, label=_("Purposes and requirements"), widget=_text(3))
    contents = LinesField(
        max_length=TEXT_MAX,
        label=_("Work items"),
        widget=LinesInput(attrs={"rows": 5}),
        help_text=_("One item per line; they are numbered in order."),
    )
    reporting = forms.CharField(
        max_length=TEXT_MAX, label=_("Implementation and reporting arrangements"), widget=_text(3), required=False
    )
    recipients = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Recipients of the plan"),
        widget=_text(3),
        required=False,
        help_text=_("One recipient per line."),
    )
    signer_title = forms.CharField(label=_("Signer's position"), max_length=120, required=False)
    signer_name = forms.CharField(label=_("Signer's full name"), max_length=120, required=False)

    def setup(self) -> None:
        if self.actor is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["unit"]).queryset = units_acting_for(self.actor)
            cast("forms.ModelChoiceField[Any]", self.fields["parent"]).queryset = parents_for(self.actor)

    def clean_contents(self) -> list[str]:
        value = self.cleaned_data["contents"]
        lines = value if isinstance(value, list) else str(value).splitlines()
        return [str(line).strip() for line in lines if str(line).strip()]


class PlanEditForm(PlanForm):
    """A draft being edited (the subject): its issuing unit stays, shown but not changed."""

    def setup(self) -> None:
        super().setup()
        self.fields["unit"].required = False
        self.fields["unit"].disabled = True
        plan = self.subject
        if plan is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["unit"]).queryset = Organisation.objects.filter(
                pk=plan.issuing_unit_id
            )
            self.initial = {**plan_initial(plan), **self.initial}


def plan_initial(plan: Plan) -> dict[str, Any]:
    """The form's starting values from a draft."""
    names = [
        "number",
        "symbol",
        "place",
        "issued_on",
        "title",
        "basis",
        "purposes",
        "reporting",
        "recipients",
        "signer_title",
        "signer_name",
    ]
    return {
        **{n: getattr(plan, n) for n in names},
        "unit": plan.issuing_unit_id,
        "parent": plan.parent_id,
        "contents": "\n".join(c.text for c in plan.contents.all()),
    }


class TaskForm(OperationForm):
    title = forms.CharField(label=_("Task"), max_length=400)
    description = forms.CharField(max_length=TEXT_MAX, label=_("Task details"), widget=_text(2), required=False)
    leads = UnitLookupMultipleChoice(Organisation.objects.none(), label=_("Lead units"))
    coordinators = UnitLookupMultipleChoice(Organisation.objects.none(), label=_("Coordinating units"), required=False)
    due = forms.DateField(
        label=_("Task deadline"), widget=DATE, required=False, help_text=_("Required if the task is carried out once.")
    )
    recurrence = forms.ChoiceField(label=_("Task recurrence"), choices=Recurrence.choices, initial=Recurrence.NONE)
    source = forms.ModelChoiceField(
        Assignment.objects.none(), label=_("Details a task assigned by the superior"), required=False
    )

    def setup(self) -> None:
        plan = self.subject
        if plan is None:
            return
        units = units_of_tree(plan.issuing_unit)
        cast("forms.ModelChoiceField[Any]", self.fields["leads"]).queryset = units
        cast("forms.ModelChoiceField[Any]", self.fields["coordinators"]).queryset = units
        source = cast("forms.ModelChoiceField[Any]", self.fields["source"])
        source.queryset = selectors.assignments_received(plan.issuing_unit)
        source.label_from_instance = lambda obj: f"{obj.task.plan.reference}: {obj.task.title}"  # type: ignore[method-assign]  # Django lets one field's labels be replaced


class AttachForm(OperationForm):
    files = MultipleFileField(label=_("Attached files"))  # type: ignore[assignment]  # the metaclass moves a field out of the class: BaseForm.files stays


class IssueForm(OperationForm):
    number = forms.IntegerField(max_value=NUMBER_MAX, label=_("Plan number to issue"), min_value=1, required=False)

    def setup(self) -> None:
        if self.subject is not None:
            self.fields["number"].initial = self.subject.number


class ReportForm(OperationForm):
    text = forms.CharField(max_length=TEXT_MAX, label=_("Progress made"), widget=_text(3))
    complete = forms.BooleanField(label=_("The task is done"), required=False)
    files = MultipleFileField(label=_("Evidence files"), required=False)  # type: ignore[assignment]  # the metaclass moves a field out of the class: BaseForm.files stays


class RemindForm(OperationForm):
    text = forms.CharField(max_length=TEXT_MAX, label=_("Reminder text"), widget=_text(2))


class ReturnForm(OperationForm):
    reason = forms.CharField(max_length=TEXT_MAX, label=_("Reason for returning the report"), widget=_text(2))
