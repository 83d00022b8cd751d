from django.urls import path

from . import api
from .converters import YEAR

app_name = "registers-api"
urlpatterns = [
    path("so-sach/mau-so/", api.layouts, name="layouts"),
    path(f"so-sach/<slug:slug>/<{YEAR}:year>/", api.register, name="register"),
    path(f"so-sach/<slug:slug>/<{YEAR}:year>/khoa-quyen/", api.close, name="close-volume"),
    path("bieu-mau/cam-ket/", api.commitment, name="commitment"),
    path("bieu-mau/<int:pk>/", api.record_forms, name="record-forms"),
    path("bieu-mau/<int:pk>/<slug:slug>/", api.form, name="form"),
]
