"""How every form of the site is drawn: Django's form templates (``FORM_RENDERER``), one layout for all.

``{{ form }}`` renders ``web/forms/form.html`` (the form's own errors, then each field) and each field
``web/forms/field.html`` (label, widget, help, errors), so the forms generated from the operations'
declarations and the apps' own forms show labels, help and errors the same way.
"""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
