from django.urls import path

from . import views
from .converters import YEAR

app_name = "registers"
urlpatterns = [
    path("so-sach/", views.index, name="index"),
    path(f"so-sach/<slug:slug>/<{YEAR}:year>/", views.register_view, name="register"),
    path(f"so-sach/<slug:slug>/<{YEAR}:year>/tai-ve.<str:fmt>", views.download, name="download"),
    path("bieu-mau/", views.forms_index, name="forms"),
    path("bieu-mau/cam-ket/", views.commitment, name="commitment"),
    path("bieu-mau/<int:pk>/", views.record_forms, name="record-forms"),
    path("bieu-mau/<int:pk>/<slug:form>/", views.form_download, name="form"),
]
