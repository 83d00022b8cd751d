from django import forms
from django.utils.translation import gettext_lazy as _


class GateForm(forms.Form):
    file = forms.FileField(label=_("File to be published"), allow_empty_file=True)
