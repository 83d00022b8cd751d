from django.urls import path

from . import api

app_name = "registers-api"
urlpatterns = [
    path("registers/layouts/", api.layouts, name="layouts"),
    path("registers/<slug:slug>/<int:year>/", api.register, name="register"),
    path("forms/commitment/", api.commitment, name="commitment"),
    path("forms/<int:pk>/", api.record_forms, name="record-forms"),
    path("forms/<int:pk>/<slug:slug>/", api.form, name="form"),
]
