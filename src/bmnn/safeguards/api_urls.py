from django.urls import path

from . import api

app_name = "safeguards-api"
urlpatterns = [
    path("incidents/", api.incident_list, name="incidents"),
    path("incidents/<int:pk>/", api.incident_detail, name="incident"),
    path("incidents/<int:pk>/<slug:op>/", api.incident_act, name="incident-act"),
    path("remedies/<int:pk>/done/", api.remedy_done, name="remedy-done"),
    path("incident-reports/awaiting/", api.reports_awaiting, name="reports-awaiting"),
    path("staff/", api.staff_list, name="staff"),
    path("staff/<int:pk>/", api.staff_detail, name="person"),
    path("staff/<int:pk>/commitments/", api.commitment_add, name="commitments"),
    path("staff/<int:pk>/offboarding/complete/", api.offboarding_complete, name="offboarding-complete"),
    path("staff/<int:pk>/<slug:op>/", api.staff_act, name="person-act"),
    path("trainings/", api.training_new, name="trainings"),
    path("devices/", api.device_list, name="devices"),
    path("devices/<int:pk>/", api.device_detail, name="device"),
    path("devices/<int:pk>/scans/", api.scan_upload, name="scans"),
    path("devices/<int:pk>/<slug:op>/", api.device_act, name="device-act"),
    path("findings/<int:pk>/resolve/", api.finding_resolve, name="finding-resolve"),
]
