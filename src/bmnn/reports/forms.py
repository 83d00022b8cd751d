"""Forms of the report screens: shape only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.limits import TEXT_MAX
from bmnn.core.lookup import UnitLookupChoice
from bmnn.core.operations import OperationForm
from bmnn.org.models import Organisation

from .selectors import current_year


class BuildForm(OperationForm):
    year = forms.IntegerField(label=_("Năm báo cáo"), min_value=2000, max_value=2100)

    def setup(self) -> None:
        self.fields["year"].initial = current_year()


class TextForm(OperationForm):
    """Sections a–d; a field left out of an API call or a command keeps its current text."""

    situation = forms.CharField(
        max_length=TEXT_MAX, label=_("a) Đánh giá tình hình"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    results = forms.CharField(
        max_length=TEXT_MAX,
        label=_("b) Kết quả, ưu điểm, hạn chế, khó khăn, nguyên nhân, bài học kinh nghiệm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    incidents_text = forms.CharField(
        max_length=TEXT_MAX,
        label=_("c) Tình hình, nguyên nhân, xử lý, khắc phục các vụ lộ, mất BMNN"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposals = forms.CharField(
        max_length=TEXT_MAX,
        label=_("d) Dự báo, phương hướng, nhiệm vụ trọng tâm, đề xuất, kiến nghị"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def setup(self) -> None:
        for name, field in self.fields.items():
            field.initial = getattr(self.subject, name, "")


class ImportForm(forms.Form):
    package = forms.FileField(label=_("Gói báo cáo ký số (.zip)"))


class TrustedKeyForm(forms.Form):
    organisation = UnitLookupChoice(queryset=Organisation.objects.filter(keeps_register=True), label=_("Đơn vị"))
    public_key = forms.CharField(label=_("Khóa công khai (Ed25519, base64)"), max_length=64)
    label = forms.CharField(label=_("Ghi chú"), max_length=200, required=False)


class SummaryBuildForm(OperationForm):
    """The last year of the summary period (R41)."""

    last_year = forms.IntegerField(label=_("Năm cuối của giai đoạn tổng kết"), min_value=2000, max_value=2100)

    def setup(self) -> None:
        self.fields["last_year"].initial = current_year()


class SummaryTextForm(OperationForm):
    """The summary's texts; a field left out of an API call or a command keeps its current text."""

    assessment = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Đánh giá tổng kết công tác bảo vệ BMNN trong kỳ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    proposals = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Phương hướng, đề xuất, kiến nghị cho kỳ tới"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def setup(self) -> None:
        for name in ("assessment", "proposals"):
            self.fields[name].initial = getattr(self.subject, name, "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        return {k: v for k, v in data.items() if k in self.data}


class PrintForm(OperationForm):
    fmt = forms.ChoiceField(choices=[("pdf", "PDF"), ("docx", "DOCX")], label=_("Định dạng"), initial="pdf")
