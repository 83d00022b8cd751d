from django.urls import path

from . import api

app_name = "gate-api"
urlpatterns = [
    path("gate/checks/", api.gate_check, name="checks"),
]
