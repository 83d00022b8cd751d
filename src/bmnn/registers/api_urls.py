from django.urls import path

from . import api
from .converters import YEAR

app_name = "registers-api"
urlpatterns = [
    path("registers/layouts/", api.layouts, name="layouts"),
    path(f"registers/<slug:slug>/<{YEAR}:year>/", api.register, name="register"),
    path("forms/commitment/", api.commitment, name="commitment"),
    path("forms/<int:pk>/", api.record_forms, name="record-forms"),
    path("forms/<int:pk>/<slug:slug>/", api.form, name="form"),
]
