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
    unit = UnitLookupChoice(Organisation.objects.none(), label=_("Đơn vị được kiểm tra"))
    inspecting_unit = UnitLookupChoice(
        Organisation.objects.none(),
        label=_("Đơn vị kiểm tra"),
        help_text=_("Chính đơn vị đó (tự kiểm tra) hoặc đơn vị cấp trên."),
    )
    template = forms.ModelChoiceField(ChecklistTemplate.objects.none(), label=_("Danh mục kiểm tra"))
    team = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Đoàn kiểm tra"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi thành viên một dòng: họ tên – chức vụ – vai trò."),
    )
    started_on = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE, initial=clock.today)
    decision_ref = forms.CharField(label=_("Quyết định kiểm tra (số, ngày)"), required=False, max_length=200)
    plan = forms.ModelChoiceField(Plan.objects.none(), label=_("Theo kế hoạch"), required=False)

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
    result = forms.ChoiceField(choices=Answer.choices, label=_("Kết quả"))
    note = forms.CharField(
        max_length=300, label=_("Ghi chú, tồn tại"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(label=_("Tệp minh chứng"), required=False)  # type: ignore[assignment]  # the metaclass moves a field out of the class: BaseForm.files stays


class FindingForm(OperationForm):
    """A finding of the inspection (the subject): its point, and an owner among the inspected unit's people."""

    answer = forms.ModelChoiceField(InspectionAnswer.objects.none(), label=_("Nội dung kiểm tra"), required=False)
    description = forms.CharField(
        max_length=TEXT_MAX, label=_("Tồn tại, hạn chế"), widget=forms.Textarea(attrs={"rows": 2})
    )
    remedy = forms.CharField(
        max_length=TEXT_MAX, label=_("Biện pháp khắc phục"), widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = LookupChoice(Person.objects.none(), label=_("Người chịu trách nhiệm"))
    due = forms.DateField(label=_("Hạn khắc phục"), widget=DATE)

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
        label=_("Kết luận kiểm tra"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Chỉ kết luận được khi mọi nội dung đã đánh giá và mỗi nội dung chưa đạt có tồn tại kèm "
            "biện pháp khắc phục."
        ),
    )


class FindingCloseForm(OperationForm):
    result_note = forms.CharField(
        max_length=TEXT_MAX, label=_("Kết quả khắc phục"), widget=forms.Textarea(attrs={"rows": 2})
    )
