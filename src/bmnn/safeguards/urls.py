from django.urls import path

from . import views

# The operations' screens (su-co/moi/, su-co/<id>/ket-thuc/, thiet-bi/<id>/kiem-tra/...) come from
# safeguards.operations; these are the reads.
app_name = "safeguards"
urlpatterns = [
    path("su-co/", views.incident_list, name="incidents"),
    path("su-co/<int:pk>/", views.incident_detail, name="incident"),
    path("su-co/<int:pk>/bao-cao-dot-xuat/", views.incident_report, name="incident-report"),
    path("cong-tac-can-bo/", views.staff_list, name="staff"),
    path("cong-tac-can-bo/<int:pk>/", views.staff_detail, name="person"),
    path("cam-ket/<int:pk>/tep/", views.commitment_file, name="commitment-file"),
    path("tap-huan/<int:pk>/", views.training_detail, name="training"),
    path("thiet-bi/", views.device_list, name="devices"),
    path("thiet-bi/<int:pk>/", views.device_detail, name="device"),
    path("dot-quet/<int:pk>/", views.sweep_detail, name="sweep"),
]
