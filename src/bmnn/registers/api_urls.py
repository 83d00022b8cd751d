from django.urls import path

from . import api

app_name = "registers-api"
urlpatterns = [
    path("so-sach/mau-so/", api.layouts, name="layouts"),
    path("so-sach/<slug:slug>/<int:year>/", api.register, name="register"),
    path("so-sach/<slug:slug>/<int:year>/khoa-quyen/", api.close, name="close-volume"),
    path("bieu-mau/cam-ket/", api.commitment, name="commitment"),
    path("bieu-mau/<int:pk>/", api.record_forms, name="record-forms"),
    path("bieu-mau/<int:pk>/<slug:slug>/", api.form, name="form"),
]
