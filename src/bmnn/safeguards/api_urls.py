from django.urls import path

from . import api

# The operations' endpoints (incidents/ (POST), devices/<id>/kiem-tra/, staff/<id>/commitments/...)
# come from safeguards.operations; these are the reads.
app_name = "safeguards-api"
urlpatterns = [
    path("incidents/<int:pk>/", api.incident_detail, name="incident"),
    path("incident-reports/awaiting/", api.reports_awaiting, name="reports-awaiting"),
    path("staff/", api.staff_list, name="staff"),
    path("staff/<int:pk>/", api.staff_detail, name="person"),
    path("devices/<int:pk>/", api.device_detail, name="device"),
    path("sweeps/<int:pk>/", api.sweep_detail, name="sweep"),
]
