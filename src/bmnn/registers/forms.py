"""Input shapes of the registers screens and API."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.levels import Level
from bmnn.core.limits import COUNT_MAX
from bmnn.core.lookup import UnitLookupChoice, point_at
from bmnn.core.operations import OperationForm
from bmnn.core.widgets import DateInput
from bmnn.org.models import Organisation

from .choices import KIND_SLUG, RegisterKind

FILTER = "register-print"  # the look-up's name for this form (core.lookup.register_filter)


class RegisterFilterForm(forms.Form):
    """Period, unit (typed and looked up, not listed: an agency may hold thousands), level and volume of a print."""

    quyen = forms.IntegerField(max_value=COUNT_MAX, label=_("Volume number"), required=False, min_value=1)
    tu_ngay = forms.DateField(label=_("Print from date"), required=False, widget=DateInput())
    den_ngay = forms.DateField(label=_("Print to date"), required=False, widget=DateInput())
    don_vi = UnitLookupChoice(label=_("Unit to print"), required=False, queryset=Organisation.objects.none())
    do_mat = forms.ChoiceField(
        label=_("Classification level to print"), required=False, choices=[("", _("All levels")), *Level.choices]
    )

    def __init__(self, *args: Any, agency: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agency is not None:
            cast("forms.ModelChoiceField[Any]", self.fields["don_vi"]).queryset = Organisation.objects.filter(
                pk__in=agency.subtree_ids()
            )
        point_at(self, FILTER, None)


class VolumeCloseForm(OperationForm):
    """Which register's open volume to close, and of which year (R20)."""

    kind = forms.ChoiceField(
        label=_("Register to close"),
        choices=[(KIND_SLUG[k], label) for k, label in RegisterKind.choices if k != RegisterKind.STATISTICS],
    )
    year = forms.IntegerField(label=_("Register year"), min_value=2000, max_value=2100)
