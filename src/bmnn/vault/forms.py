from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.approvals.models import Request
from bmnn.core.limits import TEXT_MAX
from bmnn.core.operations import OperationForm


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("PDF file (electronic document or scan), or a scanned JPEG, PNG or TIFF image"),
        allow_empty_file=False,
    )
    reason = forms.CharField(
        label=_("Reason, if the classification mark in the file differs from the record's classification"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DownloadForm(OperationForm):
    """The approved copy request the download uses (a download is a copy: R12–R16)."""

    request: forms.ModelChoiceField[Request] = forms.ModelChoiceField(
        queryset=None, label=_("Approved copy request"), empty_label=None
    )

    def setup(self) -> None:
        from .services import download_requests  # the choices are the same query the check uses

        field = self.fields["request"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = download_requests(self.actor, self.subject) if self.subject is not None else None
        # Django lets one field's labels be replaced.
        field.label_from_instance = lambda obj: (  # type: ignore[method-assign]
            f"Đề nghị số {obj.pk}, ngày {obj.created_at:%d/%m/%Y}, "
            f"{obj.payload.get('count', 1)} bản, người cho phép: {obj.decided_by}"
        )
        if field.queryset is not None and field.queryset.count() == 1:
            field.initial = field.queryset.first()
