"""Forms of the lifecycle screens: shape only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.registry.choices import CopyForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CopyRequestForm(forms.Form):
    form = forms.ChoiceField(choices=CopyForm.choices, label=_("Hình thức"))
    count = forms.IntegerField(min_value=1, max_value=500, label=_("Số bản đề nghị"))
    recipients = forms.CharField(label=_("Nơi nhận bản sao"), widget=forms.Textarea(attrs={"rows": 2}))
    reasons = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class TakeoutRequestForm(forms.Form):
    purpose = forms.CharField(label=_("Mục đích"), widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label=_("Địa điểm sử dụng"), max_length=200)
    start = forms.DateField(label=_("Từ ngày"), widget=DATE)
    due = forms.DateField(label=_("Hạn trả"), widget=DATE)
    measures = forms.CharField(label=_("Biện pháp bảo vệ"), widget=forms.Textarea(attrs={"rows": 2}))
    abroad = forms.BooleanField(label=_("Mang ra nước ngoài"), required=False)


class ExtensionRequestForm(forms.Form):
    new_until = forms.DateField(label=_("Gia hạn đến ngày"), widget=DATE)
    reasons = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(choices=[("1", _("Phê duyệt")), ("0", _("Từ chối"))],
                                     coerce=lambda v: v == "1", widget=forms.RadioSelect, label=_("Quyết định"))
    reasons = forms.CharField(label=_("Ý kiến (bắt buộc khi từ chối)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class CopyMakeForm(forms.Form):
    made = forms.IntegerField(min_value=1, label=_("Số bản đã sao"))
    spoiled = forms.IntegerField(min_value=0, initial=0, label=_("Số bản hỏng, thừa (hủy ngay)"))


class ReturnForm(forms.Form):
    closing_report = forms.CharField(label=_("Báo cáo kết thúc"), widget=forms.Textarea(attrs={"rows": 3}))
