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
    year = forms.IntegerField(label=_("Report year"), min_value=2000, max_value=2100)

    def setup(self) -> None:
        self.fields["year"].initial = current_year()


class TextForm(OperationForm):
    """Sections a–d; a field left out of an API call or a command keeps its current text."""

    situation = forms.CharField(
        max_length=TEXT_MAX,
        label=_("a) Assessment of the situation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    results = forms.CharField(
        max_length=TEXT_MAX,
        label=_("b) Results, strengths, limitations, difficulties, causes, lessons learned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    incidents_text = forms.CharField(
        max_length=TEXT_MAX,
        label=_("c) Situation, causes, handling and remedy of disclosures and losses of state secrets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposals = forms.CharField(
        max_length=TEXT_MAX,
        label=_("d) Outlook, direction, key tasks, proposals, recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def setup(self) -> None:
        for name, field in self.fields.items():
            field.initial = getattr(self.subject, name, "")


class ImportForm(forms.Form):
    package = forms.FileField(label=_("Signed report package (.zip)"))


class TrustedKeyForm(forms.Form):
    organisation = UnitLookupChoice(
        queryset=Organisation.objects.filter(keeps_register=True), label=_("Reporting unit")
    )
    public_key = forms.CharField(label=_("Public key (Ed25519, base64)"), max_length=64)
    label = forms.CharField(label=_("Notes"), max_length=200, required=False)


class SummaryBuildForm(OperationForm):
    """The last year of the summary period (R41)."""

    last_year = forms.IntegerField(label=_("Last year of the summary period"), min_value=2000, max_value=2100)

    def setup(self) -> None:
        self.fields["last_year"].initial = current_year()


class SummaryTextForm(OperationForm):
    """The summary's texts; a field left out of an API call or a command keeps its current text."""

    assessment = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Summary assessment of state secret protection work in the period"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    proposals = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Direction, proposals and recommendations for the next period"),
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
    fmt = forms.ChoiceField(choices=[("pdf", "PDF"), ("docx", "DOCX")], label=_("Print format"), initial="pdf")
