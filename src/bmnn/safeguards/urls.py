from django.urls import path

from . import views

app_name = "safeguards"
urlpatterns = [
    path("su-co/", views.incident_list, name="incidents"),
    path("su-co/moi/", views.incident_new, name="incident-new"),
    path("su-co/<int:pk>/", views.incident_detail, name="incident"),
    path("su-co/<int:pk>/bao-cao-dot-xuat/", views.incident_report, name="incident-report"),
    path("su-co/<int:pk>/<slug:op>/", views.incident_act, name="incident-act"),
    path("bien-phap-khac-phuc/<int:pk>/xong/", views.remedy_done, name="remedy-done"),
    path("cong-tac-can-bo/", views.staff_list, name="staff"),
    path("cong-tac-can-bo/<int:pk>/", views.staff_detail, name="person"),
    path("cong-tac-can-bo/<int:pk>/cam-ket/", views.commitment_add, name="commitment-add"),
    path("cong-tac-can-bo/<int:pk>/hoan-thanh-thoi-viec/", views.offboarding_complete, name="offboarding-complete"),
    path("cong-tac-can-bo/<int:pk>/<slug:op>/", views.staff_act, name="person-act"),
    path("cam-ket/<int:pk>/tep/", views.commitment_file, name="commitment-file"),
    path("tap-huan/moi/", views.training_new, name="training-new"),
    path("thiet-bi/", views.device_list, name="devices"),
    path("thiet-bi/moi/", views.device_new, name="device-new"),
    path("thiet-bi/<int:pk>/", views.device_detail, name="device"),
    path("thiet-bi/<int:pk>/nhap-ket-qua-quet/", views.scan_upload, name="scan-upload"),
    path("thiet-bi/<int:pk>/<slug:op>/", views.device_act, name="device-act"),
    path("phat-hien/<int:pk>/xu-ly/", views.finding_resolve, name="finding-resolve"),
]
