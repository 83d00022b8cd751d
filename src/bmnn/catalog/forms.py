"""The input schemas of the catalogue's operations: shape only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.limits import TEXT_MAX
from bmnn.core.operations import OperationForm


class ApproveForm(OperationForm):
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Decision comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RefuseForm(OperationForm):
    # Not required here: the service refuses an empty reason with its own message.
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Reason for refusal"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
