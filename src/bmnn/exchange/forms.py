"""The input schemas of the exchange's operations: shape only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.limits import TEXT_MAX
from bmnn.core.operations import OperationForm

from .models import Peer
from .selectors import active_peers


class PeerChoice(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": _("The recipient does not exist (id %(value)s).")}


class SendForm(OperationForm):
    peer = PeerChoice(
        queryset=Peer.objects.none(),
        label=_("Recipient (a system whose keys are registered)"),
        empty_label=_("— Choose a recipient —"),
    )

    def setup(self) -> None:
        cast("forms.ModelChoiceField[Any]", self.fields["peer"]).queryset = active_peers()


class ImportForm(forms.Form):
    package = forms.FileField(label=_("Received package (.zip): document, error report, recall or confirmation"))


class RecallForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the recall"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeerForm(forms.Form):
    name = forms.CharField(label=_("Peer agency or organisation"), max_length=200)
    installation = forms.CharField(label=_("Peer system (location, notes)"), max_length=200, required=False)
    signing_public_key = forms.CharField(label=_("Public signing key (Ed25519, base64)"), max_length=64)
    transport_public_key = forms.CharField(label=_("Public encryption key (X25519, base64)"), max_length=64)
