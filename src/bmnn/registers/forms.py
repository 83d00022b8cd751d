"""Input shapes of the registers screens and API."""

from __future__ import annotations

from typing import Any

from django import forms

from bmnn.core.levels import Level
from bmnn.core.limits import COUNT_MAX
from bmnn.org.models import Organisation


class RegisterFilterForm(forms.Form):
    """Period, unit, level and volume of a register print."""

    quyen = forms.IntegerField(max_value=COUNT_MAX, label="Quyển số", required=False, min_value=1)
    tu_ngay = forms.DateField(label="Từ ngày", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    den_ngay = forms.DateField(label="Đến ngày", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    don_vi = forms.ModelChoiceField(label="Đơn vị", required=False, queryset=Organisation.objects.none(),
                                    empty_label="Tất cả")
    do_mat = forms.ChoiceField(label="Độ mật", required=False, choices=[("", "Tất cả"), *Level.choices])

    def __init__(self, *args: Any, agency: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["don_vi"].queryset = Organisation.objects.filter(pk__in=agency.subtree_ids())
